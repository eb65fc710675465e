package id.simpul.applicant.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The warning a hub without SIMPUL_PII_KEY logs at its first start told IT staff to keep the key "with
 * the store's backups"; docs/operations.md ("Backups") says to keep the keys apart from the backups, since
 * a backup with its key beside it is as exposed as the store. The log must give the same advice.
 */
@ExtendWith(OutputCaptureExtension.class)
class PiiKeysAdviceTest {

    @Test
    void aGeneratedKeyIsToBeKeptApartFromTheBackups(@TempDir Path dataDir, CapturedOutput output) {
        PiiKeys.load(Map.of(), dataDir);

        assertThat(output.getOut() + output.getErr())
                .contains("SIMPUL_PII_KEY is not set")
                .doesNotContain("keep it with the store's backups")
                .contains("apart from the backups");
    }
}
