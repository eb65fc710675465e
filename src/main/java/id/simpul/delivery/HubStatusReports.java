package id.simpul.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.simpul.canonical.PermitStatus;
import id.simpul.mapping.Mappings;
import id.simpul.platform.json.Json;
import id.simpul.platform.ledger.LedgerEntry;
import id.simpul.platform.ledger.SyncLedger;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Statuses the hub decides itself, not read from a target's outputs: a G2G recommendation round
 * that completes (kd_status 45) or refuses (93). They go to OSS exactly like a target's, as a
 * {@code status_report} row of source {@value #SOURCE} and one message to the single reporting
 * consumer ({@code delivery-report-status}), so the same retries, trail events and dead letters apply.
 */
@Component
public class HubStatusReports {

    /** The {@code target_id} of reports the hub raises itself. */
    public static final String SOURCE = "hub";
    /** The one reporting consumer's queue ({@code delivery-report-status}). */
    public static final String QUEUE = "simpul.delivery.status";

    private static final Logger log = LoggerFactory.getLogger(HubStatusReports.class);

    private final StatusReports reports;
    private final TargetRegistry targets;
    private final SyncLedger ledger;
    private final Mappings mappings;
    private final JmsTemplate jms;

    public HubStatusReports(StatusReports reports, TargetRegistry targets, SyncLedger ledger, Mappings mappings,
                            JmsTemplate jms) {
        this.reports = reports;
        this.targets = targets;
        this.ledger = ledger;
        this.mappings = mappings;
        this.jms = jms;
    }

    /**
     * Records the status for OSS unless this permit version already has a report with its code, and
     * queues it once the caller's transaction has committed ({@link #queueAfterCommit}). Returns the new
     * report's id.
     */
    public Optional<Long> report(LedgerEntry entry, PermitStatus status, String why) {
        Optional<Long> id = reports.recordIfNew(entry, SOURCE, why, StatusReports.STATUS, status.kdStatus(),
                status.statusName(), izinStatus(entry, status));
        id.ifPresent(reportId -> queueAfterCommit(jms, reportId));
        return id;
    }

    /**
     * The {@code IZINSTATUS} body OSS receives for a status of this permit version, by the same mapping as
     * every back-sync report ({@code backsync/izinstatus.jslt}): ids, kd_izin and project from the permit's
     * canonical form, kd_instansi from the office that serves it. For statuses sent outside the report queue
     * too (reconciliation's re-send), so that OSS never gets a partial IZINSTATUS.
     */
    public JsonNode izinStatus(LedgerEntry entry, PermitStatus status) {
        // kd_instansi is the office that serves the permit: the target it went to, or would go to.
        String kdInstansi = targets.find(entry.targetId()).or(() -> targets.findForRegion(entry.kdDaerah()))
                .map(t -> t.backSync().kdInstansi()).orElse(null);
        ObjectNode input = Json.MAPPER.createObjectNode();
        input.set("status", Json.toTree(status));
        input.set("permit", ledger.canonical(entry.id()).map(Json::tree).orElse(Json.MAPPER.createObjectNode()));
        input.set("target", Json.MAPPER.createObjectNode().put("id", SOURCE).put("kdInstansi", kdInstansi));
        return mappings.applyFile(OutputPoller.STATUS_MAPPING, input);
    }

    /**
     * Queues a recorded report for the reporting consumer once the caller's transaction has committed (the
     * consumer must find the row). A queue message lost after the commit is queued again by the stale sweep.
     */
    static void queueAfterCommit(JmsTemplate jms, long id) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    queue(jms, id);
                }
            });
        } else {
            queue(jms, id);
        }
    }

    private static void queue(JmsTemplate jms, long id) {
        try {
            jms.convertAndSend(QUEUE, Json.write(Json.MAPPER.createObjectNode().put("reportId", id)));
        } catch (RuntimeException e) {
            log.warn("status report {} recorded but not queued ({}); the stale sweep queues it again", id,
                    e.getMessage());
        }
    }
}
