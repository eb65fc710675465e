package id.simpul.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.platform.SimpulProperties;
import id.simpul.platform.audit.AuditLog;
import id.simpul.platform.audit.TestAuditKeys;
import id.simpul.platform.json.Json;
import id.simpul.platform.ledger.IncomingContent;
import id.simpul.platform.ledger.LedgerEntry;
import id.simpul.platform.ledger.SyncLedger;
import id.simpul.platform.metrics.FlowMetrics;
import id.simpul.support.ConcurrentCopy;
import id.simpul.support.TestStores;
import id.simpul.support.TestPayloads;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A permit version is queued for manual entry once, also when two consumers queue it at the same moment. */
class ManualEntriesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T08:00:00Z"), ZoneOffset.UTC);
    private static final SimpulProperties.Target BACKOFFICE = new SimpulProperties.Target("palembang", "backoffice",
            List.of("1671"), "http://localhost:1", null, null, null, null, null, null, null, null, null, null, null);

    private JdbcClient jdbc;
    private ManualEntries entries;
    private TransactionTemplate transaction;
    private LedgerEntry entry;

    /** The store the test runs on; {@code ManualEntriesIT} runs it on PostgreSQL. */
    DataSource store() {
        return TestStores.migratedH2("manual-entries");
    }

    @BeforeEach
    void recordedVersion() {
        DataSource store = store();
        jdbc = JdbcClient.create(store);
        SyncLedger ledger = new SyncLedger(jdbc, CLOCK, new FlowMetrics(new SimpleMeterRegistry()), event -> { }, TestPayloads.sealed());
        entries = new ManualEntries(jdbc, ledger, CLOCK, new AuditLog(jdbc, CLOCK, TestAuditKeys.KEY), TestPayloads.sealed());
        transaction = new TransactionTemplate(new DataSourceTransactionManager(store));
        entry = ledger.recordIncoming("oss-nib", "9120301234567", "I-1", "P-1", "1671042005", IncomingContent.of("h1"))
                .entry();
    }

    @Test
    void aVersionQueuedByAConcurrentCopyMeanwhileIsTheCopysEntryAndTheCallersTransactionGoesOn() throws Exception {
        ManualEntries.ManualEntry mine = ConcurrentCopy.whileACopyCommits(transaction, this::queue, () -> {
            ManualEntries.ManualEntry queued = queue();
            // The caller's own next statement, in the same transaction.
            jdbc.sql("UPDATE sync_ledger SET attempts = attempts WHERE id = :id").param("id", entry.id()).update();
            return queued;
        });

        assertThat(jdbc.sql("SELECT COUNT(*) FROM manual_entry").query(Long.class).single()).isEqualTo(1);
        assertThat(mine.ledgerId()).isEqualTo(entry.id());
    }

    private ManualEntries.ManualEntry queue() {
        return entries.queue(entry, BACKOFFICE, Json.tree("{\"nama\":\"USAHA H. MUHAMMAD YUSUF\"}"));
    }
}
