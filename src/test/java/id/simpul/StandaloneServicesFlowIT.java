package id.simpul;

import id.simpul.support.ExternalServices;
import id.simpul.support.StandaloneServices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The embedded default's end-to-end scenarios, run the way production runs: the {@code production}
 * profile on a standalone Artemis broker and PostgreSQL (started by {@code .ci/services.sh} through
 * {@link ExternalServices}), with the built-in simulators switched on for the test. It inherits the
 * test methods of {@link EmbeddedDefaultFlowTest}, so both runs check the very same behaviour
 * (receiveNIB stored, converted, delivered, visible in the trail; a re-send not delivered twice).
 */
@ActiveProfiles("production")
@ExtendWith(ExternalServices.class)
class StandaloneServicesFlowIT extends EmbeddedDefaultFlowTest {

    /** The services outlive a test run; each run gets this schema new and empty. */
    private static final String SCHEMA = "simpul_it";

    @BeforeAll
    static void isolateFromEarlierRuns() {
        StandaloneServices.isolate(SCHEMA);
    }

    @DynamicPropertySource
    static void standaloneServices(DynamicPropertyRegistry registry) {
        StandaloneServices.register(registry, SCHEMA);
    }
}
