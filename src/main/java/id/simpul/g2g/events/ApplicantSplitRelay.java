package id.simpul.g2g.events;

import id.simpul.applicant.ApplicantMapping;
import id.simpul.applicant.SourceRecord;
import id.simpul.applicant.SplitEvent;
import id.simpul.canonical.PermitMessage;
import id.simpul.g2g.query.LedgerApplicantDirectory;
import id.simpul.platform.audit.AuditLog;
import id.simpul.platform.json.Json;
import id.simpul.platform.ledger.SyncLedger;
import id.simpul.reconciliation.applicant.ApplicantSplitEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands the applicant registry's splits to G2G: the permits whose applicant's source record moved are filed
 * under the new master, and agencies hear {@code ApplicantSplit}.
 * <p>
 * A permit belongs to a source record: its canonical form's applicant is the record {@link ApplicantMapping}
 * names (the same sourceRef the resolver matched when the permit was converted). The versions filed under the
 * original master, or under an id merged into it, whose record moved get the new id in
 * {@code sync_ledger.applicant_id}; their canonical forms keep the id they were converted with, as a record of
 * what the hub said then, and each re-filed version gets an {@code APPLICANT_REASSIGNED} trail step and the
 * whole move one audit row. Retired ids keep their alias: a merged id names the master it was merged into,
 * as in the registry, whichever of its records later split off.
 * <p>
 * Same delivery as {@link ApplicantMergeRelay}: the registry publishes after its flush stored the split, and
 * the move, its audit row and the outbox row commit in a transaction of their own.
 */
@Component
public class ApplicantSplitRelay {

    private static final Logger log = LoggerFactory.getLogger(ApplicantSplitRelay.class);

    private final EventPublisher events;
    private final LedgerApplicantDirectory directory;
    private final SyncLedger ledger;
    private final ApplicantMapping mapping;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;

    public ApplicantSplitRelay(EventPublisher events, LedgerApplicantDirectory directory, SyncLedger ledger,
                               ApplicantMapping mapping, AuditLog audit, JdbcClient jdbc,
                               PlatformTransactionManager transactions) {
        this.events = events;
        this.directory = directory;
        this.ledger = ledger;
        this.mapping = mapping;
        this.audit = audit;
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    private record Filed(long ledgerId, String idIzin, int version, String applicantId, String canonical) {
    }

    @EventListener
    public void split(ApplicantSplitEvent event) {
        SplitEvent split = event.split();
        ownTransaction.executeWithoutResult(status -> {
            List<String> moved = refile(split);
            events.applicantSplit(split.originalId(), split.newId(), split.at());
            if (!moved.isEmpty()) {
                // Last: the audit chain's head stays locked until the transaction ends.
                audit.appendInTransaction(new AuditLog.Event("hub", "APPLICANT_PERMITS_REASSIGNED", "applicant",
                        split.newId(), null, moved.size() + " permit version(s) filed under " + split.originalId()
                        + " (or an id merged into it) moved to " + split.newId() + " after a split: " + moved,
                        split.originalId(), split.newId()));
            }
        });
    }

    /** @return the versions moved, as {@code idIzin@version} */
    private List<String> refile(SplitEvent split) {
        Set<String> movedRefs = new HashSet<>(split.sourceRefs());
        List<Filed> filed = jdbc.sql("""
                SELECT id, id_izin, version, applicant_id, canonical FROM sync_ledger
                 WHERE applicant_id IN (:ids) AND canonical IS NOT NULL ORDER BY id""")
                .param("ids", List.copyOf(directory.mergedInto(split.originalId())))
                .query((rs, n) -> new Filed(rs.getLong("id"), rs.getString("id_izin"), rs.getInt("version"),
                        rs.getString("applicant_id"), rs.getString("canonical")))
                .list();
        List<String> moved = new ArrayList<>();
        for (Filed f : filed) {
            if (movedRefs.contains(sourceRef(f)) && ledger.reassignApplicant(f.ledgerId(), f.applicantId(),
                    split.newId(), "its applicant's record was split off into a new master")) {
                moved.add(f.idIzin() + "@" + f.version());
            }
        }
        return moved;
    }

    private String sourceRef(Filed f) {
        try {
            SourceRecord record = mapping.fromPermitMessage(Json.read(f.canonical(), PermitMessage.class));
            return record == null ? null : record.sourceRef();
        } catch (RuntimeException unreadable) {
            // A form that no longer reads as a permit message stays where it is, rather than failing the split's relay.
            log.warn("ledger row {}: canonical form unreadable, applicant left as is: {}", f.ledgerId(),
                    unreadable.toString());
            return null;
        }
    }
}
