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

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
