package id.simpul.platform.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.platform.metrics.FlowMetrics;
import id.simpul.support.TestStores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The ledger over a fresh in-memory H2 store with the real migrations. */
class SyncLedgerTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SyncLedger ledger = new SyncLedger(JdbcClient.create(TestStores.migratedH2("ledger")),
            Clock.fixed(Instant.parse("2026-11-29T08:00:00Z"), ZoneOffset.UTC), new FlowMetrics(meters));

    @Test
    void aDeadLetterAboutADeliveredVersionLeavesItDeliveredAndStillTellsTheTrail() {
        LedgerEntry entry = ledger.recordIncoming("oss-nib", "9120301234567", "I-1", "P-1", "1607112003", "h1").entry();
        ledger.delivered(entry, "banyuasin", "SC-2026-000001");

        ledger.deadLettered(entry.id(), "PERMANENT", "a late duplicate failed");

        LedgerEntry after = ledger.get(entry.id());
        assertThat(after.state()).isEqualTo(LedgerState.DELIVERED);
        assertThat(after.targetRef()).isEqualTo("SC-2026-000001");
        assertThat(ledger.events(entry.id())).extracting(TrailEvent::kind).containsExactly("RECEIVED", "DELIVERED",
                "DEAD_LETTERED");
        assertThat(meters.find("simpul.messages").tag("outcome", "dead_lettered").counter()).isNull();
    }

    @Test
    void aDeadLetterAboutAnUndeliveredVersionMovesItToDeadLettered() {
        LedgerEntry entry = ledger.recordIncoming("oss-nib", "9120301234567", "I-2", "P-1", "1607112003", "h2").entry();
        ledger.attemptFailed(entry.id(), "TRANSIENT", "HTTP 503");

        ledger.deadLettered(entry.id(), "TRANSIENT", "retries exhausted");

        LedgerEntry after = ledger.get(entry.id());
        assertThat(after.state()).isEqualTo(LedgerState.DEAD_LETTERED);
        assertThat(after.lastError()).isEqualTo("retries exhausted");
        assertThat(meters.get("simpul.messages").tag("outcome", "dead_lettered").counter().count()).isEqualTo(1);
    }
}
