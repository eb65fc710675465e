package id.simpul.applicant.match;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.applicant.RegistryFixture;
import id.simpul.applicant.SourceRecord;
import id.simpul.applicant.normalise.Nik;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What matching keeps in memory of a record's NPWP. */
class FeatureExtractorTest {

    private static final Map<String, SourceRecord> CASES = RegistryFixture.cases("nik-npwp-cases.jsonl");

    private final FeatureExtractor extractor = new FeatureExtractor(RegistryFixture.PII, RegistryFixture.CLOCK);

    private FeatureExtractor.Extracted extract(String ref) {
        return extractor.extract(CASES.get(ref));
    }

    @Test
    void sixteenDigitNpwpIsHeldInMemoryOnlyThroughItsKeyedHash() {
        FeatureExtractor.Extracted x = extract("npwp:sole-trader");

        assertThat(x.features().npwp).isNotZero().isNotEqualTo(1607041212800001L);
        assertThat(Long.toString(x.features().npwp)).doesNotContain("1607041212800001");
        assertThat(x.npwp()).isNull();
        assertThat(x.npwpHmac()).isEqualTo(RegistryFixture.PII.hmac("1607041212800001"));
        assertThat(RegistryFixture.PII.decrypt(x.npwpCipher())).isEqualTo("1607041212800001");
    }

    @Test
    void restoredFromTheStoreTheSixteenDigitNpwpGetsTheKeyItHadWhenExtracted() {
        FeatureExtractor.Extracted x = extract("npwp:sole-trader");
        SourceRecord stored = new SourceRecord("npwp:sole-trader", "ORGANIZATION", "Toko Sumber Rejeki", null, null,
                null, null, null, null, null, null, null);

        Features restored = FeatureExtractor.restore(stored, null, null, Nik.Quality.ABSENT, x.npwpHmac());

        assertThat(restored.npwp).isEqualTo(x.features().npwp);
    }

    @Test
    void oneSixteenDigitNpwpWrittenTwoWaysGetsOneKeyAndAnotherNpwpAnother() {
        long written = extract("npwp:sole-trader").features().npwp;
        long dotted = extract("npwp:sole-trader-again").features().npwp;
        long other = extract("npwp:sole-trader-namesake").features().npwp;

        assertThat(dotted).isEqualTo(written);
        assertThat(other).isNotEqualTo(written).isNotZero();
    }

    @Test
    void fifteenDigitNpwpIsKeptAsItsNumberAndStoredInClear() {
        FeatureExtractor.Extracted x = extract("npwp:company");

        assertThat(x.features().npwp).isEqualTo(12345678901000L);
        assertThat(x.npwp()).isEqualTo("012345678901000");
        assertThat(x.npwpHmac()).isNull();
        assertThat(x.npwpCipher()).isNull();
    }
}
