package id.simpul.support;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rows as an older build stored them, for the migration tests ({@link MigratingStore}): only the columns every build
 * since V30 wrote, so they can be inserted into a store at any version from then on.
 */
public final class LegacyRows {

    private LegacyRows() {
    }

    /** Version 1 of permit {@code idIzin}, not converted; returns its id. */
    public static long ledgerVersion(JdbcClient jdbc, String idIzin, String state) {
        return ledgerVersion(jdbc, idIzin, 1, state, null);
    }

    /** A version of permit {@code idIzin} with its canonical form (null: not converted); returns its id. */
    public static long ledgerVersion(JdbcClient jdbc, String idIzin, int version, String state, String canonical) {
        jdbc.sql("""
                INSERT INTO sync_ledger (flow, nib, id_izin, version, content_hash, state, attempts, canonical,
                                         received_at, updated_at)
                VALUES ('oss-nib', '9120301234567', :i, :v, :h, :s, 1, :c, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""")
                .param("i", idIzin).param("v", version).param("h", "h" + version).param("s", state)
                .param("c", canonical).update();
        return jdbc.sql("SELECT id FROM sync_ledger WHERE id_izin = :i AND version = :v").param("i", idIzin)
                .param("v", version).query(Long.class).single();
    }

    /** A status report (kind STATUS) of the ledger version to OSS; returns its id. */
    public static long statusReport(JdbcClient jdbc, long ledgerId, String kdStatus, String state) {
        jdbc.sql("""
                INSERT INTO status_report (ledger_id, target_id, target_ref, id_izin, kind, kd_status, payload, state,
                                           attempts, created_at, updated_at)
                SELECT id, 'banyuasin', 'SC-1', id_izin, 'STATUS', :k, '{}', :s, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
                  FROM sync_ledger WHERE id = :l""").param("l", ledgerId).param("k", kdStatus).param("s", state).update();
        return jdbc.sql("SELECT id FROM status_report WHERE ledger_id = :l AND kind = 'STATUS' AND kd_status = :k")
                .param("l", ledgerId).param("k", kdStatus).query(Long.class).single();
    }
}
