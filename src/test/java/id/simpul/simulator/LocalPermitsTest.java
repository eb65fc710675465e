package id.simpul.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.simpul.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalPermitsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T02:00:00Z"));
    private final LocalPermits permits = new LocalPermits(SiCantikCloudSimulator.WORKFLOW, clock, Duration.ofMinutes(2), "");

    @Test
    void aPermitMovesOneLocalStepPerIntervalAndIsDecidedWithANumberAtTheLastStep() {
        String no = permits.register(Map.of("jenis_izin_id", "011000000001"), null).permit().number();
        assertThat(no).matches("20261129[0-9]{8}");
        assertThat(permits.find(no).orElseThrow().step().name()).isEqualTo("Entri Data");

        clock.advance(Duration.ofMinutes(2));
        assertThat(permits.find(no).orElseThrow().step().name()).isEqualTo("Verifikasi");
        clock.advance(Duration.ofMinutes(2));
        assertThat(permits.find(no).orElseThrow().step().name()).isEqualTo("Penetapan Izin");
        clock.advance(Duration.ofMinutes(30));

        LocalPermits.View done = permits.find(no).orElseThrow();
        assertThat(done.step().status()).isEqualTo("Selesai");
        assertThat(done.decided()).isTrue();
        assertThat(done.noIzin()).isEqualTo("503/0001/011000000001/DPMPTSP/2026");
        assertThat(done.decidedOn()).isEqualTo(LocalDate.of(2026, 11, 29));
        assertThat(done.validUntil()).isEqualTo(LocalDate.of(2031, 11, 29));
        assertThat(permits.find(no).orElseThrow().noIzin()).as("the number is given once").isEqualTo(done.noIzin());
    }

    @Test
    void anExplicitAdvanceMovesAheadOfTheClockAndARejectionEndsIt() {
        String a = permits.register(Map.of(), null).permit().number();
        String b = permits.register(Map.of(), null).permit().number();

        assertThat(permits.advance(a, null).orElseThrow().step().name()).isEqualTo("Verifikasi");
        assertThat(permits.advance(a, "Selesai").orElseThrow().decided()).isTrue();
        LocalPermits.View rejected = permits.advance(b, "Ditolak").orElseThrow();

        assertThat(rejected.step().status()).isEqualTo("Ditolak");
        assertThat(rejected.noIzin()).isNull();
        assertThatThrownBy(() -> permits.advance(b, "Bertapa")).isInstanceOf(IllegalArgumentException.class);
        assertThat(permits.advance("0000", null)).isEmpty();
    }

    @Test
    void theSameIdempotencyKeyIsTheSameRegistration() {
        LocalPermits.Registered first = permits.register(Map.of("nama", "A"), "simpul:I-1:v1");
        LocalPermits.Registered again = permits.register(Map.of("nama", "A"), "simpul:I-1:v1");
        LocalPermits.Registered other = permits.register(Map.of("nama", "A"), "simpul:I-1:v2");

        assertThat(again.existing()).isTrue();
        assertThat(again.permit().number()).isEqualTo(first.permit().number());
        assertThat(other.permit().number()).isNotEqualTo(first.permit().number());
        assertThat(permits.size()).isEqualTo(2);
    }
}
