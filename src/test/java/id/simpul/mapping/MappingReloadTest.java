package id.simpul.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.json.Json;
import id.simpul.support.CapturedLog;
import id.simpul.support.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Integrators edit mappings on a running hub, shared functions in {@code lib/common.jslt} included: an edit
 * to a file that is only imported must reach the mappings importing it, as an edit to them does.
 */
class MappingReloadTest {

    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path root;

    private final AtomicLong nanos = new AtomicLong();
    private Mappings mappings;
    private final JsonNode input = Json.tree("{\"name\":\"  Siti  \"}");

    @BeforeEach
    void folder() throws IOException {
        Files.createDirectories(root.resolve("lib"));
        Files.createDirectories(root.resolve("oss/receiveNIB"));
        Files.writeString(root.resolve("lib/common.jslt"), "def label(v) \"old:\" + $v\n");
        Files.writeString(root.resolve("oss/receiveNIB/default.jslt"),
                "import \"../../lib/common.jslt\" as c\n{\"label\": c:label(.name)}\n");
        mappings = new Mappings(root, nanos::get);
    }

    @Test
    void anEditToAnImportedFileIsUsedOnceTheRecheckIsDue() throws IOException {
        assertThat(label()).isEqualTo("old:  Siti  ");

        edit("lib/common.jslt", "def label(v) \"new:\" + trim($v)\n", 60);
        nanos.addAndGet(SECOND);

        assertThat(label()).isEqualTo("new:Siti");
    }

    @Test
    void filesAreNotLookedAtAgainWithinASecond() throws IOException {
        assertThat(label()).isEqualTo("old:  Siti  ");

        edit("lib/common.jslt", "def label(v) \"new:\" + trim($v)\n", 60);
        nanos.addAndGet(SECOND / 2);
        assertThat(label()).isEqualTo("old:  Siti  ");

        nanos.addAndGet(SECOND / 2);
        assertThat(label()).isEqualTo("new:Siti");
    }

    @Test
    void anEditToTheMappingItselfIsStillUsed() throws IOException {
        assertThat(label()).isEqualTo("old:  Siti  ");

        edit("oss/receiveNIB/default.jslt", "import \"../../lib/common.jslt\" as c\n{\"label\": c:label(\"x\")}\n", 60);
        nanos.addAndGet(SECOND);

        assertThat(label()).isEqualTo("old:x");
    }

    @Test
    void anEditTwoImportsAwayIsUsedToo() throws IOException {
        // receiveNIBKKPR imports receiveNIB's mapping, which imports lib/common.jslt.
        Files.createDirectories(root.resolve("oss/receiveNIBKKPR"));
        Files.writeString(root.resolve("oss/receiveNIBKKPR/default.jslt"),
                "import \"../receiveNIB/default.jslt\" as receiveNIB\nreceiveNIB(.)\n");
        assertThat(mappings.apply("oss/receiveNIBKKPR", null, input).path("label").asText()).isEqualTo("old:  Siti  ");

        edit("lib/common.jslt", "def label(v) \"new:\" + trim($v)\n", 60);
        nanos.addAndGet(SECOND);

        assertThat(mappings.apply("oss/receiveNIBKKPR", null, input).path("label").asText()).isEqualTo("new:Siti");
    }

    /**
     * A file that never compiled in this process has no version to keep: each permit that needs it fails with
     * this message, which the dead letters, the trail and the console show: one line with the file and
     * position, as check-mappings says it, not JSLT's list of every token it expected. The fix is used at the
     * next recheck.
     */
    @Test
    void aFileBrokenAtStartFailsInOneLineNamingItsPositionAndTheFixIsUsed() throws IOException {
        edit("oss/receiveNIB/default.jslt", "import \"../../lib/common.jslt\" as c\n{\"label\": c:label(.name}\n", 60);

        assertThatThrownBy(this::label).isInstanceOf(MappingException.class)
                .satisfies(e -> assertThat(e.getMessage())
                        .startsWith("cannot compile mapping oss/receiveNIB/default.jslt: Parse error")
                        .contains(" at oss/receiveNIB/default.jslt:2:")
                        .doesNotContain("Was expecting")
                        .doesNotContain("\n"));
        assertThat(mappings.refusals().list()).isEmpty();

        edit("oss/receiveNIB/default.jslt", "import \"../../lib/common.jslt\" as c\n{\"label\": c:label(.name)}\n", 120);
        nanos.addAndGet(SECOND);
        assertThat(label()).isEqualTo("old:  Siti  ");
    }

    /**
     * Editors and {@code cp} save in place (truncate, then write): a permit converted while the file is
     * half-written, or after a slip, is converted with the version that last compiled, and the refused change
     * is logged once, not once per permit.
     */
    @Test
    void aBrokenSaveIsRefusedOnceAndTheLastGoodVersionStaysInUse() throws IOException {
        assertThat(label()).isEqualTo("old:  Siti  ");

        try (CapturedLog log = CapturedLog.start()) {
            edit("oss/receiveNIB/default.jslt", "import \"../../lib/common.jslt\" as c\n{\"label\": c:label(.name}\n", 60);
            nanos.addAndGet(SECOND);

            assertThat(label()).isEqualTo("old:  Siti  ");
            nanos.addAndGet(SECOND);
            assertThat(label()).isEqualTo("old:  Siti  ");

            assertThat(mappings.refusals().list()).singleElement().satisfies(refused -> {
                assertThat(refused.file()).isEqualTo("oss/receiveNIB/default.jslt");
                assertThat(refused.error()).startsWith("cannot compile mapping oss/receiveNIB/default.jslt: Parse error")
                        .contains(" at oss/receiveNIB/default.jslt:2:").doesNotContain("\n");
            });
            assertThat(log.atLeast(Level.ERROR)).singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
                    .contains("oss/receiveNIB/default.jslt:2:").contains("last version that compiled"));
        }
    }

    @Test
    void aFixedSaveIsUsedAndTheRefusalClears() throws IOException {
        assertThat(label()).isEqualTo("old:  Siti  ");
        edit("oss/receiveNIB/default.jslt", "import \"../../lib/common.jslt\" as c\n{\"label\": c:label(.name}\n", 60);
        nanos.addAndGet(SECOND);
        assertThat(label()).isEqualTo("old:  Siti  ");

        try (CapturedLog log = CapturedLog.start()) {
            edit("oss/receiveNIB/default.jslt", "import \"../../lib/common.jslt\" as c\n{\"label\": c:label(\"x\")}\n", 120);
            nanos.addAndGet(SECOND);

            assertThat(label()).isEqualTo("old:x");
            assertThat(mappings.refusals().list()).isEmpty();
            assertThat(log.lines()).anySatisfy(line -> assertThat(line)
                    .contains("INFO mapping oss/receiveNIB/default.jslt compiles again; now in use"));
        }
    }

    @Test
    void aBrokenImportIsRefusedForTheMappingsUsingIt() throws IOException {
        assertThat(label()).isEqualTo("old:  Siti  ");

        edit("lib/common.jslt", "def label(v) \"new:\" + trim($v\n", 60);
        nanos.addAndGet(SECOND);

        assertThat(label()).isEqualTo("old:  Siti  ");
        assertThat(mappings.refusals().list()).singleElement()
                .satisfies(refused -> assertThat(refused.error()).contains("lib/common.jslt"));
    }

    /** A save by rename leaves the file missing for a moment; a permit in that moment keeps the old version. */
    @Test
    void aFileMissingForAMomentKeepsTheLastGoodVersionUntilItIsBack() throws IOException {
        assertThat(label()).isEqualTo("old:  Siti  ");
        Path file = root.resolve("oss/receiveNIB/default.jslt");
        FileTime before = Files.getLastModifiedTime(file);

        Files.delete(file);
        nanos.addAndGet(SECOND);
        assertThat(label()).isEqualTo("old:  Siti  ");
        assertThat(mappings.refusals().list()).singleElement()
                .satisfies(refused -> assertThat(refused.error()).contains("oss/receiveNIB/default.jslt"));

        Files.writeString(file, "import \"../../lib/common.jslt\" as c\n{\"label\": c:label(\"x\")}\n");
        Files.setLastModifiedTime(file, FileTime.from(before.toInstant().plusSeconds(60)));
        nanos.addAndGet(SECOND);
        assertThat(label()).isEqualTo("old:x");
        assertThat(mappings.refusals().list()).isEmpty();
    }

    /** A {@code <versi_pia>.jslt} retired on purpose gives way to the default once it stays missing. */
    @Test
    void aFileDeletedForGoodIsNoLongerUsed() throws IOException {
        Files.writeString(root.resolve("oss/receiveNIB/4.3.jslt"), "{\"label\": \"v4.3\"}\n");
        assertThat(mappings.apply("oss/receiveNIB", "4.3.22", input).path("label").asText()).isEqualTo("v4.3");

        Files.delete(root.resolve("oss/receiveNIB/4.3.jslt"));
        nanos.addAndGet(SECOND);
        assertThat(mappings.apply("oss/receiveNIB", "4.3.22", input).path("label").asText()).isEqualTo("v4.3");
        assertThat(mappings.refusals().list()).hasSize(1);

        nanos.addAndGet(3 * SECOND);
        assertThat(mappings.apply("oss/receiveNIB", "4.3.22", input).path("label").asText()).isEqualTo("old:  Siti  ");
        assertThat(mappings.refusals().list()).isEmpty();
    }

    /**
     * A hub restarted while a change is refused (a night-time reboot) lost the version it kept in memory: every
     * permit needing the file was dead-lettered until someone fixed it and replayed them. The last good version is
     * kept under the data folder, so a restarted hub (a fresh {@link Mappings} on the same folders) runs on it and
     * reports the refusal as a running hub does.
     */
    @Nested
    class AcrossARestart {

        private static final String MAPPING = "oss/receiveNIB/default.jslt";
        private static final String GOOD = "import \"../../lib/common.jslt\" as c\n{\"label\": c:label(.name)}\n";
        private static final String BROKEN = "import \"../../lib/common.jslt\" as c\n{\"label\": c:label(.name}\n";

        @TempDir
        Path dataDir;

        private Mappings hub;

        @BeforeEach
        void hub() {
            hub = restart();
        }

        @Test
        void aChangeRefusedBeforeARestartIsRefusedAtStartAndTheLastGoodVersionRuns() throws IOException {
            assertThat(label(hub)).isEqualTo("old:  Siti  ");
            edit(MAPPING, BROKEN, 60);
            nanos.addAndGet(SECOND);
            assertThat(label(hub)).isEqualTo("old:  Siti  ");

            try (CapturedLog log = CapturedLog.start()) {
                Mappings restarted = restart();

                // Reported at start, before any permit needs the file: health, gauge and dashboard read this list.
                assertThat(restarted.refusals().list()).singleElement().satisfies(refused -> {
                    assertThat(refused.file()).isEqualTo(MAPPING);
                    assertThat(refused.error()).startsWith("cannot compile mapping " + MAPPING + ": Parse error")
                            .contains(" at " + MAPPING + ":2:");
                });
                assertThat(label(restarted)).isEqualTo("old:  Siti  ");
                nanos.addAndGet(SECOND);
                assertThat(label(restarted)).isEqualTo("old:  Siti  ");
                assertThat(log.atLeast(Level.ERROR)).singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
                        .contains("refused the change to " + MAPPING).contains(MAPPING + ":2:"));
            }
        }

        @Test
        void aRefusalKeepsTheTimeItWasFirstSeenAcrossARestartUntilTheFileCompilesAgain() throws IOException {
            label(hub);
            edit(MAPPING, BROKEN, 60);
            nanos.addAndGet(SECOND);
            label(hub);
            Instant seen = since(hub);
            MutableClock clock = new MutableClock(seen.plus(Duration.ofHours(3)));

            // Health, the dashboard and the gauge read this: refused since the save, not since the restart.
            assertThat(since(new Mappings(root, clock, dataDir))).isEqualTo(seen);

            // Fixed at run time: the time goes with the refusal, and a later refusal starts its own.
            edit(MAPPING, GOOD.replace(".name", "\"x\""), 120);
            nanos.addAndGet(SECOND);
            assertThat(label(hub)).isEqualTo("old:x");
            edit(MAPPING, BROKEN, 180);
            clock.advance(Duration.ofHours(1));
            assertThat(since(new Mappings(root, clock, dataDir))).isEqualTo(clock.instant());

            // Fixed while the hub was stopped: the same.
            edit(MAPPING, GOOD, 240);
            assertThat(new Mappings(root, clock, dataDir).refusals().list()).isEmpty();
            edit(MAPPING, BROKEN, 300);
            clock.advance(Duration.ofHours(1));
            assertThat(since(new Mappings(root, clock, dataDir))).isEqualTo(clock.instant());
        }

        private Instant since(Mappings mappings) {
            return mappings.refusals().list().stream().filter(r -> r.file().equals(MAPPING))
                    .map(Refusals.Refused::since).findFirst().orElseThrow();
        }

        @Test
        void theFixAfterARestartIsUsedAndTheRefusalClears() throws IOException {
            label(hub);
            edit(MAPPING, BROKEN, 60);
            Mappings restarted = restart();
            assertThat(restarted.refusals().list()).hasSize(1);

            edit(MAPPING, GOOD.replace(".name", "\"x\""), 120);
            nanos.addAndGet(SECOND);

            assertThat(label(restarted)).isEqualTo("old:x");
            assertThat(restarted.refusals().list()).isEmpty();
            // The fix is the new last good version: a later broken save and restart fall back to it.
            edit(MAPPING, BROKEN, 180);
            assertThat(label(restart())).isEqualTo("old:x");
        }

        @Test
        void aBrokenImportAtStartRunsTheMappingWithTheImportItCompiledWith() throws IOException {
            label(hub);
            edit("lib/common.jslt", "def label(v) \"new:\" + trim($v\n", 60);

            Mappings restarted = restart();

            assertThat(label(restarted)).isEqualTo("old:  Siti  ");
            assertThat(restarted.refusals().list()).singleElement().satisfies(refused -> {
                assertThat(refused.file()).isEqualTo(MAPPING);
                assertThat(refused.error()).contains("lib/common.jslt");
            });
        }

        @Test
        void aMappingDeletedWhileTheHubWasStoppedIsNotResurrected() throws IOException {
            Files.writeString(root.resolve("oss/receiveNIB/4.3.jslt"), "{\"label\": \"v4.3\"}\n");
            assertThat(hub.apply("oss/receiveNIB", "4.3.22", input).path("label").asText()).isEqualTo("v4.3");

            Files.delete(root.resolve("oss/receiveNIB/4.3.jslt"));
            Mappings restarted = restart();

            assertThat(restarted.apply("oss/receiveNIB", "4.3.22", input).path("label").asText()).isEqualTo("old:  Siti  ");
            assertThat(restarted.refusals().list()).isEmpty();
            // A file of that name saved later starts afresh: broken, it fails rather than running the deleted version.
            Files.writeString(root.resolve("oss/receiveNIB/4.3.jslt"), "{\"label\": \n");
            assertThatThrownBy(() -> restart().apply("oss/receiveNIB", "4.3.22", input))
                    .isInstanceOf(MappingException.class).hasMessageContaining("cannot compile mapping oss/receiveNIB/4.3.jslt");
        }

        @Test
        void aMappingDeletedOnARunningHubIsNotResurrectedByALaterRestart() throws IOException {
            Files.writeString(root.resolve("oss/receiveNIB/4.3.jslt"), "{\"label\": \"v4.3\"}\n");
            assertThat(hub.apply("oss/receiveNIB", "4.3.22", input).path("label").asText()).isEqualTo("v4.3");
            Files.delete(root.resolve("oss/receiveNIB/4.3.jslt"));
            nanos.addAndGet(SECOND);
            hub.apply("oss/receiveNIB", "4.3.22", input);
            nanos.addAndGet(3 * SECOND);
            assertThat(hub.apply("oss/receiveNIB", "4.3.22", input).path("label").asText()).isEqualTo("old:  Siti  ");

            Files.writeString(root.resolve("oss/receiveNIB/4.3.jslt"), "{\"label\": \n");

            assertThatThrownBy(() -> restart().apply("oss/receiveNIB", "4.3.22", input))
                    .isInstanceOf(MappingException.class).hasMessageContaining("cannot compile mapping oss/receiveNIB/4.3.jslt");
        }

        @Test
        void aFileThatNeverCompiledStillFailsAfterARestart() throws IOException {
            Files.createDirectories(root.resolve("targets"));
            Files.writeString(root.resolve("targets/new.jslt"), "{\"a\": \n");
            assertThatThrownBy(() -> hub.applyFile("targets/new.jslt", input)).isInstanceOf(MappingException.class);

            Mappings restarted = restart();

            assertThatThrownBy(() -> restarted.applyFile("targets/new.jslt", input))
                    .isInstanceOf(MappingException.class).hasMessageContaining("cannot compile mapping targets/new.jslt");
            assertThat(restarted.refusals().list()).isEmpty();
        }

        /** check-mappings compiles a file without using it: what it checked is not what a hub would fall back to. */
        @Test
        void aCheckedFileIsNotSavedAsTheLastGoodVersion() throws IOException {
            label(hub);
            edit(MAPPING, GOOD.replace(".name", "\"x\""), 60);
            hub.compile(MAPPING);
            edit(MAPPING, BROKEN, 120);

            assertThat(label(restart())).isEqualTo("old:  Siti  ");
        }

        Mappings restart() {
            return new Mappings(root, nanos::get, dataDir);
        }
    }

    private String label(Mappings mappings) {
        return mappings.apply("oss/receiveNIB", null, input).path("label").asText();
    }

    private String label() {
        return label(mappings);
    }

    /** Rewrites a file with a later modification time, so that no test waits for the clock to tick. */
    private void edit(String file, String text, long secondsLater) throws IOException {
        Path p = root.resolve(file);
        FileTime before = Files.getLastModifiedTime(p);
        Files.writeString(p, text);
        Files.setLastModifiedTime(p, FileTime.from(before.toInstant().plusSeconds(secondsLater)));
    }
}
