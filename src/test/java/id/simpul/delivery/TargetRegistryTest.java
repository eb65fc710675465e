package id.simpul.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.simpul.mapping.Mappings;
import id.simpul.platform.SimpulProperties;
import id.simpul.platform.SimpulProperties.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The start-time checks of the targets' configuration. */
class TargetRegistryTest {

    private static final Mappings MAPPINGS = new Mappings(Path.of("mappings"));
    private static final TargetHttp HTTP = new TargetHttp();
    private static final List<TargetAdapter> ADAPTERS = List.of(new BackofficeClient(HTTP), new SiCantikClient(HTTP));
    private static final Target BACKOFFICE = new Target("palembang", "sicantik-backoffice", List.of("1671"),
            "http://localhost:1", null, "key", "targets/sicantik-backoffice.jslt", Duration.ofSeconds(5),
            Duration.ofSeconds(60), 2, null, null, null, null, null);
    private static final Target CLOUD = new Target("banyuasin", "sicantik-cloud", List.of("1607"),
            "http://localhost:2", "token", null, "targets/sicantik-cloud.jslt", Duration.ofSeconds(5),
            Duration.ofSeconds(90), 2, null, null, null, null, null);

    @Test
    void aDeliveryLeaseThatCouldLapseDuringAnAttemptAtATargetWithoutAKeyStopsTheStart() {
        assertThatThrownBy(() -> new TargetRegistry(properties(Duration.ofMinutes(2)), ADAPTERS, MAPPINGS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("simpul.targets[0]: simpul.delivery.lease (PT2M) must be longer")
                .hasMessageContaining("2 x read-timeout PT1M")
                // A target answering the idempotency key itself needs no lease, however slow it is.
                .hasMessageNotContaining("simpul.targets[1]");
        assertThat(new TargetRegistry(properties(Duration.ofMinutes(3)), ADAPTERS, MAPPINGS).all())
                .containsExactly(BACKOFFICE, CLOUD);
    }

    private static SimpulProperties properties(Duration lease) {
        return new SimpulProperties(null, null, null, null, null, null,
                new SimpulProperties.Delivery(2, 3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), null, lease),
                List.of(BACKOFFICE, CLOUD), null, null, null);
    }
}
