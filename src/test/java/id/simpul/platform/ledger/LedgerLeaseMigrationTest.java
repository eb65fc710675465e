package id.simpul.platform.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.platform.metrics.FlowMetrics;
import id.simpul.support.LegacyRows;
import id.simpul.support.MigratingStore;
import id.simpul.support.TestStores;
import id.simpul.support.TestPayloads;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V54 adds the delivery lease to versions stored before it: each starts free, so its next attempt takes it (and
 * holds it against a second), and a delivered version's is not taken.
 */
class LedgerLeaseMigrationTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T08:00:00Z"), ZoneOffset.UTC);

    /** The store, empty; {@code LedgerLeaseMigrationIT} runs the test on PostgreSQL. */
    MigratingStore emptyStore() {
        return TestStores.emptyH2("ledger-lease");
    }

    @Test
    void versionsStoredBeforeTheLeaseStartWithItFree() {
        MigratingStore store = emptyStore().migrateTo("53");
        JdbcClient jdbc = store.jdbc();
        long retrying = LegacyRows.ledgerVersion(jdbc, "I-RETRYING", "RETRYING");
        long delivered = LegacyRows.ledgerVersion(jdbc, "I-DELIVERED", "DELIVERED");

        store.migrate();

        assertThat(jdbc.sql("SELECT COUNT(*) FROM sync_ledger WHERE lease_holder IS NULL AND lease_until IS NULL")
                .query(Long.class).single()).isEqualTo(2);
        SyncLedger ledger = new SyncLedger(jdbc, CLOCK, new FlowMetrics(new SimpleMeterRegistry()), event -> { }, TestPayloads.sealed());
        Duration length = Duration.ofMinutes(2);
        assertThat(ledger.startLeasedAttempt(retrying, "banyuasin", length)).isPresent();
        assertThat(ledger.startLeasedAttempt(retrying, "banyuasin", length)).isEmpty();
        assertThat(ledger.startLeasedAttempt(delivered, "banyuasin", length)).isEmpty();
    }
}
