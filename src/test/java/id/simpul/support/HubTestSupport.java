package id.simpul.support;

import id.simpul.platform.SimpulProperties;
import id.simpul.simulator.SimulatorServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.util.FileSystemUtils;

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

    /**
     * BCrypt at its lowest cost instead of the hub's default (10). Every API call of a test logs in with HTTP
     * Basic, and at cost 10 each login took 0.1-0.3 s of CPU on 2 cores, taken from the hub the test was waiting
     * for: an Awaitility poll of the trail cost more than the step it waited on. Same algorithm and checks, only
     * the work factor differs (as in LoginAttemptsTest); hubs in their own process (HubProcess) keep the default.
     */
    @TestBean
    private PasswordEncoder passwordEncoder;

    static PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder(4);
    }

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
        // A JMS consumer stops between two receives, and Camel's default receive waits up to 1 s: closing a test's
        // hub took 0.2-0.9 s of waiting for its consumers (0.2 s at 200 ms), 69 times a suite. Hubs of their own
        // process (HubProcess) and the product keep the default, which polls an idle queue less often.
        registry.add("camel.component.jms.receive-timeout", () -> "200");
    }

    @BeforeEach
    void sender() {
        SimpulProperties.Inbound inbound = properties.oss().inbound();
        ossSender = new OssSender(port, inbound.username(), inbound.password());
    }

    /** This JVM's data folders, removed when it exits: each holds a broker journal and a store (50+ MiB). */
    private static final Queue<Path> DATA_DIRS = new ConcurrentLinkedQueue<>();

    static {
        // Left behind, they filled the disk over many runs until the embedded broker's disk check (90 %) blocked
        // every producer and tests timed out. At exit, not after each class: the class's context is closed by
        // Spring after the class's own callbacks, and its broker and store write there until then.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> DATA_DIRS.forEach(dir -> {
            try {
                FileSystemUtils.deleteRecursively(dir);
            } catch (IOException | RuntimeException e) {
                // Best effort: a folder the last context still writes to may refuse; it is a temp folder.
            }
        }), "simpul-test-data-cleanup"));
    }

    static Path newDataDir() {
        try {
            Path dir = Files.createTempDirectory("simpul-test-");
            DATA_DIRS.add(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
