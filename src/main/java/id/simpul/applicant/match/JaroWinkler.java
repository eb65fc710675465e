package id.simpul.applicant.match;

/**
 * Jaro–Winkler similarity, computing exactly what commons-text's {@code JaroWinklerSimilarity} (1.14) returns,
 * bit for bit (same matching window, same half-transposition count, same prefix of at most 4, same boost only
 * above 0.7, same floating-point expression), but on the strings' chars with the match flags in two longs:
 * commons-text boxes every character through its {@code SimilarityInput} and allocates four arrays per call, and
 * the scorer calls it several times per candidate pair. Strings longer than 64 chars use the same algorithm with
 * arrays.
 */
final class JaroWinkler {

    private JaroWinkler() {
    }

    static double similarity(String first, String second) {
        if (first.equals(second)) {
            return 1.0;
        }
        String max;
        String min;
        if (first.length() > second.length()) {
            max = first;
            min = second;
        } else {
            max = second;
            min = first;
        }
        int maxLen = max.length();
        int minLen = min.length();
        int matches;
        int halfTranspositions;
        if (maxLen <= 64) {
            int range = Math.max(maxLen / 2 - 1, 0);
            long minMatched = 0;
            long maxMatched = 0;
            matches = 0;
            for (int mi = 0; mi < minLen; mi++) {
                char c1 = min.charAt(mi);
                for (int xi = Math.max(mi - range, 0), end = Math.min(mi + range + 1, maxLen); xi < end; xi++) {
                    if ((maxMatched & (1L << xi)) == 0 && c1 == max.charAt(xi)) {
                        minMatched |= 1L << mi;
                        maxMatched |= 1L << xi;
                        matches++;
                        break;
                    }
                }
            }
            // The i-th matched char of the shorter string against the i-th matched char of the longer one.
            halfTranspositions = 0;
            long a = minMatched;
            long b = maxMatched;
            while (a != 0) {
                int i = Long.numberOfTrailingZeros(a);
                int j = Long.numberOfTrailingZeros(b);
                if (min.charAt(i) != max.charAt(j)) {
                    halfTranspositions++;
                }
                a &= a - 1;
                b &= b - 1;
            }
        } else {
            int range = Math.max(maxLen / 2 - 1, 0);
            boolean[] minMatched = new boolean[minLen];
            boolean[] maxMatched = new boolean[maxLen];
            matches = 0;
            for (int mi = 0; mi < minLen; mi++) {
                char c1 = min.charAt(mi);
                for (int xi = Math.max(mi - range, 0), end = Math.min(mi + range + 1, maxLen); xi < end; xi++) {
                    if (!maxMatched[xi] && c1 == max.charAt(xi)) {
                        minMatched[mi] = true;
                        maxMatched[xi] = true;
                        matches++;
                        break;
                    }
                }
            }
            halfTranspositions = 0;
            int j = 0;
            for (int i = 0; i < minLen; i++) {
                if (minMatched[i]) {
                    while (!maxMatched[j]) {
                        j++;
                    }
                    if (min.charAt(i) != max.charAt(j)) {
                        halfTranspositions++;
                    }
                    j++;
                }
            }
        }
        if (matches == 0) {
            return 0.0;
        }
        int prefix = 0;
        for (int i = 0, n = Math.min(4, minLen); i < n && first.charAt(i) == second.charAt(i); i++) {
            prefix++;
        }
        double m = matches;
        double jaro = (m / first.length() + m / second.length() + (m - halfTranspositions / 2.0) / m) / 3.0;
        return jaro < 0.7 ? jaro : jaro + 0.1 * prefix * (1.0 - jaro);
    }
}
