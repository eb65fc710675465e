package id.simpul.applicant.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PayloadSealTest {

    private static final String PERMIT = "{\"applicant\":{\"identityNumber\":\"1607111204780003\",\"phone\":\"081277889900\"}}";

    @Test
    void aPayloadIsSealedWithAFreshNonceInAFormNoJsonStartsWithAndOpensBack() {
        PayloadSeal seal = new PiiProtector(new byte[32]).payloadSeal();

        String one = seal.seal(PERMIT);
        String two = seal.seal(PERMIT);

        assertThat(one).startsWith("sealed:v1:").isNotEqualTo(two).doesNotContain("1607111204780003")
                .doesNotContain("081277889900");
        assertThat(PayloadSeal.isSealed(one)).isTrue();
        assertThat(seal.open(one)).isEqualTo(PERMIT);
        assertThat(seal.open(two)).isEqualTo(PERMIT);
    }

    @Test
    void aPayloadStoredInClearBeforeSealingOpensAsItIsAndNullStaysNull() {
        PayloadSeal seal = new PiiProtector(new byte[32]).payloadSeal();

        assertThat(seal.open(PERMIT)).isEqualTo(PERMIT);
        assertThat(PayloadSeal.isSealed(PERMIT)).isFalse();
        assertThat(seal.seal(null)).isNull();
        assertThat(seal.open(null)).isNull();
    }

    @Test
    void theKeyIsDerivedFromThePiiKeySoAnotherPiiKeyCannotOpenIt() {
        byte[] other = new byte[32];
        other[0] = 1;
        String sealed = new PiiProtector(new byte[32]).payloadSeal().seal(PERMIT);

        assertThat(new PiiProtector(new byte[32]).payloadSeal().open(sealed)).isEqualTo(PERMIT);
        assertThatThrownBy(() -> new PiiProtector(other).payloadSeal().open(sealed))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("another PII key")
                .hasMessageNotContaining("1607111204780003");
    }

    @Test
    void thePayloadKeyIsNotTheNikKey() {
        PiiProtector pii = new PiiProtector(new byte[32]);
        String sealed = pii.payloadSeal().seal("1607111204780003");

        assertThatThrownBy(() -> pii.decrypt(sealed.substring(PayloadSeal.PREFIX.length())))
                .isInstanceOf(IllegalStateException.class);
    }
}
