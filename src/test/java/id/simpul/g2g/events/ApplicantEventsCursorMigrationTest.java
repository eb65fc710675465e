package id.simpul.g2g.events;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.support.MigratingStore;
import id.simpul.support.TestStores;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V63: G2G reads the registry's merges and splits from its history with a cursor; those stored before were told to
 * G2G the old way, so the cursor starts after them, and they have no coded cause.
 */
class ApplicantEventsCursorMigrationTest {

    /** The store, empty; {@code ApplicantEventsCursorMigrationIT} runs the test on PostgreSQL. */
    MigratingStore emptyStore() {
        return TestStores.emptyH2("applicant-cursor");
    }

    @Test
    void theCursorStartsAfterTheMergesAndSplitsStoredBeforeIt() {
        MigratingStore store = emptyStore().migrateTo("59");
        JdbcClient jdbc = store.jdbc();
        event(jdbc, 2, "MERGED_IN", 1L);
        event(jdbc, 1, "RETIRED_INTO", 2L);
        event(jdbc, 2, "DECIDED_SAME", null);
        event(jdbc, 2, "SPLIT_OFF", 3L);
        long last = jdbc.sql("SELECT MAX(id) FROM applicant_event").query(Long.class).single();

        store.migrate();

        assertThat(new Cursors(jdbc).lock(Cursors.APPLICANTS)).isEqualTo(last).isEqualTo(4);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM applicant_event WHERE cause IS NULL").query(Long.class).single())
                .isEqualTo(4);
    }

    @Test
    void onAStoreWithoutHistoryTheCursorStartsAtZero() {
        MigratingStore store = emptyStore().migrateTo("59").migrate();

        assertThat(new Cursors(store.jdbc()).lock(Cursors.APPLICANTS)).isZero();
    }

    private static void event(JdbcClient jdbc, long applicant, String kind, Long other) {
        jdbc.sql("""
                INSERT INTO applicant_event (applicant, kind, other_applicant, detail, at)
                VALUES (:a, :k, :o, 'before V63', CURRENT_TIMESTAMP)""")
                .param("a", applicant).param("k", kind).param("o", other).update();
    }
}
