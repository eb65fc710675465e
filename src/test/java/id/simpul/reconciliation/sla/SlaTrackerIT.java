package id.simpul.reconciliation.sla;

import id.simpul.support.ExternalServices;
import id.simpul.support.StandaloneServices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link SlaTrackerTest} on the production stack (PostgreSQL, standalone Artemis): the SLA clock from status_report timestamps as PostgreSQL returns them. */
@ActiveProfiles("production")
@ExtendWith(ExternalServices.class)
class SlaTrackerIT extends SlaTrackerTest {

    private static final String SCHEMA = "simpul_it_sla";

    @BeforeAll
    static void isolateFromEarlierRuns() {
        StandaloneServices.isolate(SCHEMA);
    }

    @DynamicPropertySource
    static void standaloneServices(DynamicPropertyRegistry registry) {
        StandaloneServices.register(registry, SCHEMA);
    }
}
