package id.simpul.platform.ledger;

import id.simpul.canonical.PermitMessage;
import id.simpul.platform.lock.DatabaseClock;
import id.simpul.platform.metrics.FlowMetrics;
import id.simpul.platform.security.PersonalText;
import id.simpul.platform.security.StoredPayloads;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.ToIntFunction;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sync ledger (ADR 0003): one row per permit message version, the single answer to "where is
 * this permit?". Every state change also writes a {@link TrailEvent}, in the same transaction: a crash between
 * the two statements must not leave a state the trail does not tell.
 */
@Component
public class SyncLedger {

    private static final int MAX_ERROR = 2000;
    private static final int MAX_DETAIL = 4000;
    private static final String ENTRY_COLUMNS = "id, flow, nib, id_izin, oss_id, kd_daerah, version, content_hash, "
            + "state, target_id, target_ref, attempts, last_error, received_at, updated_at, delivered_at";
    /** Entries are read with every column but the canonical form (kilobytes, read only by {@link #canonical}). */
    private static final String SELECT_ENTRIES = "SELECT " + ENTRY_COLUMNS + " FROM sync_ledger ";
    /** The newest version of the same permit after the row's that a target holds, 0 when there is none. */
    private static final String NEWER_DELIVERED = "COALESCE((SELECT MAX(n.version) FROM sync_ledger n "
            + "WHERE n.id_izin = l.id_izin AND n.version > l.version AND n.state = 'DELIVERED'), 0)";
    private static final String DELIVERED = """
            UPDATE sync_ledger SET state = 'DELIVERED', target_id = :t, target_ref = :ref, last_error = NULL,
                   delivered_at = :now, updated_at = :now%s WHERE id = :id""";
    /** Without a lease, the statement names no lease column (targets that answer a key never touch them). */
    private static final String DELIVERED_WITHOUT_LEASE = DELIVERED.formatted("");
    private static final String DELIVERED_ENDING_LEASE = DELIVERED.formatted(", lease_holder = NULL, lease_until = NULL");
    /** A keyed attempt ({@link Attempt#keyed}) is counted with its outcome. */
    private static final String DELIVERED_COUNTING_ATTEMPT = DELIVERED.formatted(", attempts = attempts + 1");
    private static final String ATTEMPT_FAILED = """
            UPDATE sync_ledger SET state = 'RETRYING', last_error = :e, updated_at = :now, target_id = :t%s
            WHERE id = :id AND state <> 'DELIVERED'""";
    private static final String ATTEMPT_FAILED_COUNTED = ATTEMPT_FAILED.formatted("");
    private static final String ATTEMPT_FAILED_COUNTING = ATTEMPT_FAILED.formatted(", attempts = attempts + 1");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final FlowMetrics metrics;
    private final ApplicationEventPublisher events;
    private final StoredPayloads payloads;

    public SyncLedger(JdbcClient jdbc, Clock clock, FlowMetrics metrics, ApplicationEventPublisher events,
                      StoredPayloads payloads) {
        this.jdbc = jdbc;
        this.payloads = payloads;
        this.clock = clock;
        this.metrics = metrics;
        this.events = events;
    }

    /**
     * Records an incoming version of a permit. The same content for the same permit is not a new
     * version ({@code fresh=false}); different content becomes version n+1. Content is the same when
     * its hash is, or, when one of the two was fetched from OSS (which lacks what only a push carries),
     * when its shared hash is: so a push that OSS repeats after the sweep or a backfill fetched the same
     * NIB is not a second version, nor a second registration at the region.
     */
    @Transactional
    public Recorded recordIncoming(String flow, String nib, String idIzin, String ossId, String kdDaerah,
                                   IncomingContent content) {
        String contentHash = content.hash();
        // One read of the permit's versions (a few rows) answers both "seen before?" and "which number next?".
        int version = 1;
        for (KnownVersion known : knownVersions(idIzin)) {
            if (known.sameContentAs(content)) {
                return new Recorded(get(known.id()), false);
            }
            version = Math.max(version, known.version() + 1);
        }
        // Microseconds: what the column keeps, so the entry built here equals the row read later.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        KeyHolder key = new GeneratedKeyHolder();
        try {
            jdbc.sql("""
                    INSERT INTO sync_ledger (flow, nib, id_izin, oss_id, kd_daerah, version, content_hash,
                                             shared_hash, fetched, state, attempts, received_at, updated_at)
                    VALUES (:flow, :nib, :idIzin, :ossId, :kdDaerah, :version, :hash, :shared, :fetched, 'RECEIVED', 0,
                            :now, :now)""")
                    .param("flow", flow).param("nib", nib).param("idIzin", idIzin).param("ossId", ossId)
                    .param("kdDaerah", kdDaerah).param("version", version).param("hash", contentHash)
                    .param("shared", content.sharedHash()).param("fetched", content.fetched())
                    .param("now", Timestamp.from(now))
                    .update(key, "id");
        } catch (DuplicateKeyException race) {
            // Another consumer recorded the same permit at the same moment; the caller retries and
            // then sees either the same hash (duplicate) or the next version number.
            throw race;
        }
        // Built from what was just written rather than read back: one statement fewer per permit.
        LedgerEntry entry = new LedgerEntry(key.getKeyAs(Number.class).longValue(), flow, nib, idIzin, ossId, kdDaerah,
                version, contentHash, LedgerState.RECEIVED, null, null, 0, null, now, now, null);
        event(entry, "RECEIVED", "version " + version + " from " + flow);
        metrics.outcome(flow, "received");
        return new Recorded(entry, true);
    }

    /**
     * Stores a version's canonical form ({@code canonicalJson}, the serialised {@code message}), sealed, and the
     * keyed hashes of the NIKs it carries ({@link LedgerSubjects}) beside it. Listeners of
     * {@link CanonicalAttached} (G2G recommendation requests) act in the same transaction, so whatever
     * the canonical form sets off exists exactly when the form does, however late it comes.
     */
    @Transactional
    public void attachCanonical(long ledgerId, PermitMessage message, String canonicalJson) {
        // The applicant's master id beside the form, so that G2G finds an applicant's permits by index.
        // A version's first form (the hot path) has no index rows to replace; a version converted again has.
        String sealed = payloads.seal(canonicalJson);
        String applicantId = message == null ? null : message.applicantId();
        SlaFacts facts = SlaFacts.of(message).storable();
        ToIntFunction<String> update = condition -> jdbc.sql("UPDATE sync_ledger SET canonical = :c,"
                        + " applicant_id = :a, kd_izin = :k, withdraws = :w WHERE id = :id" + condition)
                .param("c", sealed).param("a", applicantId).param("k", facts.kdIzin()).param("w", facts.withdraws())
                .param("id", ledgerId).update();
        boolean first = update.applyAsInt(" AND canonical IS NULL") == 1;
        if (!first) {
            update.applyAsInt("");
        }
        LedgerSubjects.index(jdbc, payloads, ledgerId, canonicalJson, !first);
        events.publishEvent(new CanonicalAttached(ledgerId, message));
    }

    /**
     * Files a version under another master applicant: its applicant's source record was split off the master its
     * canonical form names. Only the index column moves; the form stays as converted (a historical record), and
     * the version's trail says when and why the two differ.
     *
     * @return false when the version no longer names {@code from} (moved already)
     */
    @Transactional
    public boolean reassignApplicant(long ledgerId, String from, String to, String why) {
        int moved = jdbc.sql("UPDATE sync_ledger SET applicant_id = :to WHERE id = :id AND applicant_id = :from")
                .param("to", to).param("from", from).param("id", ledgerId).update();
        if (moved == 0) {
            return false;
        }
        event(get(ledgerId), "APPLICANT_REASSIGNED", "applicant " + from + " -> " + to + ": " + why);
        return true;
    }

    /** A canonical form as another query of this table read it (sealed, or in clear from before sealing), opened. */
    public String openCanonical(String stored) {
        return payloads.open(stored);
    }

    /** A version's canonical form, opened. */
    public Optional<String> canonical(long ledgerId) {
        return jdbc.sql("SELECT canonical FROM sync_ledger WHERE id = :id").param("id", ledgerId)
                .query(String.class).optional().map(payloads::open);
    }

    /**
     * A delivery attempt starts under a lease, for targets that know no idempotency key (ADR 0005):
     * counts the attempt and takes the version's lease in one conditional update, which exactly one
     * caller wins, whether the others run in this hub or in another hub on the same store. It fails
     * while another attempt's lease runs and once the version is delivered; a lease whose holder died
     * mid-attempt lapses after {@code length}. The lease is timed on the database's clock, which every hub
     * on the store shares: a hub whose clock runs ahead must not take over an attempt still running, nor
     * one whose clock lags hold back a lapsed lease.
     *
     * @return the lease, or empty when another attempt holds it or the version was delivered meanwhile
     */
    public Optional<Lease> startLeasedAttempt(long ledgerId, String targetId, Duration length) {
        Lease lease = new Lease(ledgerId, UUID.randomUUID().toString(), length);
        int taken = jdbc.sql("""
                UPDATE sync_ledger SET attempts = attempts + 1, target_id = :t, updated_at = :now,
                       lease_holder = :holder, lease_until = %s
                WHERE id = :id AND state <> 'DELIVERED' AND %s"""
                        .formatted(DatabaseClock.nowPlus(length), DatabaseClock.LEASE_FREE))
                .param("t", targetId).param("now", Timestamp.from(clock.instant())).param("holder", lease.holder())
                .param("id", ledgerId).update();
        return taken == 1 ? Optional.of(lease) : Optional.empty();
    }

    /**
     * Ends a lease whose attempt failed, so the next attempt, in this hub or another, may start at
     * once. A lease that lapsed meanwhile and was taken by another attempt stays that attempt's.
     */
    public void release(Lease lease) {
        jdbc.sql("UPDATE sync_ledger SET lease_holder = NULL, lease_until = NULL WHERE id = :id AND lease_holder = :holder")
                .param("id", lease.ledgerId()).param("holder", lease.holder()).update();
    }

    /**
     * An attempt failed; a keyed attempt is counted here, with the target it was made at.
     *
     * @return the row after the failure, with the number of attempts so far
     */
    @Transactional
    public LedgerEntry attemptFailed(Attempt attempt, String errorClass, String error) {
        String message = PersonalText.maskedToFit(error, MAX_ERROR);
        jdbc.sql(attempt.countedAtStart() ? ATTEMPT_FAILED_COUNTED : ATTEMPT_FAILED_COUNTING)
                .param("e", message).param("now", Timestamp.from(clock.instant())).param("t", attempt.targetId())
                .param("id", attempt.ledgerId()).update();
        LedgerEntry entry = get(attempt.ledgerId());
        event(entry, "ATTEMPT_FAILED", "attempt " + entry.attempts() + " " + errorClass + ": " + message);
        return entry;
    }

    @Transactional
    public void delivered(long ledgerId, String targetId, String targetRef) {
        delivered(get(ledgerId), targetId, targetRef);
    }

    /**
     * The target registered the version. {@code entry} is the row as the caller read it before the
     * attempt; only its identity (id, nib, id_izin, flow, received_at) is used, which never changes.
     */
    @Transactional
    public void delivered(LedgerEntry entry, String targetId, String targetRef) {
        delivered(entry, targetId, targetRef, DELIVERED_WITHOUT_LEASE);
    }

    /**
     * The same, for a delivery attempt: a leased attempt's lease ends in the same statement, a keyed attempt is
     * counted in it ({@link Attempt}), so recording a delivery is one statement whichever the target. The
     * row and its trail event commit together: the trail never lacks a delivery the row shows, and the embedded
     * store, which writes each commit to its file (ADR 0009), writes once per delivery, not twice.
     */
    @Transactional
    public void delivered(LedgerEntry entry, String targetRef, Attempt attempt) {
        delivered(entry, attempt.targetId(), targetRef,
                attempt.countedAtStart() ? DELIVERED_ENDING_LEASE : DELIVERED_COUNTING_ATTEMPT);
    }

    private void delivered(LedgerEntry entry, String targetId, String targetRef, String statement) {
        Instant now = clock.instant();
        jdbc.sql(statement)
                .param("t", targetId).param("ref", targetRef).param("now", Timestamp.from(now)).param("id", entry.id())
                .update();
        event(entry, "DELIVERED", "target " + targetId + " registered it as " + targetRef);
        metrics.outcome(entry.flow(), "delivered");
        metrics.timeToDeliver(entry.flow(), Duration.between(entry.receivedAt(), now));
    }

    /** The target accepts no writes: the permit waits for a clerk (manual-entry queue). */
    @Transactional
    public void awaitingManualEntry(long ledgerId, String targetId, String detail) {
        jdbc.sql("UPDATE sync_ledger SET state = 'MANUAL_ENTRY', target_id = :t, updated_at = :now WHERE id = :id")
                .param("t", targetId).param("now", Timestamp.from(clock.instant())).param("id", ledgerId).update();
        LedgerEntry entry = get(ledgerId);
        event(entry, "MANUAL_ENTRY_QUEUED", detail);
        metrics.outcome(entry.flow(), "manual_entry");
    }

    /**
     * A message about this version was dead-lettered. A version the target already registered stays
     * DELIVERED (a late failure of a duplicate or of a replay must not make it look undelivered); the
     * trail still tells of the dead letter.
     */
    @Transactional
    public void deadLettered(long ledgerId, String errorClass, String error) {
        String message = PersonalText.maskedToFit(error, MAX_ERROR);
        int moved = jdbc.sql("""
                UPDATE sync_ledger SET state = 'DEAD_LETTERED', last_error = :e, updated_at = :now
                WHERE id = :id AND state <> 'DELIVERED'""")
                .param("e", message).param("now", Timestamp.from(clock.instant()))
                .param("id", ledgerId).update();
        LedgerEntry entry = get(ledgerId);
        event(entry, "DEAD_LETTERED", errorClass + ": " + message
                + (moved == 0 ? " (the version stays DELIVERED as " + entry.targetRef() + ")" : ""));
        if (moved == 1) {
            metrics.outcome(entry.flow(), "dead_lettered");
        }
    }

    public LedgerEntry get(long ledgerId) {
        return jdbc.sql(SELECT_ENTRIES + "WHERE id = :id").param("id", ledgerId)
                .query(SyncLedger::entry).single();
    }

    public Optional<LedgerEntry> find(long ledgerId) {
        return jdbc.sql(SELECT_ENTRIES + "WHERE id = :id").param("id", ledgerId)
                .query(SyncLedger::entry).optional();
    }

    public Optional<LedgerEntry> findByHash(String idIzin, String contentHash) {
        return jdbc.sql(SELECT_ENTRIES + "WHERE id_izin = :idIzin AND content_hash = :hash")
                .param("idIzin", idIzin).param("hash", contentHash).query(SyncLedger::entry).optional();
    }

    /** The few columns of a version that {@link #recordIncoming} compares incoming content with. */
    private record KnownVersion(long id, int version, String contentHash, String sharedHash, boolean fetched) {

        static KnownVersion of(ResultSet rs, int n) throws SQLException {
            return new KnownVersion(rs.getLong("id"), rs.getInt("version"), rs.getString("content_hash"),
                    rs.getString("shared_hash"), rs.getBoolean("fetched"));
        }

        boolean sameContentAs(IncomingContent incoming) {
            return contentHash.equals(incoming.hash()) || (sharedHash != null
                    && sharedHash.equals(incoming.sharedHash()) && (fetched || incoming.fetched()));
        }
    }

    private List<KnownVersion> knownVersions(String idIzin) {
        return jdbc.sql("SELECT id, version, content_hash, shared_hash, fetched FROM sync_ledger WHERE id_izin = :idIzin")
                .param("idIzin", idIzin).query(KnownVersion::of).list();
    }

    /**
     * Whether some version of the permit has this content, by the rule {@link #recordIncoming} records
     * versions by: the sweep and backfills ask before they queue what they fetched.
     */
    public boolean holds(String idIzin, IncomingContent content) {
        return knownVersions(idIzin).stream().anyMatch(known -> known.sameContentAs(content));
    }

    /**
     * Whether the version of the permit with this content (as {@link #holds} finds it) was recorded but never
     * converted: still {@code RECEIVED} without a canonical form. Intake converts such a version when the content
     * comes again ({@code CONVERSION_RESUMED}), so content fetched from OSS for it must be queued, not taken as known.
     * Only a version untouched since {@code stuckBefore} counts: one recorded moments ago is most likely still in
     * the intake queue (a burst), and queuing it again would only add a copy that intake then ignores.
     */
    public boolean holdsUnconverted(String idIzin, IncomingContent content, Instant stuckBefore) {
        List<Long> ids = knownVersions(idIzin).stream().filter(known -> known.sameContentAs(content))
                .map(KnownVersion::id).toList();
        return !ids.isEmpty() && jdbc.sql("""
                        SELECT COUNT(*) FROM sync_ledger
                         WHERE id IN (:ids) AND state = 'RECEIVED' AND canonical IS NULL AND updated_at < :before""")
                .param("ids", ids).param("before", Timestamp.from(stuckBefore)).query(Long.class).single() > 0;
    }

    /**
     * The newest version of a permit when an earlier build recorded it (before V57: no shared hash) and
     * converted it: its content hash was taken by rules that may no longer apply, so only its canonical form
     * says what it holds.
     */
    public Optional<LegacyVersion> newestRecordedWithoutSharedHash(String idIzin) {
        return jdbc.sql("""
                        SELECT id, canonical FROM sync_ledger
                         WHERE id_izin = :idIzin AND shared_hash IS NULL AND canonical IS NOT NULL
                           AND version = (SELECT MAX(version) FROM sync_ledger WHERE id_izin = :idIzin)""")
                .param("idIzin", idIzin)
                .query((rs, n) -> new LegacyVersion(rs.getLong("id"), payloads.open(rs.getString("canonical")))).optional();
    }

    /** A version recorded before shared hashes, and its canonical form. */
    public record LegacyVersion(long id, String canonical) {
    }

    /**
     * Gives a version recorded before shared hashes the shared hash of fetched content found to be the same
     * permit, so that the sweep and backfills compare it by that hash from then on, like any other version.
     */
    @Transactional
    public void adoptSharedHash(long ledgerId, String sharedHash, String why) {
        if (jdbc.sql("UPDATE sync_ledger SET shared_hash = :s WHERE id = :id AND shared_hash IS NULL")
                .param("s", sharedHash).param("id", ledgerId).update() == 1) {
            event(get(ledgerId), "LEGACY_CONTENT_MATCHED", why);
        }
    }

    /**
     * The version a target registered under its own number, while it is the permit's current registration: once
     * a later version is delivered (a change, a withdrawal), that registration speaks for the permit, and back-sync
     * reporting this one too would give OSS two interleaved histories and two final permits.
     */
    public Optional<LedgerEntry> currentByTargetRef(String targetId, String targetRef) {
        return jdbc.sql("SELECT " + ENTRY_COLUMNS + " FROM sync_ledger l WHERE l.target_id = :t AND l.target_ref = :ref"
                        + " AND l.state = 'DELIVERED' AND " + NEWER_DELIVERED + " = 0 ORDER BY l.version DESC LIMIT 1")
                .param("t", targetId).param("ref", targetRef).query(SyncLedger::entry).optional();
    }

    /**
     * A version as a push reads it, with the newest later version of the permit that a target holds
     * ({@code newerDelivered}, 0 when none): once one does, pushing this one would register outdated content
     * after it. One statement, the row read every push makes anyway.
     */
    public record ToDeliver(LedgerEntry entry, int newerDelivered) {
    }

    public ToDeliver toDeliver(long ledgerId) {
        return jdbc.sql("SELECT " + ENTRY_COLUMNS + ", " + NEWER_DELIVERED + " AS newer_delivered FROM sync_ledger l "
                        + "WHERE l.id = :id")
                .param("id", ledgerId)
                .query((rs, n) -> new ToDeliver(entry(rs, n), rs.getInt("newer_delivered"))).single();
    }

    /** The newest version after this one that a target holds, 0 when none (a retry asks again). */
    public int newerDelivered(long ledgerId) {
        return jdbc.sql("SELECT " + NEWER_DELIVERED + " FROM sync_ledger l WHERE l.id = :id").param("id", ledgerId)
                .query(Integer.class).single();
    }

    public List<LedgerEntry> byNib(String nib) {
        return jdbc.sql(SELECT_ENTRIES + "WHERE nib = :nib ORDER BY id_izin, version")
                .param("nib", nib).query(SyncLedger::entry).list();
    }

    public List<LedgerEntry> byIdIzin(String idIzin) {
        return jdbc.sql(SELECT_ENTRIES + "WHERE id_izin = :idIzin ORDER BY version")
                .param("idIzin", idIzin).query(SyncLedger::entry).list();
    }

    /** Versions whose canonical form names this master applicant. */
    public List<LedgerEntry> byApplicantId(String applicantId) {
        return jdbc.sql(SELECT_ENTRIES + "WHERE applicant_id = :a ORDER BY id_izin, version")
                .param("a", applicantId).query(SyncLedger::entry).list();
    }

    public List<LedgerEntry> recent(int limit) {
        return jdbc.sql(SELECT_ENTRIES + "ORDER BY id DESC LIMIT :n").param("n", limit)
                .query(SyncLedger::entry).list();
    }

    public List<TrailEvent> events(long ledgerId) {
        return jdbc.sql("SELECT * FROM trail_event WHERE ledger_id = :id ORDER BY at, id").param("id", ledgerId)
                .query(SyncLedger::trailEvent).list();
    }

    /** Writes a trail event for a ledger row (operators' actions use this too). */
    public void event(LedgerEntry entry, String kind, String detail) {
        jdbc.sql("""
                INSERT INTO trail_event (ledger_id, nib, id_izin, kind, detail, at)
                VALUES (:ledgerId, :nib, :idIzin, :kind, :detail, :at)""")
                .param("ledgerId", entry.id()).param("nib", entry.nib()).param("idIzin", entry.idIzin())
                .param("kind", kind).param("detail", truncate(detail, MAX_DETAIL))
                .param("at", Timestamp.from(clock.instant()))
                .update();
    }

    /**
     * A trail event about a permit the ledger has no row for (e.g. a file for a permit never received). Kept apart
     * from {@code trail_event}, whose reads all go through a ledger row: only these need look-ups by NIB or id_izin.
     */
    public void orphanEvent(String nib, String idIzin, String kind, String detail) {
        jdbc.sql("""
                INSERT INTO trail_orphan (nib, id_izin, kind, detail, at)
                VALUES (:nib, :idIzin, :kind, :detail, :at)""")
                .param("nib", nib).param("idIzin", idIzin).param("kind", kind)
                .param("detail", truncate(detail, MAX_DETAIL)).param("at", Timestamp.from(clock.instant()))
                .update();
    }

    /** Trail events of a NIB or id_izin that belong to no ledger row. */
    public List<TrailEvent> orphanEvents(String nib, String idIzin) {
        String column = nib != null ? "nib" : "id_izin";
        return jdbc.sql("SELECT o.*, CAST(NULL AS BIGINT) AS ledger_id FROM trail_orphan o WHERE o." + column
                        + " = :v ORDER BY o.at, o.id")
                .param("v", nib != null ? nib : idIzin).query(SyncLedger::trailEvent).list();
    }

    public long countByState(LedgerState state) {
        return jdbc.sql("SELECT COUNT(*) FROM sync_ledger WHERE state = :s").param("s", state.name())
                .query(Long.class).single();
    }

    private static String truncate(String s, int max) {
        if (s == null) {
            return null;
        }
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static LedgerEntry entry(ResultSet rs, int row) throws SQLException {
        return new LedgerEntry(
                rs.getLong("id"), rs.getString("flow"), rs.getString("nib"), rs.getString("id_izin"),
                rs.getString("oss_id"), rs.getString("kd_daerah"), rs.getInt("version"),
                rs.getString("content_hash"), LedgerState.valueOf(rs.getString("state")),
                rs.getString("target_id"), rs.getString("target_ref"), rs.getInt("attempts"),
                rs.getString("last_error"), instant(rs, "received_at"), instant(rs, "updated_at"),
                instant(rs, "delivered_at"));
    }

    private static TrailEvent trailEvent(ResultSet rs, int row) throws SQLException {
        long ledgerId = rs.getLong("ledger_id");
        return new TrailEvent(rs.getLong("id"), rs.wasNull() ? null : ledgerId, rs.getString("nib"),
                rs.getString("id_izin"), rs.getString("kind"), rs.getString("detail"), instant(rs, "at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
