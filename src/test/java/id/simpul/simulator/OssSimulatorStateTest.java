package id.simpul.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated OSS's state file: one line per change, the same state after a restart. */
class OssSimulatorStateTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T03:00:00Z"), ZoneOffset.UTC);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @TempDir
    Path dir;

    @Test
    void eachChangeAppendsOneLineInsteadOfRewritingEveryNibAndARestartFindsTheSameState() throws IOException {
        Path file = dir.resolve("state.jsonl");
        OssSimulatorState state = new OssSimulatorState(file, CLOCK);
        OssPayloadGenerator generator = new OssPayloadGenerator(7, List.of("1607"));
        String first = state.remember(generator.nextReceiveNib(LocalDateTime.of(2026, 11, 30, 9, 0)));
        state.remember(generator.nextReceiveNib(LocalDateTime.of(2026, 11, 30, 9, 1)),
                F.objectNode().put("position", 2));
        String idIzin = state.nib(first).orElseThrow().path("data_checklist").path(0).path("id_izin").asText();
        long afterTwoNibs = Files.size(file);

        state.status(idIzin, "20", "Proses verifikasi", null, "receiveLicenseStatus");
        state.change(first, null);
        String nomor = state.license(idIzin, F.objectNode().put("id_izin", idIzin));

        assertThat(Files.readAllLines(file)).as("one line per change").hasSize(5);
        assertThat(Files.size(file) - afterTwoNibs).as("a status does not rewrite the NIBs")
                .isLessThan(afterTwoNibs);
        OssSimulatorState restarted = new OssSimulatorState(file, CLOCK);
        assertThat(restarted.summary()).isEqualTo(state.summary());
        // As text: the generator's longs read back as ints where they fit.
        assertThat(restarted.nib(first).map(Object::toString)).isEqualTo(state.nib(first).map(Object::toString));
        assertThat(restarted.nib(first).orElseThrow().path("tipe_dokumen").asText()).isEqualTo("5");
        assertThat(restarted.status(idIzin).orElseThrow().path("kd_status").asText()).isEqualTo("20");
        assertThat(restarted.license(idIzin).orElseThrow().path("nomor_izin").asText()).isEqualTo(nomor);
        assertThat(restarted.pusher().orElseThrow().path("position").asInt()).isEqualTo(2);
        assertThat(restarted.nibOfIzin(idIzin)).contains(first);
        assertThat(restarted.license("another", F.objectNode())).as("numbering goes on after the restart")
                .isNotEqualTo(nomor).startsWith("503/00003/");
    }

    @Test
    void aRestartCompactsTheFileToOneLinePerItemAndSkipsALineCutShortByACrash() throws IOException {
        Path file = dir.resolve("state.jsonl");
        OssSimulatorState state = new OssSimulatorState(file, CLOCK);
        String nib = state.remember(new OssPayloadGenerator(7, List.of("1607"))
                .nextReceiveNib(LocalDateTime.of(2026, 11, 30, 9, 0)), F.objectNode().put("position", 1));
        for (int i = 0; i < 5; i++) {
            state.change(nib, null);
        }
        Files.writeString(file, "{\"nib\":\"91203", StandardOpenOption.APPEND);

        OssSimulatorState restarted = new OssSimulatorState(file, CLOCK);

        assertThat(restarted.nib(nib).map(Object::toString)).isEqualTo(state.nib(nib).map(Object::toString));
        assertThat(restarted.pusher()).isEqualTo(state.pusher());
        assertThat(Files.readAllLines(file)).as("where the pushes stand, then the NIB").hasSize(2);
        assertThat(new OssSimulatorState(file, CLOCK).nib(nib).map(Object::toString))
                .isEqualTo(state.nib(nib).map(Object::toString));
    }

    /**
     * A file never compacted (no header line, no item written twice) that a crash left with a line cut short:
     * the next change must start a line of its own, not be glued to the cut one and lost at the next restart.
     */
    @Test
    void aChangeAfterARestartOnALineCutShortByACrashIsKeptAtTheNextRestart() throws IOException {
        Path file = dir.resolve("state.jsonl");
        OssPayloadGenerator generator = new OssPayloadGenerator(7, List.of("1607"));
        String first = new OssSimulatorState(file, CLOCK)
                .remember(generator.nextReceiveNib(LocalDateTime.of(2026, 11, 30, 9, 0)));
        Files.writeString(file, "{\"nib\":\"91203", StandardOpenOption.APPEND);

        String second = new OssSimulatorState(file, CLOCK)
                .remember(generator.nextReceiveNib(LocalDateTime.of(2026, 11, 30, 9, 1)));

        OssSimulatorState restarted = new OssSimulatorState(file, CLOCK);
        assertThat(restarted.knows(first)).isTrue();
        assertThat(restarted.knows(second)).as("the NIB pushed after the crash").isTrue();
    }

    @Test
    void theStateAnEarlierBuildKeptInOneDocumentIsMovedToTheLinesFile() throws IOException {
        ObjectNode data = F.objectNode().put("nib", "9120301234567");
        data.putArray("data_checklist").addObject().put("id_izin", "I-OLD-1");
        ObjectNode legacy = F.objectNode().put("sequence", 4);
        legacy.putObject("pusher").put("position", 9);
        legacy.putObject("nibs").set("9120301234567", data);
        legacy.putObject("statuses").putObject("I-OLD-1").put("kd_status", "50");
        legacy.putObject("licenses");
        Files.writeString(dir.resolve("state.json"), legacy.toString());

        OssSimulatorState state = new OssSimulatorState(dir.resolve("state.jsonl"), CLOCK);

        assertThat(state.knows("9120301234567")).isTrue();
        assertThat(state.nibOfIzin("I-OLD-1")).contains("9120301234567");
        assertThat(state.status("I-OLD-1").orElseThrow().path("kd_status").asText()).isEqualTo("50");
        assertThat(state.pusher().orElseThrow().path("position").asInt()).isEqualTo(9);
        assertThat(dir.resolve("state.json")).doesNotExist();
        assertThat(new OssSimulatorState(dir.resolve("state.jsonl"), CLOCK).knows("9120301234567")).isTrue();
    }

    @Test
    void aLongRunningDemoCompactsItsFileWhileRunningInsteadOfGrowingUntilTheNextStart() throws IOException {
        Path file = dir.resolve("state.jsonl");
        OssSimulatorState state = new OssSimulatorState(file, CLOCK);
        String nib = state.remember(new OssPayloadGenerator(7, List.of("1607"))
                .nextReceiveNib(LocalDateTime.of(2026, 11, 30, 9, 0)), F.objectNode().put("position", 1));

        for (int i = 0; i < OssSimulatorState.COMPACT_AFTER + 10; i++) {
            state.change(nib, null);
        }

        assertThat(Files.readAllLines(file).size()).as("lines after %d changes of one NIB",
                OssSimulatorState.COMPACT_AFTER + 10).isLessThan(100);
        assertThat(new OssSimulatorState(file, CLOCK).nib(nib).map(Object::toString))
                .isEqualTo(state.nib(nib).map(Object::toString));
    }
}
