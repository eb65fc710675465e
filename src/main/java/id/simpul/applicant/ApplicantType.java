package id.simpul.applicant;

public enum ApplicantType {
    PERSON,
    ORGANIZATION;

    /**
     * Lenient: OSS and the counter write "perorangan", "badan usaha"…; a number is OSS's jenis_pelaku_usaha
     * (Lampiran 18: 01 Badan Usaha, 02 Perseorangan, 03 Kantor Perwakilan, 04 Badan Usaha Luar Negeri), with or
     * without its leading zero. Words for a legal entity that the
     * sources use besides "badan usaha" (badan hukum, kantor perwakilan, badan usaha luar negeri, perusahaan,
     * korporasi, non perorangan) are organisations too: read as PERSON, a company's record could never match the
     * company's other records (a type mismatch scores -100). Anything else is a person.
     */
    public static ApplicantType parse(String raw) {
        if (raw == null) {
            return PERSON;
        }
        String t = raw.strip().toUpperCase(java.util.Locale.ROOT).replace('_', ' ').replace('-', ' ');
        return switch (t) {
            case "ORGANIZATION", "ORGANISATION", "ORG", "BADAN USAHA", "COMPANY", "01", "1", "03", "3", "04", "4",
                 "BADAN HUKUM",
                 "KANTOR PERWAKILAN", "BADAN USAHA LUAR NEGERI", "PERUSAHAAN", "KORPORASI", "NON PERORANGAN" ->
                    ORGANIZATION;
            default -> PERSON;
        };
    }
}
