package id.simpul.applicant;

/**
 * Public applicant ids: "APL-" and the master's number, padded for sorting. Numbers come from a
 * sequence that only grows and retired masters stay in the store, so an id is never reused.
 */
public final class ApplicantIds {

    private static final String PREFIX = "APL-";

    private ApplicantIds() {
    }

    public static String format(long number) {
        String digits = Long.toString(number);
        return digits.length() >= 8 ? PREFIX + digits : PREFIX + "0".repeat(8 - digits.length()) + digits;
    }

    /** The master number, or -1 when the text is not an applicant id. */
    public static long parse(String applicantId) {
        if (applicantId == null || !applicantId.startsWith(PREFIX) || applicantId.length() == PREFIX.length()) {
            return -1;
        }
        String digits = applicantId.substring(PREFIX.length());
        if (digits.length() > 18 || !digits.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Long.parseLong(digits);
    }
}
