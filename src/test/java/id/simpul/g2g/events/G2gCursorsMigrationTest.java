package id.simpul.g2g.events;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.support.LegacyRows;
import id.simpul.support.MigratingStore;
import id.simpul.support.TestStores;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V51 installs G2G on a store that has a history: the cursors over the trail (events) and the ledger
 * (recommendations) start at what it holds, so history is not replayed to agencies as new events; the topic's, over
 * the new outbox, at 0.
 */
class G2gCursorsMigrationTest {

    /** The store, empty; {@code G2gCursorsMigrationIT} runs the test on PostgreSQL. */
    MigratingStore emptyStore() {
        return TestStores.emptyH2("g2g-cursors");
    }

    @Test
    void theCursorsStartAfterTheTrailAndTheLedgerStoredBeforeG2g() {
        MigratingStore store = emptyStore().migrateTo("50");
        JdbcClient jdbc = store.jdbc();
        long lastVersion = 0;
        for (int version = 1; version <= 3; version++) {
            lastVersion = LegacyRows.ledgerVersion(jdbc, "I-1", version, "DELIVERED", null);
        }
        for (int i = 0; i < 5; i++) {
            jdbc.sql("""
                    INSERT INTO trail_event (ledger_id, nib, id_izin, kind, detail, at)
                    VALUES (:l, '9120301234567', 'I-1', 'DELIVERED', 'step', CURRENT_TIMESTAMP)""")
                    .param("l", lastVersion).update();
        }
        long lastTrailEvent = jdbc.sql("SELECT MAX(id) FROM trail_event").query(Long.class).single();

        store.migrate();

        Cursors cursors = new Cursors(jdbc);
        assertThat(cursors.lock(Cursors.TRAIL)).isEqualTo(lastTrailEvent).isEqualTo(5);
        assertThat(cursors.lock(Cursors.RECOMMENDATIONS)).isEqualTo(lastVersion).isEqualTo(3);
        assertThat(cursors.lock(Cursors.TOPIC)).isZero();
    }

    @Test
    void onAStoreWithoutHistoryTheCursorsStartAtZero() {
        MigratingStore store = emptyStore().migrateTo("50").migrate();

        Cursors cursors = new Cursors(store.jdbc());
        assertThat(cursors.lock(Cursors.TRAIL)).isZero();
        assertThat(cursors.lock(Cursors.RECOMMENDATIONS)).isZero();
        assertThat(cursors.lock(Cursors.TOPIC)).isZero();
    }
}
