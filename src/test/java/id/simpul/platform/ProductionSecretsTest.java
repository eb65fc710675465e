package id.simpul.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The hub's own application.yaml on the production profile, with and without the secrets' variables. */
class ProductionSecretsTest {

    private static final String[] SECRETS = {
        "SIMPUL_OSS_INBOUND_USERNAME=oss-pemda-sumsel",
        "SIMPUL_OSS_INBOUND_PASSWORD=agreed-with-oss",
        "SIMPUL_OSS_OUTBOUND_USER_KEY=key-from-oss",
        "SIMPUL_TARGET_BANYUASIN_TOKEN=token-from-banyuasin",
        "SIMPUL_TARGET_PALEMBANG_API_KEY=key-from-palembang"};

    private final ApplicationContextRunner hub = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withUserConfiguration(ProductionSecrets.class);

    @Test
    void aProductionHubOnTheSimulatorsDefaultsIsRefusedNamingEveryVariable() {
        hub.withPropertyValues("spring.profiles.active=production").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).isInstanceOf(ProductionSecrets.Refused.class);
            FailureAnalysis analysis = new ProductionSecretsFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription())
                    .contains("SIMPUL_OSS_INBOUND_USERNAME", "SIMPUL_OSS_INBOUND_PASSWORD", "SIMPUL_OSS_OUTBOUND_USER_KEY",
                            "SIMPUL_TARGET_BANYUASIN_TOKEN", "SIMPUL_TARGET_PALEMBANG_API_KEY")
                    .contains("is the simulator's public default")
                    .doesNotContain("simulator-secret", "Exception");
            assertThat(analysis.getAction()).contains("docs/operations.md");
        });
    }

    @Test
    void aProductionHubWithASecretEmptyOrLeftAtItsPlaceholderIsRefusedNamingThoseVariables() {
        hub.withPropertyValues(SECRETS).withPropertyValues("spring.profiles.active=production",
                "SIMPUL_OSS_INBOUND_PASSWORD=", "SIMPUL_OSS_OUTBOUND_USER_KEY=change-me-oss-user-key").run(context -> {
            assertThat(context).hasFailed();
            assertThat(((ProductionSecrets.Refused) context.getStartupFailure()).problems())
                    .extracting(ProductionSecrets.Problem::environment, ProductionSecrets.Problem::reason)
                    .containsExactly(tuple("SIMPUL_OSS_INBOUND_PASSWORD", "is not set"),
                            tuple("SIMPUL_OSS_OUTBOUND_USER_KEY", "is a placeholder from docker/.env.example"));
        });
    }

    @Test
    void aProductionHubWhoseFirstAdminPasswordIsShorterThanTheConsolesMinimumIsRefused() {
        // The variable is the first admin's password until someone changes it: "admin123" would be an admin
        // account weaker than any the console lets an admin create.
        hub.withPropertyValues(SECRETS).withPropertyValues("spring.profiles.active=production",
                "simpul.security.admin.password=admin123").run(context -> {
            assertThat(context).hasFailed();
            assertThat(((ProductionSecrets.Refused) context.getStartupFailure()).problems())
                    .extracting(ProductionSecrets.Problem::environment, ProductionSecrets.Problem::reason)
                    .containsExactly(tuple("SIMPUL_SECURITY_ADMIN_PASSWORD",
                            "is shorter than 12 characters, the console's minimum for a password"));
            assertThat(context.getStartupFailure().getMessage()).doesNotContain("admin123");
        });
        hub.withPropertyValues(SECRETS).withPropertyValues("spring.profiles.active=production",
                "simpul.security.admin.password=panjang-dan-acak-sekali").run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void aProductionHubWithEverySecretSetStarts() {
        hub.withPropertyValues(SECRETS).withPropertyValues("spring.profiles.active=production")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void theEmbeddedDefaultStartsOnTheSimulatorsDefaults() {
        hub.run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void eachTargetNeedsTheCredentialsOfItsFlavourAndNoneMayBeASimulatorDefault() {
        hub.withPropertyValues(SECRETS).withPropertyValues("spring.profiles.active=production",
                "simpul.targets[0].id=muba", "simpul.targets[0].flavour=splp", "simpul.targets[0].token=splp-token",
                "simpul.targets[1].id=oki", "simpul.targets[1].flavour=manual",
                "simpul.targets[1].api-key=simulator-api-key").run(context -> {
            assertThat(context).hasFailed();
            assertThat(((ProductionSecrets.Refused) context.getStartupFailure()).problems())
                    .extracting(ProductionSecrets.Problem::environment)
                    .containsExactly("SIMPUL_TARGET_MUBA_API_KEY or SIMPUL_TARGETS_0_API_KEY",
                            "SIMPUL_TARGET_MUBA_SPLP_SALT or SIMPUL_TARGETS_0_SPLP_SALT",
                            "SIMPUL_TARGET_OKI_API_KEY or SIMPUL_TARGETS_1_API_KEY");
        });
    }
}
