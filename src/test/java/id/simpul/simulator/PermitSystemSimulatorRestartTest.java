package id.simpul.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.platform.SimpulProperties;
import id.simpul.support.MutableClock;
import id.simpul.support.TestPorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulated office is a real office to the hub: what it registered before the hub restarted is still
 * there after it, where it stood, and goes on moving through the local steps.
 */
class PermitSystemSimulatorRestartTest {

    private static final Duration STEP = Duration.ofMinutes(2);

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T02:00:00Z"));

    @Test
    void registrationsOfTheCloudOfficeSurviveARestartAndGoOnToTheirDecision() {
        SiCantikCloudSimulator first = cloud();
        String moving = first.permits().register(Map.of("jenis_izin_id", "011000000001", "id_izin_oss", "I-1"),
                "simpul:I-1:v1").permit().number();
        String advanced = first.permits().register(Map.of("jenis_izin_id", "011000000002", "id_izin_oss", "I-2"),
                "simpul:I-2:v1").permit().number();
        String decided = first.permits().register(Map.of("jenis_izin_id", "011000000002", "id_izin_oss", "I-3"),
                "simpul:I-3:v1").permit().number();
        first.advance(advanced, "Penetapan Izin");
        String noIzin = first.advance(decided, "Selesai").noIzin();
        first.stop();

        clock.advance(STEP);
        SiCantikCloudSimulator second = cloud();
        try {
            assertThat(second.permits().numbers()).containsExactly(moving, advanced, decided);
            assertThat(second.permits().find(moving).orElseThrow().step().name()).isEqualTo("Verifikasi");
            assertThat(second.permits().find(advanced).orElseThrow().step().name()).isEqualTo("Penetapan Izin");
            assertThat(second.permits().find(decided).orElseThrow().noIzin()).as("the permit number stays")
                    .isEqualTo(noIzin);
            assertThat(second.permits().register(Map.of("jenis_izin_id", "011000000001"), "simpul:I-1:v1"))
                    .as("a retried registration is still the same one")
                    .satisfies(r -> assertThat(r.existing()).isTrue())
                    .satisfies(r -> assertThat(r.permit().number()).isEqualTo(moving));

            clock.advance(STEP.multipliedBy(10));
            LocalPermits.View done = second.permits().find(moving).orElseThrow();
            assertThat(done.decided()).isTrue();
            assertThat(done.noIzin()).as("numbering goes on after the permits given before the restart")
                    .isNotEqualTo(noIzin).startsWith("503/0002/");
            assertThat(second.permits().find(moving).orElseThrow().permit().field("id_izin_oss")).isEqualTo("I-1");
        } finally {
            second.stop();
        }
    }

    @Test
    void aPermitNumberGivenWhileNobodyLookedIsTheSameAfterARestart() {
        BackofficeSimulator first = backoffice();
        String no = first.permits().register(Map.of("jenis_izin_id", "011000000001", "nama_pemohon", "Budi"), null)
                .permit().number();
        clock.advance(STEP.multipliedBy(5));
        String noIzin = first.permits().find(no).orElseThrow().noIzin();
        first.stop();

        BackofficeSimulator second = backoffice();
        try {
            LocalPermits.View after = second.permits().find(no).orElseThrow();
            assertThat(after.noIzin()).isEqualTo(noIzin);
            assertThat(after.decidedOn()).isEqualTo(first.permits().find(no).orElseThrow().decidedOn());
            assertThat(after.permit().field("nama_pemohon")).isEqualTo("Budi");
        } finally {
            second.stop();
        }
    }

    @Test
    void aLineCutShortByACrashIsSkippedAndTheOtherRegistrationsStay() throws Exception {
        SiCantikCloudSimulator first = cloud();
        String kept = first.permits().register(Map.of("jenis_izin_id", "011000000001"), "simpul:I-4:v1")
                .permit().number();
        first.stop();
        Path file = dataDir.resolve("simulators").resolve("sicantik").resolve("permits.jsonl");
        Files.writeString(file, "{\"number\":\"2026113000000001\",\"regis", StandardOpenOption.APPEND);

        SiCantikCloudSimulator second = cloud();
        String added = second.permits().register(Map.of("jenis_izin_id", "011000000001"), "simpul:I-5:v1")
                .permit().number();
        second.stop();

        SiCantikCloudSimulator third = cloud();
        try {
            assertThat(third.permits().numbers()).containsExactly(kept, added);
        } finally {
            third.stop();
        }
    }

    private SiCantikCloudSimulator cloud() {
        int port = TestPorts.free();
        SiCantikCloudSimulator simulator = new SiCantikCloudSimulator("sicantik", port, dataDir, clock,
                new SimpulProperties.TargetSimulator(port, STEP, "t", null, null));
        simulator.start();
        return simulator;
    }

    private BackofficeSimulator backoffice() {
        int port = TestPorts.free();
        BackofficeSimulator simulator = new BackofficeSimulator("backoffice", port, dataDir, clock,
                new SimpulProperties.TargetSimulator(port, STEP, null, "k", null));
        simulator.start();
        return simulator;
    }
}
