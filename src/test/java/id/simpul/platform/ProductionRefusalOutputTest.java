package id.simpul.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.simpul.SimpulApplication;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * What the operator reads when a production hub is refused: the report once, without a stack trace. Spring's
 * "Exception encountered during context initialization" WARN repeated every problem on one long line before it.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProductionRefusalOutputTest {

    @Test
    void aRefusedProductionStartPrintsTheReportOnceAndNoStackTrace(@TempDir Path dataDir, CapturedOutput output) {
        assertThatThrownBy(() -> SpringApplication.run(SimpulApplication.class, "--spring.profiles.active=production",
                "--server.port=0", "--simpul.data-dir=" + dataDir, "--spring.main.banner-mode=off"))
                .isInstanceOf(ProductionSecrets.Refused.class);

        String printed = output.getOut() + output.getErr();
        assertThat(printed).contains("APPLICATION FAILED TO START")
                .contains("these secrets or keys cannot be used");
        assertThat(printed.split("SIMPUL_PII_KEY", -1)).as("each problem is named once: %s", printed).hasSize(2);
        assertThat(printed).doesNotContain("Exception encountered during context initialization")
                .doesNotContain("\tat ");
    }
}
