package id.simpul.canonical;

import java.util.BitSet;

/**
 * The two-digit province codes that open every region code and every NIK (Permendagri 72/2019, and the Papua
 * provinces of 2022, 93-96): 11-19, 21, 31-36, 51-53, 61-65, 71-76, 81-82, 91-96. Any other pair (20, 45, 80 …)
 * opens no NIK: a typo, an invented number, or another kind of number (a reference that starts with a year).
 */
public final class Provinces {

    private static final BitSet CODES = codes(11, 19, 21, 21, 31, 36, 51, 53, 61, 65, 71, 76, 81, 82, 91, 96);

    private Provinces() {
    }

    public static boolean isCode(int twoDigits) {
        return twoDigits >= 0 && twoDigits < 100 && CODES.get(twoDigits);
    }

    /** Whether {@code text} starts with a province code: its first two characters are digits that make one. */
    public static boolean opens(CharSequence text) {
        return text.length() >= 2 && Character.isDigit(text.charAt(0)) && Character.isDigit(text.charAt(1))
                && isCode((text.charAt(0) - '0') * 10 + (text.charAt(1) - '0'));
    }

    private static BitSet codes(int... ranges) {
        BitSet b = new BitSet(100);
        for (int i = 0; i < ranges.length; i += 2) {
            b.set(ranges[i], ranges[i + 1] + 1);
        }
        return b;
    }
}
