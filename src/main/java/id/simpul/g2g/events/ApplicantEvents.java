package id.simpul.g2g.events;

import id.simpul.applicant.ApplicantIds;
import id.simpul.applicant.ApplicantMapping;
import id.simpul.applicant.ApplicantRegistry;
import id.simpul.applicant.MergeEvent;
import id.simpul.applicant.SourceRecord;
import id.simpul.canonical.PermitMessage;
import id.simpul.delivery.local.LocalPermitIntake;
import id.simpul.delivery.local.LocalPermitStore;
import id.simpul.g2g.query.LedgerApplicantDirectory;
import id.simpul.platform.audit.AuditLog;
import id.simpul.platform.json.Json;
import id.simpul.platform.ledger.SyncLedger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hands the applicant registry's merges and splits to G2G, from the registry's own stored history
 * ({@code applicant_event}) with a cursor ({@link Cursors#APPLICANTS}) that moves in the same transaction as what
 * each step writes: a merge or split the registry stored is told to agencies exactly once, also when the hub
 * stopped right after the registry's write or the store refused the first try (the next poll tries again).
 * <ul>
 *   <li>{@code MERGED_IN}: the retired id gets its alias and agencies hear {@code ApplicantMerged} with the coded
 *   cause.</li>
 *   <li>{@code SPLIT_OFF}: the permits filed under the original master, or under an id merged into it, whose
 *   applicant's source record belongs to another master now are filed under that master, and agencies hear
 *   {@code ApplicantSplit}. A permit's source record is the one {@link ApplicantMapping} names for its stored
 *   canonical applicant (the record the resolver matched); where it belongs is the registry's answer now, so a
 *   record moved again since is filed where it is, not where the split put it. Only
 *   {@code sync_ledger.applicant_id} (and {@code local_permit.applicant_id} for the offices' own permits, by
 *   the record {@link LocalPermitIntake#sourceRecord} names) moves: the canonical forms keep the id they were converted with, each moved
 *   version gets an {@code APPLICANT_REASSIGNED} trail step, and the move one audit row. Retired ids keep their
 *   alias: a merged id names the master it was merged into, as in the registry.</li>
 * </ul>
 * The registry writes its history from one thread at a time, so its ids grow in the order its rows commit and the
 * cursor needs no settling time.
 */
@Component
public class ApplicantEvents {

    private static final Logger log = LoggerFactory.getLogger(ApplicantEvents.class);
    private static final int BATCH = 200;

    private final JdbcClient jdbc;
    private final Cursors cursors;
    private final EventPublisher events;
    private final ApplicantRegistry registry;
    private final LedgerApplicantDirectory directory;
    private final SyncLedger ledger;
    private final ApplicantMapping mapping;
    private final AuditLog audit;
    private final LocalPermitStore localPermits;

    public ApplicantEvents(JdbcClient jdbc, Cursors cursors, EventPublisher events, ApplicantRegistry registry,
                           LedgerApplicantDirectory directory, SyncLedger ledger, ApplicantMapping mapping,
                           AuditLog audit, LocalPermitStore localPermits) {
        this.jdbc = jdbc;
        this.cursors = cursors;
        this.events = events;
        this.registry = registry;
        this.directory = directory;
        this.ledger = ledger;
        this.mapping = mapping;
        this.audit = audit;
        this.localPermits = localPermits;
    }

    private record Step(long id, long applicant, String kind, long other, String cause, java.sql.Timestamp at) {
    }

    private record Filed(long ledgerId, String idIzin, int version, String applicantId, String canonical) {
    }

    @Scheduled(fixedDelayString = "${simpul.g2g.events.poll-interval:1s}",
            initialDelayString = "${simpul.g2g.events.poll-interval:1s}")
    @Transactional
    public void poll() {
        if (!registry.isLoaded()) {
            // A split's permits are filed by where their records belong now, which only the loaded registry knows.
            return;
        }
        long position = cursors.lock(Cursors.APPLICANTS);
        List<Step> steps = jdbc.sql("""
                SELECT id, applicant, kind, other_applicant, cause, at FROM applicant_event
                 WHERE id > :p AND kind IN ('MERGED_IN', 'SPLIT_OFF') ORDER BY id LIMIT :n""")
                .param("p", position).param("n", BATCH)
                .query((rs, n) -> new Step(rs.getLong("id"), rs.getLong("applicant"), rs.getString("kind"),
                        rs.getLong("other_applicant"), rs.getString("cause"), rs.getTimestamp("at")))
                .list();
        for (Step step : steps) {
            if (step.kind().equals("MERGED_IN")) {
                events.applicantMerged(ApplicantIds.format(step.applicant()), ApplicantIds.format(step.other()),
                        cause(step));
            } else {
                split(ApplicantIds.format(step.applicant()), ApplicantIds.format(step.other()), step);
            }
            position = step.id();
        }
        cursors.move(Cursors.APPLICANTS, position);
    }

    private static MergeEvent.Cause cause(Step step) {
        try {
            return MergeEvent.Cause.valueOf(step.cause());
        } catch (IllegalArgumentException | NullPointerException unknown) {
            // Written without a cause (a registry of another version): the registry merges on its own unless told.
            return MergeEvent.Cause.AUTOMATIC;
        }
    }

    private void split(String originalId, String newId, Step step) {
        List<String> moved = refile(originalId);
        events.applicantSplit(originalId, newId, step.at().toInstant());
        if (!moved.isEmpty()) {
            // Last: the audit chain's head stays locked until the transaction ends.
            audit.appendInTransaction(new AuditLog.Event("hub", "APPLICANT_PERMITS_REASSIGNED", "applicant", newId, null,
                    moved.size() + " permit version(s) and local permit(s) filed under " + originalId + " (or an id merged into it) moved"
                            + " after a split off into " + newId + ": " + moved, originalId, newId));
        }
    }

    /** @return the versions moved, as {@code idIzin@version} */
    private List<String> refile(String originalId) {
        String master = registry.resolveId(originalId).orElse(originalId);
        List<Filed> filed = jdbc.sql("""
                SELECT id, id_izin, version, applicant_id, canonical FROM sync_ledger
                 WHERE applicant_id IN (:ids) AND canonical IS NOT NULL ORDER BY id""")
                .param("ids", List.copyOf(directory.mergedInto(originalId)))
                .query((rs, n) -> new Filed(rs.getLong("id"), rs.getString("id_izin"), rs.getInt("version"),
                        rs.getString("applicant_id"), ledger.openCanonical(rs.getString("canonical"))))
                .list();
        List<String> moved = new ArrayList<>();
        for (Filed f : filed) {
            Optional<String> now = sourceRef(f).flatMap(registry::applicantOf);
            if (now.isPresent() && !now.get().equals(master) && ledger.reassignApplicant(f.ledgerId(), f.applicantId(),
                    now.get(), "its applicant's record was split off " + originalId)) {
                moved.add(f.idIzin() + "@" + f.version());
            }
        }
        for (LocalPermitStore.Stored p : localPermits.filedUnder(directory.mergedInto(originalId))) {
            Optional<String> now = localSourceRef(p).flatMap(registry::applicantOf);
            if (now.isPresent() && !now.get().equals(master)
                    && localPermits.reassignApplicant(p.id(), p.applicantId(), now.get())) {
                moved.add("local " + p.targetId() + "/" + p.localNumber());
            }
        }
        return moved;
    }

    private Optional<String> localSourceRef(LocalPermitStore.Stored p) {
        try {
            SourceRecord record = LocalPermitIntake.sourceRecord(mapping, Json.tree(p.payload()));
            return Optional.ofNullable(record == null ? null : record.sourceRef());
        } catch (RuntimeException unreadable) {
            log.warn("local permit {}/{}: canonical form unreadable, applicant left as is: {}", p.targetId(),
                    p.localNumber(), unreadable.toString());
            return Optional.empty();
        }
    }

    private Optional<String> sourceRef(Filed f) {
        try {
            SourceRecord record = mapping.fromPermitMessage(Json.read(f.canonical(), PermitMessage.class));
            return Optional.ofNullable(record == null ? null : record.sourceRef());
        } catch (RuntimeException unreadable) {
            // A form that no longer reads as a permit message stays where it is, rather than stopping the relay.
            log.warn("ledger row {}: canonical form unreadable, applicant left as is: {}", f.ledgerId(),
                    unreadable.toString());
            return Optional.empty();
        }
    }
}
