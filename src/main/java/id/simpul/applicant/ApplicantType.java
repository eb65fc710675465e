package id.simpul.applicant;

public enum ApplicantType {
    PERSON,
    ORGANIZATION;

    /** Lenient: OSS and the counter write "perorangan", "badan usaha", "1", "02"… */
    public static ApplicantType parse(String raw) {
        if (raw == null) {
            return PERSON;
        }
        String t = raw.strip().toUpperCase(java.util.Locale.ROOT);
        return switch (t) {
            case "ORGANIZATION", "ORGANISATION", "ORG", "BADAN_USAHA", "BADAN USAHA", "COMPANY", "02", "2" -> ORGANIZATION;
            default -> PERSON;
        };
    }
}
