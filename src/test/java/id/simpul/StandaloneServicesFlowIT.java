package id.simpul;

import id.simpul.support.ExternalServices;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private static final Logger log = LoggerFactory.getLogger(StandaloneServicesFlowIT.class);

    /** The services outlive a test run; each run gets this schema new and empty. */
    private static final String SCHEMA = "simpul_it";

    @BeforeAll
    static void isolateFromEarlierRuns() {
        // Runs after the extension started the services and before the hub starts (the Spring
        // context is created with the first test instance): the hub must see neither rows nor
        // messages that an earlier, perhaps killed, run left behind.
        ExternalServices.Connection services = ExternalServices.connection();
        services.recreateSchema(SCHEMA);
        List<String> purged = services.purgeQueues("simpul.");
        log.info("Fresh schema {} at {}; purged queues {} at {}", SCHEMA, services.pgUrl(), purged, services.artemisUrl());
    }

    @DynamicPropertySource
    static void standaloneServices(DynamicPropertyRegistry registry) {
        ExternalServices.Connection services = ExternalServices.connection();
        // The production profile sets these too; stated here so the test cannot fall back to the
        // embedded broker if the profile changes.
        registry.add("spring.artemis.mode", () -> "native");
        registry.add("spring.artemis.embedded.enabled", () -> "false");
        registry.add("spring.artemis.broker-url", services::artemisUrl);
        registry.add("spring.artemis.user", services::artemisUser);
        registry.add("spring.artemis.password", services::artemisPassword);
        registry.add("spring.datasource.url", () -> services.pgUrl(SCHEMA));
        registry.add("spring.datasource.username", services::pgUser);
        registry.add("spring.datasource.password", services::pgPassword);
        // Production has no simulators; the test needs both (ports come from HubTestSupport).
        registry.add("simpul.simulators.enabled", () -> "true");
    }
}
