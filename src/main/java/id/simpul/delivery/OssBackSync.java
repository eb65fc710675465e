package id.simpul.delivery;

import id.simpul.delivery.OssStatusReporter.OssReply;
import id.simpul.delivery.StatusReports.StatusReport;
import id.simpul.platform.failure.DeferredException;
import id.simpul.platform.failure.RetriesExhaustedException;
import id.simpul.platform.failure.SyncFailureException;
import id.simpul.platform.json.Json;
import id.simpul.platform.ledger.LedgerEntry;
import id.simpul.platform.ledger.SyncLedger;
import id.simpul.platform.security.PersonalText;
import java.util.Optional;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends one status report to OSS under the {@link FailurePolicy} (key {@code oss}) and records every
 * attempt and OSS's reply in the permit's trail: {@code STATUS_SENT} / {@code FINAL_SENT} with the
 * {@code kd_status} and OSS's {@code kode}; {@code STATUS_FAILED} / {@code FINAL_FAILED} per failed
 * attempt. What OSS keeps refusing is dead-lettered by the route, never dropped.
 *
 * <p>Every send is made under the report's lease ({@link StatusReports#claim}): hub instances on one store each
 * consume the report queue, and a copy of a report another consumer is sending goes back to the broker
 * ({@code DEFERRED}), whose next delivery finds it {@code SENT}.
 *
 * <p>An {@code IZINFINAL} goes only after its {@code IZINSTATUS}: it goes back to the broker while that status is
 * pending, and waits ({@link HeldStatuses#finalWaits}) while it is in a dead letter, until a replay sends it or a
 * discard gives it up.
 */
@Component("ossBackSync")
public class OssBackSync {

    static final String GUARD = "oss";
    private static final Logger log = LoggerFactory.getLogger(OssBackSync.class);

    private final StatusReports reports;
    private final OssStatusReporter reporter;
    private final FailurePolicy policy;
    private final SyncLedger ledger;
    private final HeldStatuses held;
    private final TransactionTemplate transactions;

    public OssBackSync(StatusReports reports, OssStatusReporter reporter, FailurePolicy policy, SyncLedger ledger,
                       HeldStatuses held, TransactionTemplate transactions) {
        this.reports = reports;
        this.reporter = reporter;
        this.policy = policy;
        this.ledger = ledger;
        this.held = held;
        this.transactions = transactions;
    }

    public void report(String body, Message message) {
        long id = Json.tree(body).path("reportId").asLong(-1);
        Optional<StatusReport> found = reports.find(id);
        if (found.isEmpty()) {
            log.warn("status report {} not found; message dropped: {}", id, body);
            return;
        }
        StatusReport report = found.get();
        boolean isFinal = StatusReports.FINAL.equals(report.kind());
        // What the dead-letter record needs if this fails: the permit, not its (delivered) ledger row.
        message.setHeader("SimpulNib", report.nib());
        message.setHeader("SimpulIdIzin", report.idIzin());
        message.setHeader("SimpulTargetId", report.targetId());
        message.setHeader("SimpulFlow", isFinal ? "oss-final" : "oss-status");
        if (StatusReports.SENT.equals(report.state())) {
            return;
        }
        if (!StatusReports.PENDING.equals(report.state())) {
            // Another copy's send ended in a dead letter (or the report is HELD, WAITING or DISCARDED): only a replay
            // or a release, which makes it PENDING and queues it anew, sends it. Deferred, this copy would come back
            // for ever, as no lease is taken on a report that is not pending.
            log.info("status report {} ({} kd_status {}) is {}; this copy is not sent", id, report.idIzin(),
                    report.kdStatus(), report.state());
            return;
        }
        if (isFinal && waitsForItsStatus(report)) {
            return;
        }
        StatusReports.Claim claim = reports.claim(id).orElseThrow(() -> new DeferredException("status report " + id
                + " (" + report.idIzin() + " kd_status " + report.kdStatus() + ") is held by another consumer's lease;"
                + " the copy goes back to the broker"));
        LedgerEntry entry = ledger.get(report.ledgerId());
        String operation = isFinal ? "receiveLicense" : "receiveLicenseStatus";
        String prefix = isFinal ? "FINAL" : "STATUS";
        String what = operation + " kd_status " + report.kdStatus() + " (" + report.targetId() + " "
                + report.targetRef() + ": " + report.localStatus() + ")";
        try {
            OssReply reply = policy.execute(GUARD, FailurePolicy.Limits.defaults(), attempt -> {
                if (!reports.attempted(claim)) {
                    // The lease lapsed while this consumer waited for OSS's circuit, and another took the report.
                    throw new DeferredException("status report " + id + " was taken over by another consumer");
                }
                try {
                    return isFinal ? reporter.reportFinal(Json.tree(report.payload()))
                            : reporter.reportStatus(Json.tree(report.payload()));
                } catch (RuntimeException e) {
                    SyncFailureException failure = FailurePolicy.classify(e);
                    event(entry, prefix + "_FAILED", "attempt " + attempt + " " + what + " " + failure.kind() + ": ",
                            failure.getMessage());
                    throw failure;
                }
            });
            // With the final that waited for this status, if any (a replay): released in the same transaction.
            transactions.executeWithoutResult(tx -> {
                reports.sent(id, String.valueOf(reply.kode()), reply.body());
                event(entry, prefix + "_SENT", what + " -> OSS kode " + reply.kode()
                        + (reply.keterangan().isBlank() ? "" : ": "), reply.keterangan());
                if (!isFinal) {
                    held.finalReleased(report, "its IZINSTATUS " + report.kdStatus() + " reached OSS");
                }
            });
            log.info("id_izin={} {} -> OSS kode {}", report.idIzin(), what, reply.kode());
        } catch (SyncFailureException e) {
            String kind = e instanceof RetriesExhaustedException ? "TRANSIENT, retries exhausted" : e.kind().name();
            reports.deadLettered(id, null, e.getMessage());
            event(entry, prefix + "_DEAD_LETTERED", what + " " + kind + ": ", e.getMessage());
            throw e;
        } catch (DeferredException e) {
            reports.release(claim);
            throw e;
        }
    }

    /**
     * A trail event in the hub's words ({@code words}: the report, with the target's reference, which stays as
     * written) and then what it {@code quotes} (OSS's keterangan, a failure's message), with the NIKs, phone numbers
     * and e-mail addresses that holds masked: every role reads the trail. OSS's refusals are masked by the
     * connector already; its acceptance and the hub's own failures are not.
     */
    private void event(LedgerEntry entry, String kind, String words, String quotes) {
        ledger.event(entry, kind, words + PersonalText.mask(quotes));
    }

    /**
     * IZINFINAL only after its IZINSTATUS: a status deferred back to the broker (OSS's circuit open) or re-queued
     * after a lost message would otherwise arrive after the final, so the final goes back to the broker while its
     * status is pending. A status in a dead letter may wait there for days: the final is then parked, not deferred
     * again and again, and this copy is consumed. True when this copy is not to be sent now.
     */
    private boolean waitsForItsStatus(StatusReport report) {
        String status = reports.statusState(report.ledgerId(), report.kdStatus()).orElse("");
        if (StatusReports.PENDING.equals(status)) {
            throw new DeferredException("IZINFINAL of report " + report.id() + " waits for its IZINSTATUS "
                    + report.kdStatus() + " to reach OSS");
        }
        if (!StatusReports.DEAD_LETTERED.equals(status)) {
            return false;
        }
        if (!Boolean.TRUE.equals(transactions.execute(tx -> held.finalWaits(report)))) {
            // The status left its dead letter meanwhile (replayed, discarded): the next delivery decides again.
            throw new DeferredException("IZINFINAL of report " + report.id() + ": its IZINSTATUS "
                    + report.kdStatus() + " left its dead letter meanwhile");
        }
        return true;
    }
}
