package id.simpul.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.SimpulProperties;
import id.simpul.platform.json.Json;
import id.simpul.platform.ledger.LedgerEntry;
import id.simpul.platform.lock.DatabaseClock;
import id.simpul.platform.security.PersonalText;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the back-sync reported (or is reporting) to OSS, one row per permit version and
 * {@code kd_status} ({@code STATUS}) plus one for the decided permit ({@code FINAL}): the payload
 * sent, the attempts and OSS's reply.
 *
 * <p>A report is sent only under its lease ({@link #claim}): hub instances sharing the store each consume the
 * report queue, and two copies of one report (one deferred back to the broker, one the stale sweep queued again)
 * may reach two instances at once. Leases are timed on the database's clock, which all instances share, so an
 * instance whose clock drifts neither keeps a lease too long nor takes one that still runs.
 */
@Component
public class StatusReports {

    public static final String STATUS = "STATUS";
    public static final String FINAL = "FINAL";
    public static final String PENDING = "PENDING";
    public static final String SENT = "SENT";
    public static final String DEAD_LETTERED = "DEAD_LETTERED";
    /** Never sent: OSS has a status ahead of it from an earlier version of the permit ({@link OutputPoller}). */
    public static final String HELD = "HELD";
    /** Dead-lettered, and the dead letter discarded: OSS never gets it ({@link HeldStatuses#discarded}). */
    public static final String DISCARDED = "DISCARDED";
    /**
     * An {@code IZINFINAL} not sent because its {@code IZINSTATUS} is in a dead letter: OSS would take the decided
     * permit without its status. Queued when that status reaches OSS or its dead letter is discarded
     * ({@link HeldStatuses#finalWaits}).
     */
    public static final String WAITING = "WAITING";

    /** Until the lease ends, on the database's clock: {@code CURRENT_TIMESTAMP} plus the lease. */
    private final String leaseEnd;
    private final JdbcClient jdbc;
    private final Clock clock;

    public StatusReports(JdbcClient jdbc, Clock clock) {
        this(jdbc, clock, Duration.ofMinutes(2));
    }

    /**
     * The lease is {@code simpul.delivery.lease}, and at least two OSS timeouts: a call in flight must never
     * outlive its lease, or another instance could take the report and send it too.
     */
    @Autowired
    public StatusReports(JdbcClient jdbc, Clock clock, SimpulProperties properties) {
        this(jdbc, clock, max(properties.delivery().lease(), ossTimeout(properties).multipliedBy(2)));
    }

    public StatusReports(JdbcClient jdbc, Clock clock, Duration lease) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.leaseEnd = DatabaseClock.nowPlus(lease);
    }

    /** A consumer's hold on one report while it sends it to OSS. */
    public record Claim(long reportId, String holder) {
    }

    public record StatusReport(long id, long ledgerId, String targetId, String targetRef, String nib, String idIzin,
                               String kind, String kdStatus, String localStatus, String payload, String state,
                               int attempts, String ossKode, String ossReply, Instant createdAt, Instant sentAt) {
    }

    /** Records a report to send unless this permit version already has one of that kind and code. */
    public Optional<Long> recordIfNew(LedgerEntry entry, String targetId, String targetRef, String kind,
                                      String kdStatus, String localStatus, JsonNode payload) {
        return recordIfNew(entry, targetId, targetRef, kind, kdStatus, localStatus, payload, PENDING);
    }

    /**
     * Records, unless already recorded, a status that is not to be sent ({@link #HELD}): kept so that the
     * permit's reports show it, and so that it is decided once, not at every poll.
     */
    public Optional<Long> recordHeldIfNew(LedgerEntry entry, String targetId, String targetRef, String kdStatus,
                                          String localStatus, JsonNode payload) {
        return recordIfNew(entry, targetId, targetRef, STATUS, kdStatus, localStatus, payload, HELD);
    }

    /**
     * The status codes OSS has, or may still get, for this permit from the registrations of its earlier
     * versions: sent, pending, or dead-lettered and waiting for an operator, who may replay it. A discarded one
     * never reaches OSS. An {@code IZINFINAL} counts too, also one waiting for its status: OSS that took the
     * decided permit has its decision.
     */
    public List<String> statusesOfEarlierVersions(LedgerEntry entry) {
        return jdbc.sql("""
                SELECT DISTINCT kd_status FROM status_report
                 WHERE id_izin = :i AND ledger_id < :l AND state IN ('PENDING', 'SENT', 'DEAD_LETTERED', 'WAITING')""")
                .param("i", entry.idIzin()).param("l", entry.id()).query(String.class).list();
    }

    /** A dead-lettered report whose dead letter was discarded: it is never sent. False if it was not dead-lettered. */
    public boolean discarded(long id) {
        return moved(id, DEAD_LETTERED, DISCARDED);
    }

    /** The {@code IZINSTATUS} reports of one permit version, oldest first. */
    public List<StatusReport> statusesOf(long ledgerId) {
        return jdbc.sql("SELECT * FROM status_report WHERE ledger_id = :l AND kind = 'STATUS' ORDER BY id")
                .param("l", ledgerId).query(StatusReports::row).list();
    }

    /** The permits ({@code id_izin}) with a held status report. */
    public List<String> permitsWithHeldStatuses() {
        return jdbc.sql("SELECT DISTINCT id_izin FROM status_report WHERE state = 'HELD' ORDER BY id_izin")
                .query(String.class).list();
    }

    /** A held report is to be sent after all: pending, like any report. False if it is no longer held. */
    public boolean released(long id) {
        return moved(id, HELD, PENDING);
    }

    /**
     * One report from state {@code from} to {@code to}, only if it is still in {@code from}: of callers racing for
     * the same move, exactly one gets true. A report that leaves the sending path keeps no lease.
     */
    private boolean moved(long id, String from, String to) {
        return jdbc.sql("""
                UPDATE status_report SET state = :to, updated_at = :now, lease_holder = NULL, lease_until = NULL
                 WHERE id = :id AND state = :from""")
                .param("to", to).param("from", from).param("now", Timestamp.from(clock.instant())).param("id", id)
                .update() == 1;
    }

    /**
     * Parks a pending {@code IZINFINAL} ({@link #WAITING}) while its {@code IZINSTATUS} is dead-lettered; false,
     * and nothing changed, when the status is not (or no longer) dead-lettered. In the caller's transaction: the
     * status's row is locked first by a conditional update, so a replay, send or discard of that status either
     * committed before (the status is then not dead-lettered, and the final is not parked to wait for ever) or
     * waits for this transaction (and its release then finds the final waiting).
     */
    public boolean waits(StatusReport decided) {
        int locked = jdbc.sql("""
                UPDATE status_report SET updated_at = updated_at
                 WHERE ledger_id = :l AND kind = 'STATUS' AND kd_status = :kd AND state = 'DEAD_LETTERED'""")
                .param("l", decided.ledgerId()).param("kd", decided.kdStatus()).update();
        return locked == 1 && FINAL.equals(decided.kind()) && moved(decided.id(), PENDING, WAITING);
    }

    /**
     * The {@code IZINFINAL} of this permit version and code that waited for its status is to be sent: pending,
     * like any report. Empty if none waits (never parked, or released already: one caller wins).
     */
    public Optional<StatusReport> finalReleased(long ledgerId, String kdStatus) {
        return find(ledgerId, FINAL, kdStatus).filter(r -> WAITING.equals(r.state()))
                .filter(r -> moved(r.id(), WAITING, PENDING));
    }

    /**
     * Waiting {@code IZINFINAL}s whose {@code IZINSTATUS} is no longer in a dead letter nor on its way to OSS
     * (sent, discarded, gone): nothing will release them.
     */
    public List<StatusReport> finalsWaitingForNothing() {
        return jdbc.sql("""
                SELECT * FROM status_report f WHERE f.kind = 'FINAL' AND f.state = 'WAITING'
                   AND NOT EXISTS (SELECT 1 FROM status_report s WHERE s.ledger_id = f.ledger_id AND s.kind = 'STATUS'
                                      AND s.kd_status = f.kd_status AND s.state IN ('DEAD_LETTERED', 'PENDING'))
                 ORDER BY f.id""").query(StatusReports::row).list();
    }

    private Optional<Long> recordIfNew(LedgerEntry entry, String targetId, String targetRef, String kind,
                                       String kdStatus, String localStatus, JsonNode payload, String state) {
        if (find(entry.id(), kind, kdStatus).isPresent()) {
            return Optional.empty();
        }
        Timestamp now = Timestamp.from(clock.instant());
        // ON CONFLICT rather than catching the duplicate key: on PostgreSQL a failed insert aborts the
        // caller's transaction, which then fails at its next statement.
        int inserted = jdbc.sql("""
                INSERT INTO status_report (ledger_id, target_id, target_ref, nib, id_izin, kind, kd_status,
                                           local_status, payload, state, attempts, created_at, updated_at)
                VALUES (:ledgerId, :target, :ref, :nib, :idIzin, :kind, :kd, :local, :payload, :state, 0, :now, :now)
                ON CONFLICT DO NOTHING""")
                .param("ledgerId", entry.id()).param("target", targetId).param("ref", targetRef)
                .param("nib", entry.nib()).param("idIzin", entry.idIzin()).param("kind", kind)
                .param("kd", kdStatus).param("local", truncate(localStatus, 200)).param("payload", Json.write(payload))
                .param("state", state).param("now", now).update();
        if (inserted == 0) {
            return Optional.empty();
        }
        return find(entry.id(), kind, kdStatus).map(StatusReport::id);
    }

    /** The state of the permit version's IZINSTATUS with this code; empty if there is none. */
    public Optional<String> statusState(long ledgerId, String kdStatus) {
        return find(ledgerId, STATUS, kdStatus).map(StatusReport::state);
    }

    public Optional<StatusReport> find(long id) {
        return jdbc.sql("SELECT * FROM status_report WHERE id = :id").param("id", id)
                .query(StatusReports::row).optional();
    }

    /** Has this permit version a report of this kind and code, in whatever state? */
    public boolean recorded(long ledgerId, String kind, String kdStatus) {
        return find(ledgerId, kind, kdStatus).isPresent();
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
        // A report under a running lease is being sent: queuing it again would only make a copy to defer.
        List<Long> ids = jdbc.sql("""
                SELECT id FROM status_report WHERE target_id = :t AND state = 'PENDING' AND updated_at < :before
                   AND %s
                ORDER BY id""".formatted(DatabaseClock.LEASE_FREE))
                .param("t", targetId).param("before", Timestamp.from(before)).query(Long.class).list();
        Timestamp now = Timestamp.from(clock.instant());
        return ids.stream().filter(id -> jdbc.sql("""
                        UPDATE status_report SET updated_at = :now
                         WHERE id = :id AND state = 'PENDING' AND updated_at < :before""")
                .param("now", now).param("id", id).param("before", Timestamp.from(before)).update() == 1).toList();
    }

    /**
     * Takes the report's lease, with one conditional update that exactly one caller wins, in this hub or
     * another on the same store. Empty while another consumer's lease runs, and once the report is no
     * longer pending (sent, dead-lettered).
     */
    public Optional<Claim> claim(long id) {
        Claim claim = new Claim(id, UUID.randomUUID().toString());
        int taken = jdbc.sql("""
                UPDATE status_report SET lease_holder = :holder, lease_until = %s, updated_at = :now
                 WHERE id = :id AND state = 'PENDING' AND %s"""
                        .formatted(leaseEnd, DatabaseClock.LEASE_FREE))
                .param("holder", claim.holder()).param("now", Timestamp.from(clock.instant())).param("id", id).update();
        return taken == 1 ? Optional.of(claim) : Optional.empty();
    }

    /**
     * An attempt to send starts: counts it and renews the lease, only while the claim still holds it. False
     * when the lease lapsed (a long wait for OSS's circuit) and another consumer took the report meanwhile,
     * or the report is no longer pending: then this attempt must not send.
     */
    public boolean attempted(Claim claim) {
        return jdbc.sql("""
                UPDATE status_report SET attempts = attempts + 1, updated_at = :now, lease_until = %s
                 WHERE id = :id AND lease_holder = :holder AND state = 'PENDING'""".formatted(leaseEnd))
                .param("now", Timestamp.from(clock.instant())).param("id", claim.reportId())
                .param("holder", claim.holder()).update() == 1;
    }

    /** Ends a lease whose sending was deferred, so the next copy may send at once; another's lease stays. */
    public void release(Claim claim) {
        jdbc.sql("UPDATE status_report SET lease_holder = NULL, lease_until = NULL WHERE id = :id AND lease_holder = :holder")
                .param("id", claim.reportId()).param("holder", claim.holder()).update();
    }

    /**
     * OSS took the report. Its reply is kept with the NIKs, phone numbers and e-mail addresses it quotes masked
     * ({@link #ossReply}), as for a refusal.
     */
    public void sent(long id, String kode, String reply) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                UPDATE status_report SET state = 'SENT', oss_kode = :kode, oss_reply = :reply, sent_at = :now,
                       updated_at = :now, lease_holder = NULL, lease_until = NULL WHERE id = :id""")
                .param("kode", kode).param("reply", ossReply(reply)).param("now", now).param("id", id).update();
    }

    /** The report is in a dead letter; {@code reason} is kept as {@link #ossReply}. */
    public void deadLettered(long id, String kode, String reason) {
        jdbc.sql("""
                UPDATE status_report SET state = 'DEAD_LETTERED', oss_kode = :kode, oss_reply = :reply,
                       updated_at = :now, lease_holder = NULL, lease_until = NULL WHERE id = :id""")
                .param("kode", kode).param("reply", ossReply(reason))
                .param("now", Timestamp.from(clock.instant())).param("id", id).update();
    }

    private static Duration ossTimeout(SimpulProperties properties) {
        return properties.oss() == null || properties.oss().outbound() == null
                || properties.oss().outbound().timeout() == null ? Duration.ZERO : properties.oss().outbound().timeout();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * OSS's reply or the failure as {@code oss_reply} holds it, which staff read in the console and the API: what it
     * quotes of the permit (OSS's keterangan, a database's or a parser's message) with the NIKs, phone numbers and
     * e-mail addresses masked, before it is cut, so no number is left half shown.
     */
    private static String ossReply(String text) {
        return PersonalText.maskedToFit(text, 2000);
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
