package id.simpul.support;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What a test on the production profile's services needs (PostgreSQL and a standalone Artemis,
 * started by {@link ExternalServices}): a schema of its own, new and empty; no messages an earlier,
 * perhaps killed, run left in the queues; and the settings that point the hub at both. An IT
 * extends a hub test, calls {@link #isolate} in a {@code @BeforeAll} and {@link #register} in a
 * {@code @DynamicPropertySource}, and so checks the very same behaviour on the production stack.
 */
public final class StandaloneServices {

    private static final Logger log = LoggerFactory.getLogger(StandaloneServices.class);

    /** The secrets a production hub needs (docs/operations.md, "Production secrets"), as test values. */
    public static final Map<String, String> SECRETS = Map.of(
            "SIMPUL_OSS_INBOUND_USERNAME", "it-oss",
            "SIMPUL_OSS_INBOUND_PASSWORD", "it-oss-inbound-password",
            "SIMPUL_OSS_OUTBOUND_USER_KEY", "it-oss-user-key",
            "SIMPUL_TARGET_BANYUASIN_TOKEN", "it-banyuasin-token",
            "SIMPUL_TARGET_PALEMBANG_API_KEY", "it-palembang-api-key");

    private StandaloneServices() {
    }

    /** Runs before the hub starts (the Spring context is created with the first test instance). */
    public static void isolate(String schema) {
        ExternalServices.Connection services = ExternalServices.connection();
        services.recreateSchema(schema);
        List<String> purged = services.purgeQueues("simpul.");
        log.info("Fresh schema {} at {}; purged queues {} at {}", schema, services.pgUrl(), purged,
                services.artemisUrl());
    }

    public static void register(DynamicPropertyRegistry registry, String schema) {
        ExternalServices.Connection services = ExternalServices.connection();
        // The production profile sets these too; stated here so the test cannot fall back to the
        // embedded broker if the profile changes.
        registry.add("spring.artemis.mode", () -> "native");
        registry.add("spring.artemis.embedded.enabled", () -> "false");
        registry.add("spring.artemis.broker-url", services::artemisUrl);
        registry.add("spring.artemis.user", services::artemisUser);
        registry.add("spring.artemis.password", services::artemisPassword);
        registry.add("spring.datasource.url", () -> services.pgUrl(schema));
        registry.add("spring.datasource.username", services::pgUser);
        registry.add("spring.datasource.password", services::pgPassword);
        // Production has no simulators; the tests need them (ports come from HubTestSupport).
        registry.add("simpul.simulators.enabled", () -> "true");
        // The production profile refuses the simulators' public default secrets (ProductionSecrets). These
        // stand in for the environment variables application.yaml reads, so the simulators (which read the
        // same ones) expect them too, and HubTestSupport's sender signs pushes with them.
        SECRETS.forEach((variable, value) -> registry.add(variable, () -> value));
        // And its keys, which it takes only from the environment there (ProductionSecrets.KEYS).
        TestKeys.register(registry);
    }
}
