package id.simpul.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.json.Json;
import id.simpul.platform.ledger.LedgerEntry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the back-sync reported (or is reporting) to OSS, one row per permit version and
 * {@code kd_status} ({@code STATUS}) plus one for the decided permit ({@code FINAL}): the payload
 * sent, the attempts and OSS's reply.
 */
@Component
public class StatusReports {

    public static final String STATUS = "STATUS";
    public static final String FINAL = "FINAL";
    public static final String PENDING = "PENDING";
    public static final String SENT = "SENT";
    public static final String DEAD_LETTERED = "DEAD_LETTERED";

    private final JdbcClient jdbc;
    private final Clock clock;

    public StatusReports(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record StatusReport(long id, long ledgerId, String targetId, String targetRef, String nib, String idIzin,
                               String kind, String kdStatus, String localStatus, String payload, String state,
                               int attempts, String ossKode, String ossReply, Instant createdAt, Instant sentAt) {
    }

    /** Records a report to send unless this permit version already has one of that kind and code. */
    public Optional<Long> recordIfNew(LedgerEntry entry, String targetId, String targetRef, String kind,
                                      String kdStatus, String localStatus, JsonNode payload) {
        if (find(entry.id(), kind, kdStatus).isPresent()) {
            return Optional.empty();
        }
        Timestamp now = Timestamp.from(clock.instant());
        // ON CONFLICT rather than catching the duplicate key: on PostgreSQL a failed insert aborts the
        // caller's transaction, which then fails at its next statement.
        int inserted = jdbc.sql("""
                INSERT INTO status_report (ledger_id, target_id, target_ref, nib, id_izin, kind, kd_status,
                                           local_status, payload, state, attempts, created_at, updated_at)
                VALUES (:ledgerId, :target, :ref, :nib, :idIzin, :kind, :kd, :local, :payload, 'PENDING', 0, :now, :now)
                ON CONFLICT DO NOTHING""")
                .param("ledgerId", entry.id()).param("target", targetId).param("ref", targetRef)
                .param("nib", entry.nib()).param("idIzin", entry.idIzin()).param("kind", kind)
                .param("kd", kdStatus).param("local", truncate(localStatus, 200)).param("payload", Json.write(payload))
                .param("now", now).update();
        if (inserted == 0) {
            return Optional.empty();
        }
        return find(entry.id(), kind, kdStatus).map(StatusReport::id);
    }

    /** Is the permit version's IZINSTATUS with this code recorded but not yet taken by OSS (nor given up)? */
    public boolean statusPending(long ledgerId, String kdStatus) {
        return find(ledgerId, STATUS, kdStatus).map(r -> PENDING.equals(r.state())).orElse(false);
    }

    public Optional<StatusReport> find(long id) {
        return jdbc.sql("SELECT * FROM status_report WHERE id = :id").param("id", id)
                .query(StatusReports::row).optional();
    }

    private Optional<StatusReport> find(long ledgerId, String kind, String kdStatus) {
        return jdbc.sql("SELECT * FROM status_report WHERE ledger_id = :l AND kind = :k AND kd_status = :kd")
                .param("l", ledgerId).param("k", kind).param("kd", kdStatus).query(StatusReports::row).optional();
    }

    public List<StatusReport> byIdIzin(String idIzin) {
        return jdbc.sql("SELECT * FROM status_report WHERE id_izin = :i ORDER BY id").param("i", idIzin)
                .query(StatusReports::row).list();
    }

    /**
     * Pending reports of a target not touched since {@code before}: queued but never sent (e.g. the
     * broker refused the send). Marks them touched so they are queued again once: each is claimed by a
     * conditional update, so of two hub instances polling at once only one queues it (two copies, one per
     * instance's consumer, would both find it pending and send it to OSS twice).
     */
    public List<Long> stale(String targetId, Instant before) {
        List<Long> ids = jdbc.sql("""
                SELECT id FROM status_report WHERE target_id = :t AND state = 'PENDING' AND updated_at < :before
                ORDER BY id""")
                .param("t", targetId).param("before", Timestamp.from(before)).query(Long.class).list();
        Timestamp now = Timestamp.from(clock.instant());
        return ids.stream().filter(id -> jdbc.sql("""
                        UPDATE status_report SET updated_at = :now
                         WHERE id = :id AND state = 'PENDING' AND updated_at < :before""")
                .param("now", now).param("id", id).param("before", Timestamp.from(before)).update() == 1).toList();
    }

    public void attempted(long id) {
        jdbc.sql("UPDATE status_report SET attempts = attempts + 1, updated_at = :now WHERE id = :id")
                .param("now", Timestamp.from(clock.instant())).param("id", id).update();
    }

    public void sent(long id, String kode, String reply) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                UPDATE status_report SET state = 'SENT', oss_kode = :kode, oss_reply = :reply, sent_at = :now,
                       updated_at = :now WHERE id = :id""")
                .param("kode", kode).param("reply", truncate(reply, 2000)).param("now", now).param("id", id).update();
    }

    public void deadLettered(long id, String kode, String reason) {
        jdbc.sql("""
                UPDATE status_report SET state = 'DEAD_LETTERED', oss_kode = :kode, oss_reply = :reply,
                       updated_at = :now WHERE id = :id""")
                .param("kode", kode).param("reply", truncate(reason, 2000))
                .param("now", Timestamp.from(clock.instant())).param("id", id).update();
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static StatusReport row(ResultSet rs, int n) throws SQLException {
        return new StatusReport(rs.getLong("id"), rs.getLong("ledger_id"), rs.getString("target_id"),
                rs.getString("target_ref"), rs.getString("nib"), rs.getString("id_izin"), rs.getString("kind"),
                rs.getString("kd_status"), rs.getString("local_status"), rs.getString("payload"),
                rs.getString("state"), rs.getInt("attempts"), rs.getString("oss_kode"), rs.getString("oss_reply"),
                instant(rs, "created_at"), instant(rs, "sent_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
