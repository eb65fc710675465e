package id.simpul.applicant.normalise;

import java.text.Normalizer;
import java.util.regex.Pattern;

/** Shared low-level text cleaning for the normalisers. */
final class Text {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Text() {
    }

    /** Lower case ASCII-ish text without diacritics; sources mix "é" and "e" for the same name. */
    static String fold(String raw) {
        if (raw == null) {
            return "";
        }
        String s = raw.strip();
        if (s.isEmpty()) {
            return "";
        }
        boolean ascii = true;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 127) {
                ascii = false;
                break;
            }
        }
        if (!ascii) {
            s = MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
        }
        return s.toLowerCase(java.util.Locale.ROOT);
    }

    static String squeeze(String s) {
        return SPACES.matcher(s).replaceAll(" ").strip();
    }

    static String digits(String raw) {
        if (raw == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** The ASCII letters a–z (and digits 0–9 when asked) of s: replaceAll("[^a-z0-9]", "") without a regex. */
    static String keepLettersDigits(String s, boolean digits) {
        int n = s.length();
        int i = 0;
        while (i < n && keeps(s.charAt(i), digits)) {
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder b = new StringBuilder(n);
        b.append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (keeps(c, digits)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean keeps(char c, boolean digits) {
        return c >= 'a' && c <= 'z' || digits && c >= '0' && c <= '9';
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
