package id.simpul.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import id.simpul.mapping.Mappings;
import id.simpul.support.CapturedLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crosswalk saved with a slip into a running hub's folder: every outputs poll read it and failed, and
 * each failure became a dead letter with no target on it. The rules that last read stay in use instead,
 * the change is refused once, and the fix is used at the next read.
 */
class StatusCrosswalkReloadTest {

    private static final String GOOD = "{ \"rules\": [ { \"status\": \"Selesai\", \"kd_status\": \"50\", \"decided\": true } ] }";
    private static final String MISSING_COMMA = "{ \"rules\": [\n  { \"status\": \"Selesai\", \"kd_status\": \"40\" }\n"
            + "  { \"status\": \"Ditolak\", \"kd_status\": \"90\" } ] }";

    @TempDir
    Path root;

    private Mappings mappings;
    private StatusCrosswalk crosswalk;

    @BeforeEach
    void folder() throws IOException {
        Files.createDirectories(root.resolve("status"));
        Files.writeString(root.resolve("status/office-to-oss.json"), GOOD);
        mappings = new Mappings(root);
        crosswalk = new StatusCrosswalk(mappings);
    }

    @Test
    void aBrokenSaveKeepsTheRulesThatLastReadAndIsRefusedOnce() throws IOException {
        assertThat(crosswalk.map("status/office-to-oss.json", "Selesai", null))
                .contains(new StatusCrosswalk.Outcome("50", true));

        try (CapturedLog log = CapturedLog.start()) {
            edit(MISSING_COMMA, 60);

            assertThat(crosswalk.map("status/office-to-oss.json", "Selesai", null))
                    .contains(new StatusCrosswalk.Outcome("50", true));
            assertThat(crosswalk.map("status/office-to-oss.json", "Selesai", null))
                    .contains(new StatusCrosswalk.Outcome("50", true));

            assertThat(mappings.refusals().list()).singleElement().satisfies(refused -> {
                assertThat(refused.file()).isEqualTo("status/office-to-oss.json");
                assertThat(refused.error()).contains("is not valid JSON at line: 3");
            });
            assertThat(log.atLeast(Level.ERROR)).singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
                    .contains("status/office-to-oss.json").contains("line: 3"));
        }
    }

    @Test
    void aFixedSaveIsUsedAndTheRefusalClears() throws IOException {
        crosswalk.map("status/office-to-oss.json", "Selesai", null);
        edit(MISSING_COMMA, 60);
        crosswalk.map("status/office-to-oss.json", "Selesai", null);

        edit(MISSING_COMMA.replace("}\n  {", "},\n  {"), 120);

        assertThat(crosswalk.map("status/office-to-oss.json", "Selesai", null))
                .contains(new StatusCrosswalk.Outcome("40", false));
        assertThat(mappings.refusals().list()).isEmpty();
    }

    /** check-mappings reads the file as it is: it never says "ok" for a file the hub refused. */
    @Test
    void aCheckReadsTheFileAsItIsAndABrokenFileAtStartStillFails() throws IOException {
        crosswalk.map("status/office-to-oss.json", "Selesai", null);
        edit(MISSING_COMMA, 60);

        assertThatThrownBy(() -> crosswalk.check("status/office-to-oss.json"))
                .hasMessageContaining("crosswalk status/office-to-oss.json is not valid JSON");
        assertThatThrownBy(() -> new StatusCrosswalk(new Mappings(root)).map("status/office-to-oss.json", "Selesai", null))
                .hasMessageContaining("crosswalk status/office-to-oss.json is not valid JSON");
    }

    private void edit(String text, long secondsLater) throws IOException {
        Path p = root.resolve("status/office-to-oss.json");
        FileTime before = Files.getLastModifiedTime(p);
        Files.writeString(p, text);
        Files.setLastModifiedTime(p, FileTime.from(before.toInstant().plusSeconds(secondsLater)));
    }
}
