package id.simpul.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.SimpulApplication;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The audit chain only grows (a row per G2G request, per unmasked view): a year of a busy hub is millions of
 * rows. Verifying it, in the hub ({@code GET /api/v1/audit/verify}, the console's button) or with
 * {@code verify-audit}, must not need the whole chain in memory: the Docker image exits on an
 * OutOfMemoryError, so an auditor's click would stop the hub. Here a chain of about 100 MB is verified by
 * {@code verify-audit} in a JVM of 64 MB heap.
 */
class LongAuditChainTest {

    private static final int ROWS = 25_000;

    @Test
    void aChainLargerThanTheHeapIsVerified(@TempDir Path dataDir) throws Exception {
        DataSource store = new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:file:"
                + dataDir.resolve("store/simpul") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "simpul", "");
        Flyway.configure().dataSource(store).locations("classpath:db/migration").load().migrate();
        String last = writeChain(new JdbcTemplate(store));
        new JdbcTemplate(store).update("SHUTDOWN");

        Process verify = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), SimpulApplication.class.getName(),
                "verify-audit", "--data-dir", dataDir.toString()).redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(output).as(output).contains("audit chain intact: " + ROWS + " row(s)").doesNotContain("OutOfMemoryError");
        assertThat(verify.exitValue()).isZero();
        assertThat(last).hasSize(64);
    }

    /** Rows as AuditLog writes them (details at the column's 4,000 characters), chained; returns the head's hash. */
    private static String writeChain(JdbcTemplate jdbc) throws IOException {
        String filler = "x".repeat(3990);
        String prev = "0".repeat(64);
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        List<Object[]> batch = new ArrayList<>();
        for (long id = 1; id <= ROWS; id++) {
            String details = id + filler;
            AuditLog.Entry row = new AuditLog.Entry(id, at.plusMillis(id), "agency:dinas-pupr", "G2G_PERMIT_READ",
                    "permit", "I-" + id, null, details, null, null, prev, null, AuditLog.SHA256);
            String hash = AuditLog.hash(row);
            batch.add(new Object[] {id, Timestamp.from(row.at()), row.actor(), row.action(), row.subjectType(),
                    row.subjectId(), details, prev, hash});
            prev = hash;
            if (batch.size() == 1000) {
                insert(jdbc, batch);
            }
        }
        insert(jdbc, batch);
        jdbc.update("UPDATE audit_chain_head SET last_id = ?, last_hash = ? WHERE id = 1", ROWS, prev);
        return prev;
    }

    private static void insert(JdbcTemplate jdbc, List<Object[]> batch) {
        jdbc.batchUpdate("""
                INSERT INTO audit_log (id, at, actor, action, subject_type, subject_id, details, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", batch);
        batch.clear();
    }
}
