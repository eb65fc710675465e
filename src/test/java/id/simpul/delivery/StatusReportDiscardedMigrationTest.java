package id.simpul.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.support.LegacyRows;
import id.simpul.support.MigratingStore;
import id.simpul.support.TestStores;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V69: a report whose dead letter was discarded before the state existed is DISCARDED, and no longer holds a later
 * registration's steps back; one whose dead letter still waits (a replay may send it) stays DEAD_LETTERED.
 */
class StatusReportDiscardedMigrationTest {

    private MigratingStore store;
    private JdbcClient jdbc;
    private long ledgerId;

    /** The store, empty; {@code StatusReportDiscardedMigrationIT} runs the test on PostgreSQL. */
    MigratingStore emptyStore() {
        return TestStores.emptyH2("discarded");
    }

    @BeforeEach
    void storeOfTheBuildBeforeV69() {
        store = emptyStore().migrateTo("68");
        jdbc = store.jdbc();
        ledgerId = LegacyRows.ledgerVersion(jdbc, "I-1", "DELIVERED");
    }

    @Test
    void reportsWhoseDeadLettersWereDiscardedBeforeTheUpgradeAreDiscardedAndThoseStillWaitingAreNot() {
        long discarded = report("50", "DEAD_LETTERED");
        long replayedThenWaiting = report("45", "DEAD_LETTERED");
        long withoutDeadLetter = report("40", "DEAD_LETTERED");
        long replayedThenDiscarded = report("20", "DEAD_LETTERED");
        deadLetter("delivery-report-status", discarded, "DISCARDED");
        deadLetter("delivery-report-status", replayedThenWaiting, "DISCARDED");
        deadLetter("delivery-report-status", replayedThenWaiting, "WAITING");
        // Replayed, failed again, and that dead letter discarded.
        deadLetter("delivery-report-status", replayedThenDiscarded, "REPLAYED");
        deadLetter("delivery-report-status", replayedThenDiscarded, "DISCARDED");

        store.migrate();

        assertThat(states()).containsEntry(discarded, "DISCARDED").containsEntry(replayedThenWaiting, "DEAD_LETTERED")
                .containsEntry(withoutDeadLetter, "DEAD_LETTERED").containsEntry(replayedThenDiscarded, "DISCARDED");
    }

    /**
     * The dead letter names its report only in its payload, {"reportId":n}: report 1's dead letters are not report
     * 10's, nor report 2's report 21's; a discarded dead letter of another step with the same payload is not a
     * report's, and a report that was sent after all (replayed, then its copy discarded) stays sent.
     */
    @Test
    void onlyTheDeadLettersOfTheReportItselfCount() {
        long one = report(1, "10", "DEAD_LETTERED");
        long ten = report(10, "20", "DEAD_LETTERED");
        long two = report(2, "30", "DEAD_LETTERED");
        long twentyOne = report(21, "40", "DEAD_LETTERED");
        long otherStep = report(12, "45", "DEAD_LETTERED");
        long sent = report(13, "50", "SENT");
        deadLetter("delivery-report-status", one, "DISCARDED");
        deadLetter("delivery-report-status", ten, "WAITING");
        deadLetter("delivery-report-status", twentyOne, "DISCARDED");
        deadLetter("delivery-poll-outputs", otherStep, "DISCARDED");
        deadLetter("delivery-report-status", sent, "DISCARDED");

        store.migrate();

        assertThat(states()).containsEntry(one, "DISCARDED").containsEntry(ten, "DEAD_LETTERED")
                .containsEntry(two, "DEAD_LETTERED").containsEntry(twentyOne, "DISCARDED")
                .containsEntry(otherStep, "DEAD_LETTERED").containsEntry(sent, "SENT");
    }

    private long report(String kdStatus, String state) {
        return LegacyRows.statusReport(jdbc, ledgerId, kdStatus, state);
    }

    /** A report with the id given, to have ids that begin alike (1 and 10, 2 and 21). */
    private long report(long id, String kdStatus, String state) {
        jdbc.sql("""
                INSERT INTO status_report (id, ledger_id, target_id, target_ref, id_izin, kind, kd_status, payload,
                                           state, attempts, created_at, updated_at)
                VALUES (:id, :l, 'banyuasin', 'SC-1', 'I-1', 'STATUS', :k, '{}', :s, 1, CURRENT_TIMESTAMP,
                        CURRENT_TIMESTAMP)""")
                .param("id", id).param("l", ledgerId).param("k", kdStatus).param("s", state).update();
        return id;
    }

    private void deadLetter(String step, long reportId, String state) {
        jdbc.sql("""
                INSERT INTO dead_letter (flow, step, id_izin, error_class, attempts, payload, state, created_at, updated_at)
                VALUES ('oss-status', :step, 'I-1', 'PERMANENT', 1, :p, :s, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""")
                .param("step", step).param("p", "{\"reportId\":" + reportId + "}").param("s", state).update();
    }

    private Map<Long, String> states() {
        Map<Long, String> states = new HashMap<>();
        jdbc.sql("SELECT id, state FROM status_report").query(rs -> {
            states.put(rs.getLong("id"), rs.getString("state"));
        });
        return states;
    }
}
