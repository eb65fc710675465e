package id.simpul.delivery;

import id.simpul.platform.SimpulProperties;
import id.simpul.platform.SimpulProperties.Target;
import id.simpul.simulator.PermitSystemSimulator;
import id.simpul.simulator.SplpSimulator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** SiCantik through SPLP: auth + apikey headers, AES-256-GCM envelope both ways. */
class SplpAdapterContractTest extends TargetAdapterContractTest {

    static final String SALT = "dpmptsp-kontrak-salt";

    @Override
    PermitSystemSimulator simulator(int port, Path dataDir) {
        return new SplpSimulator("splp", port, dataDir, Clock.systemUTC(),
                new SimpulProperties.TargetSimulator(port, Duration.ZERO, "splp-token", "splp-key", SALT));
    }

    @Override
    Target target(int port, SimpulProperties.Circuit circuit) {
        return target("musi", "splp", "http://localhost:" + port + SplpSimulator.BASE_PATH, "splp-token", "splp-key",
                "targets/sicantik-cloud.jslt", circuit, new SimpulProperties.Splp(SALT));
    }

    @Override
    TargetAdapter adapter(TargetHttp http) {
        return new SplpClient(http);
    }
}
