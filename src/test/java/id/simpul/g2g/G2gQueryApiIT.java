package id.simpul.g2g;

import id.simpul.support.ExternalServices;
import id.simpul.support.StandaloneServices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link G2gQueryApiTest} on the production stack (PostgreSQL, standalone Artemis): the agencies' queries, cursor paging and audit rows in PostgreSQL's SQL. */
@ActiveProfiles("production")
@ExtendWith(ExternalServices.class)
class G2gQueryApiIT extends G2gQueryApiTest {

    private static final String SCHEMA = "simpul_it_g2g";

    @BeforeAll
    static void isolateFromEarlierRuns() {
        StandaloneServices.isolate(SCHEMA);
    }

    @DynamicPropertySource
    static void standaloneServices(DynamicPropertyRegistry registry) {
        StandaloneServices.register(registry, SCHEMA);
    }
}
