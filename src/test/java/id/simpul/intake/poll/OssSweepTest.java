package id.simpul.intake.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import id.simpul.intake.NibIntake;
import id.simpul.platform.failure.TransientFailureException;
import id.simpul.platform.ledger.IncomingContent;
import id.simpul.platform.ledger.SyncLedger;
import id.simpul.platform.metrics.FlowMetrics;
import id.simpul.support.TestStores;
import id.simpul.support.TestPayloads;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The sweep on the hub's store (H2, the hub's Flyway scripts), without the rest of the hub. */
class OssSweepTest {

    private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");

    private final JdbcClient jdbc = JdbcClient.create(TestStores.migratedH2("oss-sweep"));

    @Test
    void aFailedCheckIsKeptWithTheNikAndPhoneItsMessageQuotesMasked() {
        Clock received = Clock.fixed(NOW.minus(Duration.ofHours(2)), ZoneOffset.UTC);
        new SyncLedger(jdbc, received, new FlowMetrics(new SimpleMeterRegistry()), event -> { }, TestPayloads.sealed())
                .recordIncoming(NibIntake.FLOW, "9120301234567", "I-SWEEP-1", "P-1", "1607112003", IncomingContent.of("h1"));
        NibRefresh refresh = mock(NibRefresh.class);
        when(refresh.refresh(any(), any())).thenThrow(new TransientFailureException(
                "inqueryNIB: the store refused NIK 1607111204780003, telp 081277889900"));
        OssSweep sweep = new OssSweep(jdbc, null, refresh, null, new SweepProperties(null, null, null, 0, 0, null, null),
                Clock.fixed(NOW, ZoneOffset.UTC), new SimpleMeterRegistry());

        assertThat(sweep.run(() -> false).failed()).isEqualTo(1);

        assertThat(jdbc.sql("SELECT last_error FROM oss_sweep_permit WHERE id_izin = 'I-SWEEP-1'").query(String.class)
                .single()).isEqualTo("inqueryNIB: the store refused NIK 1607**********03, telp *********900");
    }
}
