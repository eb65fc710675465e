package id.simpul.applicant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Scores in link evidence are written as before (Formatter "%.1f"), only faster. */
class EvidenceFormatTest {

    @Test
    void formatsLikeTheFormatter() {
        double[] edge = {0, -0.0, 0.05, 0.15, 0.25, 0.35, 0.45, -0.05, -0.04, 9.95, 9.96, -9.96, 99.95, 12, 16, 9.0,
                1e-5, -1e-5, 1e7, 123456789.05, 12.25, 2.675, 0.95, 19.2, -100, Double.NaN, Double.POSITIVE_INFINITY};
        for (double d : edge) {
            assertThat(ApplicantRegistry.fmt(d)).as(Double.toString(d)).isEqualTo(String.format(Locale.ROOT, "%.1f", d));
        }
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            double d = i % 2 == 0 ? (random.nextDouble() - 0.5) * 80 : Math.round((random.nextDouble() - 0.5) * 8000) / 100.0;
            assertThat(ApplicantRegistry.fmt(d)).as(Double.toString(d)).isEqualTo(String.format(Locale.ROOT, "%.1f", d));
        }
    }
}
