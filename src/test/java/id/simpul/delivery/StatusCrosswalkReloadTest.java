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
import java.time.Clock;
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

    /**
     * A hub restarted while a change is refused ran without the rules it kept in memory: every poll of the targets
     * using the crosswalk failed until someone fixed it. The last rules that read are kept under the data folder.
     */
    @Test
    void aChangeRefusedBeforeARestartIsRefusedAtStartAndTheRulesThatLastReadAreUsed(@TempDir Path dataDir)
            throws IOException {
        StatusCrosswalk hub = new StatusCrosswalk(new Mappings(root, Clock.systemUTC(), dataDir));
        assertThat(hub.map("status/office-to-oss.json", "Selesai", null)).contains(new StatusCrosswalk.Outcome("50", true));
        edit(MISSING_COMMA, 60);

        try (CapturedLog log = CapturedLog.start()) {
            Mappings restarted = new Mappings(root, Clock.systemUTC(), dataDir);
            StatusCrosswalk afterRestart = new StatusCrosswalk(restarted);

            assertThat(restarted.refusals().list()).singleElement().satisfies(refused -> {
                assertThat(refused.file()).isEqualTo("status/office-to-oss.json");
                assertThat(refused.error()).contains("is not valid JSON at line: 3");
            });
            assertThat(afterRestart.map("status/office-to-oss.json", "Selesai", null))
                    .contains(new StatusCrosswalk.Outcome("50", true));
            assertThat(afterRestart.map("status/office-to-oss.json", "Selesai", null))
                    .contains(new StatusCrosswalk.Outcome("50", true));
            assertThat(log.atLeast(Level.ERROR)).singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
                    .contains("status/office-to-oss.json").contains("line: 3"));

            edit(MISSING_COMMA.replace("}\n  {", "},\n  {"), 120);
            assertThat(afterRestart.map("status/office-to-oss.json", "Selesai", null))
                    .contains(new StatusCrosswalk.Outcome("40", false));
            assertThat(restarted.refusals().list()).isEmpty();
        }
    }

    @Test
    void aCrosswalkDeletedWhileTheHubWasStoppedIsNotResurrected(@TempDir Path dataDir) throws IOException {
        new StatusCrosswalk(new Mappings(root, Clock.systemUTC(), dataDir)).map("status/office-to-oss.json", "Selesai", null);
        Files.delete(root.resolve("status/office-to-oss.json"));

        Mappings restarted = new Mappings(root, Clock.systemUTC(), dataDir);
        StatusCrosswalk afterRestart = new StatusCrosswalk(restarted);

        assertThat(restarted.refusals().list()).isEmpty();
        assertThatThrownBy(() -> afterRestart.map("status/office-to-oss.json", "Selesai", null))
                .hasMessageContaining("crosswalk status/office-to-oss.json is missing");
        Files.writeString(root.resolve("status/office-to-oss.json"), MISSING_COMMA);
        assertThatThrownBy(() -> new StatusCrosswalk(new Mappings(root, Clock.systemUTC(), dataDir))
                .map("status/office-to-oss.json", "Selesai", null))
                .hasMessageContaining("crosswalk status/office-to-oss.json is not valid JSON");
    }

    @Test
    void aCrosswalkThatNeverReadStillFailsAfterARestart(@TempDir Path dataDir) throws IOException {
        edit(MISSING_COMMA, 60);
        StatusCrosswalk hub = new StatusCrosswalk(new Mappings(root, Clock.systemUTC(), dataDir));
        assertThatThrownBy(() -> hub.map("status/office-to-oss.json", "Selesai", null))
                .hasMessageContaining("is not valid JSON");

        Mappings restarted = new Mappings(root, Clock.systemUTC(), dataDir);

        assertThatThrownBy(() -> new StatusCrosswalk(restarted).map("status/office-to-oss.json", "Selesai", null))
                .hasMessageContaining("crosswalk status/office-to-oss.json is not valid JSON");
        assertThat(restarted.refusals().list()).isEmpty();
    }

    private void edit(String text, long secondsLater) throws IOException {
        Path p = root.resolve("status/office-to-oss.json");
        FileTime before = Files.getLastModifiedTime(p);
        Files.writeString(p, text);
        Files.setLastModifiedTime(p, FileTime.from(before.toInstant().plusSeconds(secondsLater)));
    }
}
