package id.simpul.support;

import id.simpul.platform.SimpulProperties;
import id.simpul.simulator.SimulatorServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole hub on its embedded default (embedded Artemis with a real journal, H2 file store, the OSS
 * simulator and both target simulators on free ports) in a fresh data folder per test class. Pushes are off so tests control
 * the traffic; back-off is short so retry tests finish in seconds.
 */
// Back-sync polling is off unless a test turns it on (a @DynamicPropertySource outranks these):
// the OSS simulator refuses statuses of permits it never pushed.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "simpul.delivery.poll-interval=0")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class HubTestSupport {

    @LocalServerPort
    protected int port;

    @Autowired
    @Qualifier("sicantikSimulator")
    protected SimulatorServer sicantik;

    @Autowired
    @Qualifier("ossSimulator")
    protected SimulatorServer oss;

    @Autowired
    private SimpulProperties properties;

    protected OssSender ossSender;

    @DynamicPropertySource
    static void hubProperties(DynamicPropertyRegistry registry) {
        // Called once per context: a fresh data folder and fixed free ports for this test class.
        String dataDir = newDataDir().toString();
        int ossPort = TestPorts.free();
        int sicantikPort = TestPorts.freePair();
        registry.add("simpul.data-dir", () -> dataDir);
        registry.add("simpul.simulators.oss.port", () -> ossPort);
        registry.add("simpul.simulators.sicantik.port", () -> sicantikPort);
        // Palembang's simulator (sicantik-backoffice) runs at the next port, as in the embedded default.
        registry.add("simpul.simulators.backoffice.port", () -> sicantikPort + 1);
        // Local steps move only when a test advances them.
        registry.add("simpul.simulators.sicantik.step-interval", () -> "0");
        registry.add("simpul.simulators.backoffice.step-interval", () -> "0");
        registry.add("simpul.simulators.oss.push-interval", () -> "0");
        registry.add("simpul.delivery.initial-backoff", () -> "50ms");
        registry.add("simpul.delivery.max-backoff", () -> "400ms");
        registry.add("simpul.delivery.max-retries", () -> "3");
    }

    @BeforeEach
    void sender() {
        SimpulProperties.Inbound inbound = properties.oss().inbound();
        ossSender = new OssSender(port, inbound.username(), inbound.password());
    }

    static Path newDataDir() {
        try {
            return Files.createTempDirectory("simpul-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
