package id.simpul.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.platform.SimpulProperties;
import id.simpul.platform.SimpulProperties.Target;
import id.simpul.simulator.BackofficeSimulator;
import id.simpul.simulator.PermitSystemSimulator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The on-premise backoffice: form POST, XML list, no idempotency key (query before create). */
class BackofficeAdapterContractTest extends TargetAdapterContractTest {

    @Override
    PermitSystemSimulator simulator(int port, Path dataDir) {
        return new BackofficeSimulator("backoffice", port, dataDir, Clock.systemUTC(),
                new SimpulProperties.TargetSimulator(port, Duration.ZERO, null, "backoffice-key", null));
    }

    @Override
    Target target(int port, SimpulProperties.Circuit circuit) {
        return target("palembang", "sicantik-backoffice", "http://localhost:" + port, null, "backoffice-key",
                "targets/sicantik-backoffice.jslt", circuit, null);
    }

    @Override
    TargetAdapter adapter(TargetHttp http) {
        return new BackofficeClient(http);
    }

    @Test
    void aSecondPushOfTheSameFormFindsTheExistingPermitAndPostsNothing() {
        // The backoffice has no idempotency key: without the adapter looking first, this would register twice.
        RegistrationRequest request = request(ID_IZIN, 1);
        push(request);
        simulator.wireMock().resetRequests();

        push(request);

        assertThat(simulator.writeRequests()).isZero();
        assertThat(simulator.registrations()).isEqualTo(1);
    }
}
