package id.simpul.delivery;

import id.simpul.platform.SimpulProperties;
import id.simpul.platform.SimpulProperties.Target;
import id.simpul.simulator.PermitSystemSimulator;
import id.simpul.simulator.SiCantikCloudSimulator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** SiCantik Cloud: JSON, bearer token, Idempotency-Key. */
class SiCantikCloudAdapterContractTest extends TargetAdapterContractTest {

    @Override
    PermitSystemSimulator simulator(int port, Path dataDir) {
        return new SiCantikCloudSimulator("sicantik", port, dataDir, Clock.systemUTC(),
                new SimpulProperties.TargetSimulator(port, Duration.ZERO, "contract-token", null, null));
    }

    @Override
    Target target(int port, SimpulProperties.Circuit circuit) {
        return target("banyuasin", "sicantik-cloud", "http://localhost:" + port, "contract-token", null,
                "targets/sicantik-cloud.jslt", circuit, null);
    }

    @Override
    TargetAdapter adapter(TargetHttp http) {
        return new SiCantikClient(http);
    }
}
