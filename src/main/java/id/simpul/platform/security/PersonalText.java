package id.simpul.platform.security;

import id.simpul.canonical.Provinces;
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
     * Longer digit runs (an id_izin) and shorter ones (a NIB, an NPWP of 15) are not NIKs, nor is a run that opens
     * no province code ({@link Provinces}); a date is not a phone number.
     */
    private static final Pattern IDENTITY = Pattern.compile("(?<![0-9])[0-9]{4}(?:[ .-]?[0-9]{4}){3}(?![0-9])");
    private static final Pattern PHONE = Pattern.compile(
            "(?<![0-9+])(?:(?:\\+62|62|0)[ .-]?8[0-9]{1,3}(?:[ .-]?[0-9]{2,4}){2,3}"
                    + "|\\(0[0-9]{2,3}\\)[ ]?[0-9]{5,8}|0[0-9]{2,3}-[0-9]{5,8})(?![0-9])");
    // Starts only where a run of local-part characters starts, and never gives back what it took: without both, a
    // long run before an @ (a 1 MiB discard reason) was tried from each of its characters to its end, O(n²), and
    // held a request thread for minutes (BadInputSweepTest).
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]++@[A-Za-z0-9-]++(?:\\.[A-Za-z0-9-]++)+");

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
        String masked = text.indexOf('@') >= 0 ? replace(EMAIL, text, PersonalText::maskEmail) : text;
        masked = replaceFrom(IDENTITY, PersonalText::identityMayStart, masked, PersonalText::maskIdentity);
        return replaceFrom(PHONE, PersonalText::phoneMayStart, masked, PersonalText::maskPhone);
    }

    /**
     * {@code text} {@link #mask masked}, then cut to a column of {@code max} characters ("…" in the last one):
     * masked before it is cut, so a number cut in two is never left half shown. How a stored failure text (a last
     * error, OSS's reply, a probe's failure) is written, since staff of every role read it.
     */
    public static String maskedToFit(String text, int max) {
        String masked = mask(text);
        return masked == null || masked.length() <= max ? masked : masked.substring(0, max - 1) + "…";
    }

    private static String replace(Pattern pattern, String text, UnaryOperator<String> mask) {
        return pattern.matcher(text).replaceAll(m -> Matcher.quoteReplacement(mask.apply(m.group())));
    }

    /**
     * {@link Matcher#replaceAll}'s result, with the pattern tried only at the positions where {@code mayStart}
     * says a match can begin. Every log line passes here: tried at every position, the patterns cost about 8 µs
     * for a line of 80 characters; a line has only a few places where a number starts (docs/performance.md).
     */
    private static String replaceFrom(Pattern pattern, Start mayStart, String text, UnaryOperator<String> mask) {
        Matcher m = pattern.matcher(text).useTransparentBounds(true);
        StringBuilder out = null;
        int copied = 0;
        while (next(m, mayStart, text, copied)) {
            out = out == null ? new StringBuilder(text.length()) : out;
            out.append(text, copied, m.start()).append(mask.apply(m.group()));
            copied = m.end();
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /** Moves {@code m} to the next match at or after {@code from}, tried only where {@code mayStart}; false if none. */
    private static boolean next(Matcher m, Start mayStart, String text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (mayStart.at(text, i) && m.region(i, text.length()).lookingAt()) {
                return true;
            }
        }
        return false;
    }

    /** The first NIK written in {@code text}, as {@link #mask} tells one, or null. */
    static String firstIdentity(String text) {
        Matcher m = IDENTITY.matcher(text).useTransparentBounds(true);
        return next(m, PersonalText::identityMayStart, text, 0) ? m.group() : null;
    }

    /**
     * Where {@link #IDENTITY} can match: a digit after no digit, opening a province code as every NIK does. A run
     * of 16 digits that opens none is another kind of number: a target's reference that starts with its year
     * ("2026113012345672", a SiCantik-style no_permohonan) stays readable in the log and in failure texts.
     */
    private static boolean identityMayStart(String text, int i) {
        return isDigit(text.charAt(i)) && (i == 0 || !isDigit(text.charAt(i - 1)))
                && Provinces.opens(text.subSequence(i, Math.min(i + 2, text.length())));
    }

    /** Where {@link #PHONE} can match: "+62", "62", "0" or "(0", after neither a digit nor a "+". */
    private static boolean phoneMayStart(String text, int i) {
        char c = text.charAt(i);
        if (c != '+' && c != '6' && c != '0' && c != '(') {
            return false;
        }
        char before = i == 0 ? ' ' : text.charAt(i - 1);
        return !isDigit(before) && before != '+';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private interface Start {
        boolean at(String text, int i);
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
