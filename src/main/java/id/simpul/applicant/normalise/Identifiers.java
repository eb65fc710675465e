package id.simpul.applicant.normalise;

import java.util.Locale;

/** NPWP, NIB, phone numbers and e-mail addresses in one canonical form each. */
public final class Identifiers {

    private Identifiers() {
    }

    /**
     * NPWP as 15 digits: "99.999.999.9-999.999", the 16-digit form "0" + 15 digits and bare digits all
     * become the same string. A 16-digit NPWP that is a resident's NIK is kept as 16 digits; "" when not
     * an NPWP (all zeros, wrong length).
     */
    public static String npwp(String raw) {
        String d = Text.digits(raw);
        if (d.length() == 16 && d.charAt(0) == '0') {
            d = d.substring(1);
        }
        if (d.length() != 15 && d.length() != 16) {
            return "";
        }
        if (d.chars().allMatch(c -> c == '0')) {
            return "";
        }
        return d;
    }

    /**
     * True for a canonical NPWP (see {@link #npwp}) of 16 digits: since 2024 a resident's NPWP is their NIK, so it
     * identifies a person exactly as the NIK does. A 15-digit NPWP (a company's, or a person's from before 2024)
     * is not a NIK.
     */
    public static boolean npwpIsNik(String canonicalNpwp) {
        return canonicalNpwp != null && canonicalNpwp.length() == 16;
    }

    /** NIB: 13 digits; anything else is not an NIB. */
    public static String nib(String raw) {
        String d = Text.digits(raw);
        return d.length() == 13 && !d.chars().allMatch(c -> c == '0') ? d : "";
    }

    /**
     * Indonesian phone numbers as national significant number with country code: 0812…, 62812…,
     * +62 812-…, (0711) 35…, 812… all become 62812…; "" when too short to be a number.
     */
    public static String phone(String raw) {
        String d = Text.digits(raw);
        if (d.startsWith("0062")) {
            d = d.substring(4);
        } else if (d.startsWith("62")) {
            d = d.substring(2);
        } else if (d.startsWith("0")) {
            d = d.substring(1);
        }
        while (d.startsWith("0")) {
            d = d.substring(1);
        }
        if (d.length() < 7 || d.length() > 13) {
            return "";
        }
        return "62" + d;
    }

    /** E-mail lower-cased and trimmed; "" when it has no '@' with text on both sides. */
    public static String email(String raw) {
        if (raw == null) {
            return "";
        }
        String e = raw.strip().toLowerCase(Locale.ROOT).replace(" ", "");
        if (e.startsWith("mailto:")) {
            e = e.substring(7);
        }
        int at = e.indexOf('@');
        if (at <= 0 || at == e.length() - 1 || e.indexOf('@', at + 1) >= 0) {
            return "";
        }
        String local = e.substring(0, at);
        String domain = e.substring(at + 1);
        if (domain.equals("gmail.com") || domain.equals("googlemail.com")) {
            // Gmail ignores dots and +tags in the local part: they are the same mailbox.
            int plus = local.indexOf('+');
            if (plus > 0) {
                local = local.substring(0, plus);
            }
            local = local.replace(".", "");
            domain = "gmail.com";
        }
        return local + "@" + domain;
    }
}
