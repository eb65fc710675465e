package id.simpul.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V69: a report whose dead letter was discarded before the state existed is DISCARDED, and no longer holds a later
 * registration's steps back; one whose dead letter still waits (a replay may send it) stays DEAD_LETTERED.
 */
class StatusReportDiscardedMigrationTest {

    @Test
    void reportsWhoseDeadLettersWereDiscardedBeforeTheUpgradeAreDiscardedAndThoseStillWaitingAreNot() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:discarded-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").target("68").load().migrate();
        JdbcClient jdbc = JdbcClient.create(ds);
        jdbc.sql("""
                INSERT INTO sync_ledger (flow, nib, id_izin, version, content_hash, state, attempts, received_at,
                                         updated_at)
                VALUES ('oss-nib', '9120301234567', 'I-1', 1, 'h1', 'DELIVERED', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""")
                .update();
        long ledgerId = jdbc.sql("SELECT id FROM sync_ledger").query(Long.class).single();
        long discarded = report(jdbc, ledgerId, "50");
        long replayedThenWaiting = report(jdbc, ledgerId, "45");
        long withoutDeadLetter = report(jdbc, ledgerId, "40");
        deadLetter(jdbc, discarded, "DISCARDED");
        deadLetter(jdbc, replayedThenWaiting, "DISCARDED");
        deadLetter(jdbc, replayedThenWaiting, "WAITING");

        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();

        Map<Long, String> states = new HashMap<>();
        jdbc.sql("SELECT id, state FROM status_report").query(rs -> {
            states.put(rs.getLong("id"), rs.getString("state"));
        });
        assertThat(states).containsEntry(discarded, "DISCARDED").containsEntry(replayedThenWaiting, "DEAD_LETTERED")
                .containsEntry(withoutDeadLetter, "DEAD_LETTERED");
    }

    private static long report(JdbcClient jdbc, long ledgerId, String kdStatus) {
        jdbc.sql("""
                INSERT INTO status_report (ledger_id, target_id, target_ref, id_izin, kind, kd_status, payload, state,
                                           attempts, created_at, updated_at)
                VALUES (:l, 'banyuasin', 'SC-1', 'I-1', 'STATUS', :k, '{}', 'DEAD_LETTERED', 1, CURRENT_TIMESTAMP,
                        CURRENT_TIMESTAMP)""").param("l", ledgerId).param("k", kdStatus).update();
        return jdbc.sql("SELECT id FROM status_report WHERE kd_status = :k").param("k", kdStatus)
                .query(Long.class).single();
    }

    private static void deadLetter(JdbcClient jdbc, long reportId, String state) {
        jdbc.sql("""
                INSERT INTO dead_letter (flow, step, id_izin, error_class, attempts, payload, state, created_at, updated_at)
                VALUES ('oss-status', 'delivery-report-status', 'I-1', 'PERMANENT', 1, :p, :s, CURRENT_TIMESTAMP,
                        CURRENT_TIMESTAMP)""")
                .param("p", "{\"reportId\":" + reportId + "}").param("s", state).update();
    }
}
