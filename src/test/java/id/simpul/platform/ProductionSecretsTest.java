package id.simpul.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import id.simpul.applicant.pii.PiiKeys;
import id.simpul.platform.audit.AuditKey;
import id.simpul.platform.backup.BackupKey;
import id.simpul.support.TestKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
    private static final String[] KEYS = TestKeys.KEYS.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    /** A production hub on the embedded store, whose backups are the hub's own (and so need the backup key). */
    private static final String EMBEDDED_STORE = "spring.datasource.url=jdbc:h2:file:./data/store/simpul";

    @TempDir
    Path dataDir;

    private ApplicationContextRunner hub() {
        return new ApplicationContextRunner()
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .withInitializer(context -> ProductionSecrets.check(context.getEnvironment()))
                .withPropertyValues("simpul.data-dir=" + dataDir);
    }

    /** Every secret and key but those named; each key file the data folder holds, by name. */
    private ApplicationContextRunner production(String... without) {
        return hub().withPropertyValues(Stream.concat(Arrays.stream(SECRETS), Arrays.stream(KEYS))
                        .filter(setting -> Arrays.stream(without).noneMatch(v -> setting.startsWith(v + "=")))
                        .toArray(String[]::new))
                .withPropertyValues("spring.profiles.active=production", EMBEDDED_STORE);
    }

    @Test
    void aProductionHubOnTheSimulatorsDefaultsIsRefusedNamingEveryVariable() {
        hub().withPropertyValues(KEYS).withPropertyValues("spring.profiles.active=production").run(context -> {
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
        hub().withPropertyValues(SECRETS).withPropertyValues(KEYS).withPropertyValues("spring.profiles.active=production",
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
        hub().withPropertyValues(SECRETS).withPropertyValues(KEYS).withPropertyValues("spring.profiles.active=production",
                "simpul.security.admin.password=admin123").run(context -> {
            assertThat(context).hasFailed();
            assertThat(((ProductionSecrets.Refused) context.getStartupFailure()).problems())
                    .extracting(ProductionSecrets.Problem::environment, ProductionSecrets.Problem::reason)
                    .containsExactly(tuple("SIMPUL_SECURITY_ADMIN_PASSWORD",
                            "is shorter than 12 characters, the console's minimum for a password"));
            assertThat(context.getStartupFailure().getMessage()).doesNotContain("admin123");
        });
        hub().withPropertyValues(SECRETS).withPropertyValues(KEYS).withPropertyValues("spring.profiles.active=production",
                "simpul.security.admin.password=panjang-dan-acak-sekali").run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void aProductionHubWithEverySecretSetStarts() {
        hub().withPropertyValues(SECRETS).withPropertyValues(KEYS).withPropertyValues("spring.profiles.active=production")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void theEmbeddedDefaultStartsOnTheSimulatorsDefaults() {
        hub().run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void eachTargetNeedsTheCredentialsOfItsFlavourAndNoneMayBeASimulatorDefault() {
        hub().withPropertyValues(SECRETS).withPropertyValues(KEYS).withPropertyValues("spring.profiles.active=production",
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

    @Test
    void aProductionHubWithoutItsKeysIsRefusedNamingEachVariable() {
        production("SIMPUL_PII_KEY", "SIMPUL_SECURITY_SUBJECT_KEY", "SIMPUL_AUDIT_KEY", "SIMPUL_BACKUP_KEY",
                "SIMPUL_G2G_SECRET_KEY", "SIMPUL_G2G_SIGNING_JWK").run(context -> {
            assertThat(context).hasFailed();
            assertThat(((ProductionSecrets.Refused) context.getStartupFailure()).problems())
                    .extracting(ProductionSecrets.Problem::environment, ProductionSecrets.Problem::reason)
                    .containsExactly(tuple(PiiKeys.ENV, "is not set"), tuple("SIMPUL_SECURITY_SUBJECT_KEY", "is not set"),
                            tuple(AuditKey.ENV, "is not set"), tuple(BackupKey.ENV, "is not set"),
                            tuple("SIMPUL_G2G_SECRET_KEY", "is not set"), tuple("SIMPUL_G2G_SIGNING_JWK", "is not set"));
            assertThat(new ProductionSecretsFailureAnalyzer().analyze(context.getStartupFailure()).getAction())
                    .contains("generate-keys");
        });
        assertThat(dataDir.resolve("keys")).as("refused before any key is generated").doesNotExist();
    }

    @Test
    void eachKeyOnItsOwnIsRequired() {
        for (String variable : TestKeys.KEYS.keySet()) {
            production(variable).run(context -> assertThat(((ProductionSecrets.Refused) context.getStartupFailure())
                    .problems()).extracting(ProductionSecrets.Problem::environment).containsExactly(variable));
        }
    }

    @Test
    void onPostgresqlTheBackupKeyIsNotAskedFor() {
        // The hub backs up only its embedded store; PostgreSQL is backed up with its own tools (no key is made).
        production("SIMPUL_BACKUP_KEY").withPropertyValues("spring.datasource.url=jdbc:postgresql://db:5432/simpul")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void aKeyLeftAtItsPlaceholderOrNotInTheFormItsLoaderTakesIsRefused() {
        production().withPropertyValues("SIMPUL_PII_KEY=change-me-pii-key", "SIMPUL_AUDIT_KEY=" + TestKeys.key('a').substring(4),
                "SIMPUL_SECURITY_SUBJECT_KEY=not base64!", "SIMPUL_G2G_SIGNING_JWK=not json").run(context -> {
            assertThat(((ProductionSecrets.Refused) context.getStartupFailure()).problems())
                    .extracting(ProductionSecrets.Problem::environment, ProductionSecrets.Problem::reason)
                    .containsExactly(tuple(PiiKeys.ENV, "is a placeholder from docker/.env.example"),
                            tuple("SIMPUL_SECURITY_SUBJECT_KEY", "is not base64"),
                            tuple(AuditKey.ENV, "is not base64 of 32 bytes (openssl rand -base64 32)"),
                            tuple("SIMPUL_G2G_SIGNING_JWK", "is not a private EC P-256 JWK (JSON)"));
        });
    }

    /**
     * The signing key is used as a private EC P-256 key (ES256): JSON of another kind would pass a JSON check, let
     * the hub migrate its store and connect to the broker, and then fail in HubSigningKey with a stack trace (a
     * public half, an empty object) or sign nothing at all (another curve).
     */
    @Test
    void aSigningJwkThatIsJsonButNotAPrivateP256KeyIsRefusedBeforeTheHubStarts() throws Exception {
        ECKey own = ECKey.parse(TestKeys.KEYS.get("SIMPUL_G2G_SIGNING_JWK"));
        String p384 = new ECKeyGenerator(Curve.P_384).generate().toJSONString();
        for (String jwk : List.of("{}", own.toPublicJWK().toJSONString(), p384)) {
            production().withPropertyValues("SIMPUL_G2G_SIGNING_JWK=" + jwk).run(context -> {
                assertThat(context).hasFailed();
                assertThat(((ProductionSecrets.Refused) context.getStartupFailure()).problems())
                        .extracting(ProductionSecrets.Problem::environment, ProductionSecrets.Problem::reason)
                        .containsExactly(tuple("SIMPUL_G2G_SIGNING_JWK", "is not a private EC P-256 JWK (JSON)"));
            });
        }
    }

    /**
     * A hub upgraded from a build that generated its keys: the data folder holds them, and the refusal says where
     * and how to move each into the environment, without the key itself.
     */
    @Test
    void aKeyAnEarlierBuildGeneratedIntoTheDataFolderIsNamedWithHowToMoveIt() throws IOException {
        Path file = generated("audit.key", TestKeys.key('x'));

        production("SIMPUL_AUDIT_KEY").run(context -> {
            ProductionSecrets.Refused refused = (ProductionSecrets.Refused) context.getStartupFailure();
            assertThat(refused.problems()).extracting(ProductionSecrets.Problem::environment)
                    .containsExactly(AuditKey.ENV);
            String description = new ProductionSecretsFailureAnalyzer().analyze(refused).getDescription();
            assertThat(description).contains("SIMPUL_AUDIT_KEY (the audit chain's key) is not set; this data folder "
                            + "holds a key an earlier build generated in " + file)
                    .contains("SIMPUL_AUDIT_KEY=\"$(cat " + file + ")\"")
                    .doesNotContain(TestKeys.key('x'));
        });
    }

    /**
     * The upgrade drill: refused only for the keys an earlier build generated, the operator was first told to set
     * each variable "to the value agreed with OSS or the region", which a key never is.
     */
    @Test
    void aHubRefusedOnlyForItsKeysIsToldToMoveThemNotToAskOssOrTheRegion() throws IOException {
        production("SIMPUL_OSS_INBOUND_PASSWORD").run(context -> assertThat(new ProductionSecretsFailureAnalyzer()
                .analyze(context.getStartupFailure()).getAction()).contains("agreed with OSS").doesNotContain("generate-keys"));
        generated("audit.key", TestKeys.key('x'));

        production("SIMPUL_AUDIT_KEY").run(context -> {
            String action = new ProductionSecretsFailureAnalyzer().analyze(context.getStartupFailure()).getAction();
            assertThat(action).doesNotContain("agreed with OSS").contains("move", "docs/operations.md, \"Keys\"");
        });
    }

    @Test
    void aKeyThatIsNotTheOneTheDataFolderWasWrittenWithIsRefusedAndTheSameOneStarts() throws IOException {
        Path file = generated("pii.key", TestKeys.key('x'));

        production().run(context -> {
            assertThat(((ProductionSecrets.Refused) context.getStartupFailure()).problems())
                    .extracting(ProductionSecrets.Problem::environment, ProductionSecrets.Problem::reason)
                    .containsExactly(tuple(PiiKeys.ENV, "is not the key an earlier build generated in " + file
                            + ", which this data folder's data was protected with: set it to that file's content"
                            + " (docs/operations.md, \"Keys\")"));
            assertThat(context.getStartupFailure().getMessage()).doesNotContain(TestKeys.key('x'), TestKeys.key('p'));
        });
        production().withPropertyValues("SIMPUL_PII_KEY=" + TestKeys.key('x')).run(context -> assertThat(context).hasNotFailed());
    }

    /** docker/compose.yaml (PostgreSQL: no backup key) requires every key, and .env.example's are placeholders. */
    @Test
    void theDockerFilesPassEveryKeyAndEnvExamplesValuesAreRefusedAsPlaceholders() throws IOException {
        String compose = Files.readString(Path.of("docker/compose.yaml"));
        List<String> example = Files.readAllLines(Path.of("docker/.env.example")).stream()
                .filter(line -> TestKeys.KEYS.containsKey(line.split("=")[0])).toList();
        List<String> variables = example.stream().map(line -> line.split("=")[0]).toList();
        assertThat(variables).containsExactlyInAnyOrderElementsOf(TestKeys.KEYS.keySet().stream()
                .filter(variable -> !variable.equals(BackupKey.ENV)).toList());
        variables.forEach(variable -> assertThat(compose).contains(variable + ": ${" + variable + ":?"));

        production().withPropertyValues("spring.datasource.url=jdbc:postgresql://postgres:5432/simpul")
                .withPropertyValues(example.toArray(String[]::new)).run(context -> assertThat(
                        ((ProductionSecrets.Refused) context.getStartupFailure()).problems())
                        .extracting(ProductionSecrets.Problem::environment, ProductionSecrets.Problem::reason)
                        .containsExactlyInAnyOrderElementsOf(variables.stream()
                                .map(variable -> tuple(variable, "is a placeholder from docker/.env.example")).toList()));
    }

    @Test
    void theEmbeddedDefaultIgnoresGeneratedKeyFiles() throws IOException {
        generated("audit.key", TestKeys.key('x'));

        hub().run(context -> assertThat(context).hasNotFailed());
    }

    private Path generated(String name, String content) throws IOException {
        Path file = dataDir.resolve("keys").resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content).toAbsolutePath().normalize();
    }

}
