package id.simpul.applicant.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.junit.jupiter.api.Test;

/** The scorer's own Jaro–Winkler must return exactly what commons-text returned, or match decisions would move. */
class JaroWinklerTest {

    private static final JaroWinklerSimilarity COMMONS = new JaroWinklerSimilarity();

    @Test
    void equalsCommonsTextOnNames() {
        String[][] pairs = {
                {"muhammad rizki", "muhammad rizky"}, {"siti nurhaliza", "siti nurhalizah"}, {"budi santoso", "budi santosa"},
                {"martha", "marhta"}, {"dwayne", "duane"}, {"dixon", "dicksonx"}, {"a", "b"}, {"a", "a"}, {"", "abc"},
                {"abc", ""}, {"agus", "agustinus"}, {"nur hidayah", "hidayah nur"}, {"wati", "watik"}, {"x", "xy"},
        };
        for (String[] p : pairs) {
            assertThat(JaroWinkler.similarity(p[0], p[1])).as(p[0] + " / " + p[1]).isEqualTo(COMMONS.apply(p[0], p[1]));
            assertThat(JaroWinkler.similarity(p[1], p[0])).as(p[1] + " / " + p[0]).isEqualTo(COMMONS.apply(p[1], p[0]));
        }
    }

    @Test
    void equalsCommonsTextOnRandomStringsShortAndLong() {
        Random random = new Random(42);
        String alphabet = "aaeiunrstmh ";
        for (int n = 0; n < 20_000; n++) {
            String a = random(random, alphabet, random.nextInt(n % 10 == 0 ? 90 : 16));
            String b = random.nextBoolean() ? mutate(random, a, alphabet) : random(random, alphabet, random.nextInt(16));
            assertThat(JaroWinkler.similarity(a, b)).as(a + " / " + b).isEqualTo(COMMONS.apply(a, b));
        }
    }

    private static String random(Random random, String alphabet, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private static String mutate(Random random, String s, String alphabet) {
        StringBuilder b = new StringBuilder(s);
        for (int k = random.nextInt(3); k >= 0 && b.length() > 0; k--) {
            int i = random.nextInt(b.length());
            switch (random.nextInt(3)) {
                case 0 -> b.setCharAt(i, alphabet.charAt(random.nextInt(alphabet.length())));
                case 1 -> b.deleteCharAt(i);
                default -> b.insert(i, alphabet.charAt(random.nextInt(alphabet.length())));
            }
        }
        return b.toString();
    }
}
