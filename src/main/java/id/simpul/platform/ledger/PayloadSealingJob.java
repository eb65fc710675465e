package id.simpul.platform.ledger;

import id.simpul.platform.security.StoredPayloads;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seals the payloads an earlier build stored in clear (docs/operations.md, "Personal data in the store itself"),
 * once at start, in the background, on one instance (ShedLock): by id, {@value #BATCH} rows per transaction, each
 * batch with its progress ({@code payload_sealing}), so a hub stopped midway goes on where it stopped, and running
 * twice changes nothing. A ledger row's NIKs are indexed ({@link LedgerSubjects}) in the transaction that seals it.
 */
@Component
public class PayloadSealingJob {

    static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(PayloadSealingJob.class);
    /** Long enough for a store of millions of rows; the job is safe should a second instance start after it. */
    private static final Duration LOCK = Duration.ofHours(2);

    /** A column that holds sealed values; rows are visited in the order of the table's numeric key. */
    record Column(String table, String column, String key) {
        Column(String table, String column) {
            this(table, column, "id");
        }

        String name() {
            return table + "." + column;
        }
    }

    /** The applicant registry's columns (V73) are opened by its store (applicant.store.RegistryStore). */
    static final List<Column> COLUMNS = List.of(new Column("sync_ledger", "canonical"),
            new Column("dead_letter", "payload"), new Column("dead_letter_edit", "diff"),
            new Column("manual_entry", "fields"), new Column("applicant_source", "name", "ordinal"),
            new Column("applicant_source", "address_line", "ordinal"), new Column("applicant_source", "phone", "ordinal"),
            new Column("applicant_source", "email", "ordinal"), new Column("applicant_master", "display_name"));

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final StoredPayloads payloads;
    private final LockingTaskExecutor locks;
    private final Clock clock;

    public PayloadSealingJob(JdbcClient jdbc, PlatformTransactionManager transactions, StoredPayloads payloads,
                             LockingTaskExecutor locks, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.payloads = payloads;
        this.locks = locks;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void startInBackground() {
        Thread thread = new Thread(this::runOnLeader, "simpul-payload-sealing");
        thread.setDaemon(true);
        thread.start();
    }

    void runOnLeader() {
        try {
            locks.executeWithLock((Runnable) this::sealClearRows,
                    new LockConfiguration(clock.instant(), "payload-sealing", LOCK, Duration.ZERO));
        } catch (RuntimeException e) {
            // The hub runs on; the next start goes on from the last batch sealed.
            log.warn("sealing the stored payloads stopped, to go on at the next start: {}", e.toString());
        }
    }

    /** Seals every clear row after each column's progress; returns the count per column. */
    public Map<String, Integer> sealClearRows() {
        Map<String, Integer> sealed = new LinkedHashMap<>();
        for (Column column : COLUMNS) {
            sealed.put(column.name(), seal(column));
        }
        int total = sealed.values().stream().mapToInt(Integer::intValue).sum();
        log.info("sealed {} stored payload(s) kept in clear by an earlier build: {}", total, sealed);
        return sealed;
    }

    private int seal(Column c) {
        int sealed = 0;
        while (true) {
            Integer batch = transactions.execute(status -> sealBatch(c));
            if (batch == null || batch < 0) {
                return sealed;
            }
            sealed += batch;
        }
    }

    private record Row(long id, String value) {
    }

    /** One batch after the column's progress: the count sealed, or -1 when no row is left. */
    private int sealBatch(Column c) {
        long after = jdbc.sql("SELECT sealed_through FROM payload_sealing WHERE name = :n").param("n", c.name())
                .query(Long.class).optional().orElse(-1L); // the registry's ordinals start at 0
        List<Row> rows = jdbc.sql("SELECT " + c.key() + ", " + c.column() + " FROM " + c.table()
                        + " WHERE " + c.key() + " > :after ORDER BY " + c.key() + " LIMIT " + BATCH)
                .param("after", after).query((rs, n) -> new Row(rs.getLong(1), rs.getString(2))).list();
        if (rows.isEmpty()) {
            return -1;
        }
        int sealed = 0;
        for (Row row : rows) {
            if (row.value() == null || StoredPayloads.isSealed(row.value())) {
                continue;
            }
            // Only a clear value is replaced: a writer that sealed the row since it was read keeps its value. The
            // pattern reads the version mark only, never what the payload holds.
            sealed += jdbc.sql("UPDATE " + c.table() + " SET " + c.column() + " = :v WHERE " + c.key() + " = :id AND "
                            + c.column() + " NOT LIKE '" + StoredPayloads.SEALED_PREFIX + "%'")
                    .param("v", payloads.seal(row.value())).param("id", row.id()).update();
            if (c.table().equals("sync_ledger")) {
                LedgerSubjects.index(jdbc, payloads, row.id(), row.value(), true);
            }
        }
        long through = rows.get(rows.size() - 1).id();
        if (jdbc.sql("UPDATE payload_sealing SET sealed_through = :t WHERE name = :n AND sealed_through < :t")
                .param("t", through).param("n", c.name()).update() == 0) {
            jdbc.sql("INSERT INTO payload_sealing (name, sealed_through) SELECT :n, :t WHERE NOT EXISTS "
                            + "(SELECT 1 FROM payload_sealing WHERE name = :n)")
                    .param("n", c.name()).param("t", through).update();
        }
        return sealed;
    }
}
