package id.simpul.g2g.events;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.support.LegacyRows;
import id.simpul.support.MigratingStore;
import id.simpul.support.TestStores;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V68: trail events and G2G events written before it count as stored at the migration, on the database's clock,
 * whatever time the writing hub put in at / created_at: the cursors read them once they settle after the upgrade.
 */
class StoredAtMigrationTest {

    private static final Timestamp WRITING_HUBS_TIME = Timestamp.from(Instant.parse("2026-11-30T09:00:00Z"));

    /** The store, empty; {@code StoredAtMigrationIT} runs the test on PostgreSQL. */
    MigratingStore emptyStore() {
        return TestStores.emptyH2("stored-at");
    }

    @Test
    void rowsWrittenBeforeTheColumnAreStoredAtTheMigrationOnTheDatabasesClock() {
        MigratingStore store = emptyStore().migrateTo("67");
        JdbcClient jdbc = store.jdbc();
        long ledgerId = LegacyRows.ledgerVersion(jdbc, "I-1", "DELIVERED");
        for (int i = 0; i < 2; i++) {
            jdbc.sql("""
                    INSERT INTO trail_event (ledger_id, nib, id_izin, kind, detail, at)
                    VALUES (:l, '9120301234567', 'I-1', 'DELIVERED', 'step', :at)""")
                    .param("l", ledgerId).param("at", WRITING_HUBS_TIME).update();
            jdbc.sql("""
                    INSERT INTO g2g_event (event_id, type, kd_daerah, nib, id_izin, body, created_at)
                    VALUES (:e, 'PermitDelivered', '1607', '9120301234567', 'I-1', '{}', :at)""")
                    .param("e", "ev-" + i).param("at", WRITING_HUBS_TIME).update();
        }
        Instant before = databaseTime(jdbc);

        store.migrate();

        Instant after = databaseTime(jdbc);
        List<Instant> storedAt = jdbc.sql("SELECT stored_at FROM trail_event UNION ALL SELECT stored_at FROM g2g_event")
                .query(Timestamp.class).list().stream().map(Timestamp::toInstant).toList();
        assertThat(storedAt).hasSize(4).allSatisfy(t -> assertThat(t).isBetween(before, after));
    }

    private static Instant databaseTime(JdbcClient jdbc) {
        return jdbc.sql("SELECT CURRENT_TIMESTAMP").query(Timestamp.class).single().toInstant();
    }
}
