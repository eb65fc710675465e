package id.simpul.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.support.LegacyRows;
import id.simpul.support.MigratingStore;
import id.simpul.support.TestStores;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V65 adds the lease to status reports stored before it: a pending one starts free, so the first consumer to claim
 * it after the upgrade takes it (and a second does not), and a sent one is not claimed.
 */
class StatusReportLeaseMigrationTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T08:00:00Z"), ZoneOffset.UTC);

    /** The store, empty; {@code StatusReportLeaseMigrationIT} runs the test on PostgreSQL. */
    MigratingStore emptyStore() {
        return TestStores.emptyH2("report-lease");
    }

    @Test
    void reportsStoredBeforeTheLeaseStartWithItFree() {
        MigratingStore store = emptyStore().migrateTo("64");
        JdbcClient jdbc = store.jdbc();
        long ledgerId = LegacyRows.ledgerVersion(jdbc, "I-1", "DELIVERED");
        long pending = LegacyRows.statusReport(jdbc, ledgerId, "45", "PENDING");
        long sent = LegacyRows.statusReport(jdbc, ledgerId, "40", "SENT");

        store.migrate();

        assertThat(jdbc.sql("SELECT COUNT(*) FROM status_report WHERE lease_holder IS NULL AND lease_until IS NULL")
                .query(Long.class).single()).isEqualTo(2);
        StatusReports reports = new StatusReports(jdbc, CLOCK);
        assertThat(reports.claim(pending)).isPresent();
        assertThat(reports.claim(pending)).isEmpty();
        assertThat(reports.claim(sent)).isEmpty();
    }
}
