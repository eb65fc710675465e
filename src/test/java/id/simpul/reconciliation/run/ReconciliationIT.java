package id.simpul.reconciliation.run;

import id.simpul.support.ExternalServices;
import id.simpul.support.StandaloneServices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ReconciliationTest} on the production stack (PostgreSQL, standalone Artemis): every reconciliation category and fix against PostgreSQL. */
@ActiveProfiles("production")
@ExtendWith(ExternalServices.class)
class ReconciliationIT extends ReconciliationTest {

    private static final String SCHEMA = "simpul_it_recon";

    @BeforeAll
    static void isolateFromEarlierRuns() {
        StandaloneServices.isolate(SCHEMA);
    }

    @DynamicPropertySource
    static void standaloneServices(DynamicPropertyRegistry registry) {
        StandaloneServices.register(registry, SCHEMA);
    }
}
