package id.simpul.reconciliation.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import id.simpul.support.TestStores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A reconciliation run on the hub's store (H2, the hub's Flyway scripts), with probes of the test's own. */
class ReconciliationServiceTest {

    private final JdbcClient jdbc = JdbcClient.create(TestStores.migratedH2("reconciliation-service"));

    @Test
    void aProbesFailureIsKeptAsTheRunsErrorWithTheNikAndPhoneItQuotesMasked() {
        ReconciliationService service = new ReconciliationService(jdbc,
                Clock.fixed(Instant.parse("2026-11-30T08:00:00Z"), ZoneOffset.UTC), mock(LedgerProbes.class),
                List.of(new TargetAnswersOddly()), List.of(), null, null, new SimpleMeterRegistry());

        ReconciliationService.Run run = service.run("manual", "siti.operator");

        assertThat(run.state()).isEqualTo("PARTIAL");
        assertThat(run.error()).isEqualTo(
                "TargetAnswersOddly: outputs of banyuasin: NIK 1607**********03, telp *********900 not a permit");
    }

    @Test
    void probeFailuresLongerThanTheColumnAreCutAndTheRunStillEnds() {
        ReconciliationService service = new ReconciliationService(jdbc,
                Clock.fixed(Instant.parse("2026-11-30T08:00:00Z"), ZoneOffset.UTC), mock(LedgerProbes.class),
                List.of(new TargetAnswersAtLength(), new TargetAnswersAtLength()), List.of(), null, null,
                new SimpleMeterRegistry());

        ReconciliationService.Run run = service.run("manual", "siti.operator");

        assertThat(run.state()).isEqualTo("PARTIAL");
        assertThat(run.error()).hasSize(2000).startsWith("TargetAnswersAtLength: <html>").endsWith("…");
    }

    /** A probe whose target answered an error page of 1,500 characters. */
    private static final class TargetAnswersAtLength implements DiscrepancyProbe {
        @Override
        public List<Discrepancy> find() {
            throw new IllegalStateException("<html>" + "x".repeat(1494));
        }
    }

    /** A probe that fails with a message quoting what a target answered. */
    private static final class TargetAnswersOddly implements DiscrepancyProbe {
        @Override
        public List<Discrepancy> find() {
            throw new IllegalStateException("outputs of banyuasin: NIK 1607111204780003, telp 081277889900 not a permit");
        }
    }
}
