package id.simpul.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.SimpulProperties.Target;
import id.simpul.platform.audit.AuditLog;
import id.simpul.platform.json.Json;
import id.simpul.platform.ledger.LedgerEntry;
import id.simpul.platform.ledger.LedgerState;
import id.simpul.platform.ledger.SyncLedger;
import id.simpul.platform.web.ApiException;
import id.simpul.platform.security.StoredPayloads;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The manual-entry queue: permits for offices whose system accepts no writes, with everything a
 * clerk needs to type them in (the target's mapping output). Confirming records the local number and
 * the permit continues as if it had been pushed: ledger {@code DELIVERED}, then the back-sync.
 */
@Component
public class ManualEntries {

    private static final Logger log = LoggerFactory.getLogger(ManualEntries.class);

    public static final String WAITING = "WAITING";
    public static final String CONFIRMED = "CONFIRMED";

    private final JdbcClient jdbc;
    private final SyncLedger ledger;
    private final Clock clock;
    private final AuditLog audit;
    /** The fields (the whole permit, for a clerk to type in) are sealed at rest. */
    private final StoredPayloads payloads;

    public ManualEntries(JdbcClient jdbc, SyncLedger ledger, Clock clock, AuditLog audit, StoredPayloads payloads) {
        this.payloads = payloads;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.clock = clock;
        this.audit = audit;
    }

    /** One permit waiting for (or entered by) a clerk. {@code fields} is what to type in. */
    public record ManualEntry(long id, long ledgerId, String targetId, String nib, String idIzin, int version,
                              Map<String, Object> fields, String state, String localNumber, String confirmedBy,
                              Instant createdAt, Instant confirmedAt) {
    }

    /** A clerk's request the queue refuses; answered in the API's error shape like any {@link ApiException}. */
    public static final class ManualEntryException extends ApiException {
        public ManualEntryException(int status, String message) {
            super(status, message);
        }
    }

    /** Queues a permit version for manual entry; queuing it again changes nothing. */
    @Transactional
    public ManualEntry queue(LedgerEntry entry, Target target, JsonNode fields) {
        Optional<ManualEntry> existing = byLedger(entry.id());
        if (existing.isPresent()) {
            return existing.get();
        }
        // ON CONFLICT rather than catching the duplicate key: on PostgreSQL a failed insert aborts the
        // transaction, and the read of the concurrent copy's row would fail with it.
        int inserted = jdbc.sql("""
                INSERT INTO manual_entry (ledger_id, target_id, nib, id_izin, version, fields, state, created_at)
                VALUES (:ledgerId, :target, :nib, :idIzin, :version, :fields, 'WAITING', :now)
                ON CONFLICT DO NOTHING""")
                .param("ledgerId", entry.id()).param("target", target.id()).param("nib", entry.nib())
                .param("idIzin", entry.idIzin()).param("version", entry.version())
                .param("fields", payloads.seal(Json.write(fields))).param("now", Timestamp.from(clock.instant()))
                .update();
        if (inserted == 0) {
            return byLedger(entry.id()).orElseThrow();
        }
        ManualEntry queued = byLedger(entry.id()).orElseThrow();
        ledger.awaitingManualEntry(entry.id(), target.id(), "target " + target.id()
                + " accepts no writes: waiting for a clerk as manual entry " + queued.id());
        log.info("id_izin={} v{} queued for manual entry {} at {}", entry.idIzin(), entry.version(), queued.id(),
                target.id());
        return queued;
    }

    public List<ManualEntry> list(String state, String targetId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM manual_entry WHERE 1 = 1");
        Map<String, Object> params = new java.util.HashMap<>(Map.of("n", limit));
        if (state != null) {
            sql.append(" AND state = :state");
            params.put("state", state);
        }
        if (targetId != null) {
            sql.append(" AND target_id = :target");
            params.put("target", targetId);
        }
        sql.append(" ORDER BY created_at, id LIMIT :n");
        return jdbc.sql(sql.toString()).params(params).query(this::row).list();
    }

    public Optional<ManualEntry> find(long id) {
        return jdbc.sql("SELECT * FROM manual_entry WHERE id = :id").param("id", id).query(this::row).optional();
    }

    private Optional<ManualEntry> byLedger(long ledgerId) {
        return jdbc.sql("SELECT * FROM manual_entry WHERE ledger_id = :id").param("id", ledgerId)
                .query(this::row).optional();
    }

    /**
     * A clerk typed the permit in: records the local number; the ledger row becomes
     * {@code DELIVERED} with it, as if the permit had been pushed. The audit row ({@code account}, the
     * signed-in user) is written in this transaction: the confirmation and its row commit together or not
     * at all.
     */
    @Transactional
    public ManualEntry confirm(long id, String localNumber, String confirmedBy, String account) {
        if (localNumber == null || localNumber.isBlank()) {
            throw new ManualEntryException(400, "localNumber is required: the number the local system gave the permit");
        }
        if (confirmedBy == null || confirmedBy.isBlank()) {
            throw new ManualEntryException(400, "confirmedBy is required: who typed the permit in");
        }
        String number = localNumber.strip();
        if (number.length() > 64) {
            throw new ManualEntryException(400, "localNumber is longer than 64 characters");
        }
        ManualEntry entry = find(id).orElseThrow(() -> new ManualEntryException(404, "no manual entry " + id));
        int updated = jdbc.sql("""
                UPDATE manual_entry SET state = 'CONFIRMED', local_number = :no, confirmed_by = :by, confirmed_at = :now
                WHERE id = :id AND state = 'WAITING'""")
                .param("no", number).param("by", confirmedBy.strip()).param("now", Timestamp.from(clock.instant()))
                .param("id", id).update();
        if (updated == 0) {
            throw new ManualEntryException(409, "manual entry " + id + " was already confirmed as "
                    + entry.localNumber() + " by " + entry.confirmedBy());
        }
        LedgerEntry row = ledger.get(entry.ledgerId());
        if (row.state() != LedgerState.DELIVERED) {
            ledger.delivered(row.id(), entry.targetId(), number);
        }
        ledger.event(ledger.get(row.id()), "MANUAL_CONFIRMED",
                confirmedBy.strip() + " entered it into " + entry.targetId() + " as " + number);
        audit.appendInTransaction(new AuditLog.Event(account, "MANUAL_ENTRY_CONFIRMED", "manual_entry", String.valueOf(id), null,
                "id_izin " + entry.idIzin() + " entered into " + entry.targetId() + " as " + number + " by "
                + confirmedBy.strip(), "WAITING", number));
        return find(id).orElseThrow();
    }

    private ManualEntry row(ResultSet rs, int n) throws SQLException {
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = Json.MAPPER.convertValue(Json.tree(payloads.open(rs.getString("fields"))), Map.class);
        return new ManualEntry(rs.getLong("id"), rs.getLong("ledger_id"), rs.getString("target_id"),
                rs.getString("nib"), rs.getString("id_izin"), rs.getInt("version"), fields, rs.getString("state"),
                rs.getString("local_number"), rs.getString("confirmed_by"), instant(rs, "created_at"),
                instant(rs, "confirmed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
