package id.simpul.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.simpul.platform.web.ApiException;
import org.junit.jupiter.api.Test;

/**
 * docs/operations.md: a bad parameter is a 400. On a running hub, {@code GET /api/v1/dead-letters?errorClass=FOO}
 * and {@code ?state=foo} answered 200 with an empty list, so an operator's typo (or a bulk replay's dry run
 * with it) reads as "nothing waiting". Unknown values must be refused with the values that exist.
 */
class DeadLetterFilterValuesTest {

    @Test
    void anUnknownErrorClassIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> DeadLetterController.filter(null, null, "PERMANNET", null, null, null, "WAITING"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("PERMANENT, TRANSIENT, UNEXPECTED, BROKER");
    }

    @Test
    void anUnknownStateIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> DeadLetterController.filter(null, null, null, null, null, null, "WAITNG"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("WAITING, REPLAYED, DISCARDED, ALL");
    }

    @Test
    void knownValuesInAnyCaseStillFilter() {
        DeadLetterFilter f = DeadLetterController.filter(null, null, "broker", null, null, null, "discarded");
        assertThat(f.errorClass()).isEqualTo("BROKER");
        assertThat(f.state()).isEqualTo("DISCARDED");
        assertThat(DeadLetterController.filter(null, null, "", null, null, null, "all").state()).isNull();
    }
}
