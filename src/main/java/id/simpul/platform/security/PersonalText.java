package id.simpul.platform.security;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The masking of personal data by its form, in text that has no field names: plain Java, so that the log's
 * converter ({@code platform.logging}), which Logback builds before Spring starts, masks what
 * {@link PersonalData} masks in views, by the same rule.
 */
public final class PersonalText {

    /**
     * A NIK is 16 digits (optionally grouped, "1607 1112 0478 0003"); a phone number an Indonesian mobile
     * (08…, +628…, 628…) or an area-coded line ("(0711) 123456", "0711-123456"); an e-mail address has an @.
     * Longer digit runs (an id_izin) and shorter ones (a NIB, an NPWP of 15) are not NIKs; a date is not a
     * phone number.
     */
    static final Pattern IDENTITY = Pattern.compile("(?<![0-9])[0-9]{4}(?:[ .-]?[0-9]{4}){3}(?![0-9])");
    private static final Pattern PHONE = Pattern.compile(
            "(?<![0-9+])(?:(?:\\+62|62|0)[ .-]?8[0-9]{1,3}(?:[ .-]?[0-9]{2,4}){2,3}"
                    + "|\\(0[0-9]{2,3}\\)[ ]?[0-9]{5,8}|0[0-9]{2,3}-[0-9]{5,8})(?![0-9])");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+");
    /** The fewest digits a NIK or phone number above is written with ("0812 34 56"). */
    private static final int FEWEST_DIGITS = 7;

    private PersonalText() {
    }

    /**
     * {@code text} with the identity numbers, phone numbers and e-mail addresses it holds masked as their
     * fields would be ({@link #maskIdentity}, {@link #maskPhone}, {@link #maskEmail}); the rest as written.
     * Names of persons cannot be told from other words by their form and stay (see docs/g2g.md).
     */
    public static String mask(String text) {
        if (text == null || text.isBlank()) {
            return text;
        }
        // Every log line passes here: text without an @ or without enough digits is not scanned by the patterns.
        String masked = text.indexOf('@') >= 0 ? replace(EMAIL, text, PersonalText::maskEmail) : text;
        if (!hasDigits(masked, FEWEST_DIGITS)) {
            return masked;
        }
        masked = replace(IDENTITY, masked, PersonalText::maskIdentity);
        return replace(PHONE, masked, PersonalText::maskPhone);
    }

    private static boolean hasDigits(String text, int fewest) {
        int digits = 0;
        for (int i = 0; i < text.length() && digits < fewest; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            }
        }
        return digits >= fewest;
    }

    private static String replace(Pattern pattern, String text, UnaryOperator<String> mask) {
        return pattern.matcher(text).replaceAll(m -> Matcher.quoteReplacement(mask.apply(m.group())));
    }

    /**
     * The applicant registry's rule ({@code Nik.mask}): a NIK keeps its province and regency (first 4
     * digits) and its last 2; the district and the birth date (digits 5–12) never show. Shorter
     * identity numbers (passports) keep only their last 2.
     */
    public static String maskIdentity(String value) {
        if (value == null) {
            return null;
        }
        String s = value.replaceAll("[\\s.\\-/]", "");
        if (s.length() < 8) {
            return "****";
        }
        int head = s.length() >= 16 ? 4 : 0;
        return s.substring(0, head) + "*".repeat(s.length() - head - 2) + s.substring(s.length() - 2);
    }

    public static String maskPhone(String value) {
        if (value == null) {
            return null;
        }
        String digits = value.replaceAll("[^0-9]", "");
        return digits.length() <= 3 ? "***" : "*".repeat(digits.length() - 3) + digits.substring(digits.length() - 3);
    }

    public static String maskEmail(String value) {
        if (value == null) {
            return null;
        }
        int at = value.indexOf('@');
        return at <= 1 ? "***" : value.charAt(0) + "***" + value.substring(at);
    }
}
