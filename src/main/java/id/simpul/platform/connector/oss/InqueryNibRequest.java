package id.simpul.platform.connector.oss;

/**
 * {@code {"INQUERYNIB":{"nib":"..."}}}, optionally with {@code oss_id}, or {@code {"INQUERYNIB":{"npwp":"..."}}}.
 */
public record InqueryNibRequest(String nib, String npwp, String ossId) {

    public InqueryNibRequest {
        if (isBlank(nib) && isBlank(npwp)) {
            throw new IllegalArgumentException("inqueryNIB needs a nib or an npwp");
        }
    }

    public static InqueryNibRequest byNib(String nib) {
        return new InqueryNibRequest(nib, null, null);
    }

    public static InqueryNibRequest byNpwp(String npwp) {
        return new InqueryNibRequest(null, npwp, null);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
