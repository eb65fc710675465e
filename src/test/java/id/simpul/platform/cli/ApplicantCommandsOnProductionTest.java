package id.simpul.platform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.applicant.cli.ApplicantCommands;
import id.simpul.support.TestKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * {@code resolve-applicants} (and {@code evaluate --in}, {@code bench-applicant-match}) on the production profile
 * takes the NIK key as the production hub does: only from {@code SIMPUL_PII_KEY}. It used to generate one into the
 * store's folder, a key that is none of the hub's: the same person's NIK then matched nobody the hub had resolved.
 */
@ExtendWith(OutputCaptureExtension.class)
class ApplicantCommandsOnProductionTest {

    private static final Map<String, String> PRODUCTION = Map.of("SPRING_PROFILES_ACTIVE", "default, production");

    @TempDir
    Path dir;
    private Path store;
    private Path in;

    @BeforeEach
    void oneApplicant() throws IOException {
        store = dir.resolve("data");
        in = Files.writeString(dir.resolve("applicants.jsonl"), "{\"sourceRef\":\"oss:1\",\"type\":\"PERSON\","
                + "\"name\":\"SOESANTI FAOEZI SINAGA\",\"nik\":\"1671036309691180\"}\n");
    }

    @Test
    void onTheProductionProfileWithoutThePiiKeyItIsRefusedWithTheHubsMessageAndMakesNoKey(CapturedOutput output) {
        String before = System.getProperty("spring.profiles.active");
        System.setProperty("spring.profiles.active", "production");
        int rc;
        try {
            rc = Commands.run(new String[] {"resolve-applicants", "--in", in.toString(), "--out",
                    dir.resolve("clusters.csv").toString(), "--store", store.toString()});
        } finally {
            if (before == null) {
                System.clearProperty("spring.profiles.active");
            } else {
                System.setProperty("spring.profiles.active", before);
            }
        }

        assertThat(rc).isEqualTo(1);
        assertThat(store.resolve("keys/pii.key")).as("no key made up").doesNotExist();
        assertThat(output.getErr()).contains("resolve-applicants failed: The production profile is active")
                .contains("SIMPUL_PII_KEY (the applicant registry's NIK key) is not set")
                .contains("generate-keys").doesNotContain("\tat ");
        assertThat(dir.resolve("clusters.csv")).doesNotExist();
    }

    @Test
    void aStoreFolderHoldingAKeyAnEarlierBuildGeneratedIsToldToMoveItIntoTheEnvironment(CapturedOutput output)
            throws IOException {
        Path key = Files.createDirectories(store.resolve("keys")).resolve("pii.key");
        Files.writeString(key, TestKeys.KEYS.get("SIMPUL_PII_KEY"));

        int rc = ApplicantCommands.resolveApplicants(new String[] {"--in", in.toString(), "--out",
                dir.resolve("clusters.csv").toString(), "--store", store.toString()},
                CommandCatalogue.piiKeys(PRODUCTION, null));

        assertThat(rc).isEqualTo(1);
        assertThat(output.getErr()).contains("SIMPUL_PII_KEY (the applicant registry's NIK key) is not set; this data"
                + " folder holds a key an earlier build generated in " + key.toAbsolutePath());
    }

    @Test
    void onTheProductionProfileTheKeyFromTheEnvironmentIsUsedAndNoneIsWritten() {
        Map<String, String> environment = Map.of("SPRING_PROFILES_ACTIVE", "production",
                "SIMPUL_PII_KEY", TestKeys.KEYS.get("SIMPUL_PII_KEY"));

        int rc = ApplicantCommands.resolveApplicants(new String[] {"--in", in.toString(), "--out",
                dir.resolve("clusters.csv").toString(), "--store", store.toString()},
                CommandCatalogue.piiKeys(environment, null));

        assertThat(rc).isZero();
        assertThat(dir.resolve("clusters.csv")).exists();
        assertThat(store.resolve("keys")).doesNotExist();
    }

    @Test
    void withoutTheProductionProfileAKeyIsStillGeneratedForTheStore() {
        int rc = ApplicantCommands.resolveApplicants(new String[] {"--in", in.toString(), "--out",
                dir.resolve("clusters.csv").toString(), "--store", store.toString()},
                CommandCatalogue.piiKeys(Map.of("SPRING_PROFILES_ACTIVE", "production"), "local"));

        assertThat(rc).isZero();
        assertThat(store.resolve("keys/pii.key")).exists();
    }
}
