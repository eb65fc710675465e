package id.simpul.reconciliation.run;

import id.simpul.canonical.PermitStatus;
import id.simpul.canonical.StatusProgress;
import id.simpul.delivery.HeldStatuses;
import id.simpul.delivery.HubStatusReports;
import id.simpul.intake.poll.Backfills;
import id.simpul.intake.poll.NibRefresh;
import id.simpul.platform.connector.oss.OssClient;
import id.simpul.platform.connector.oss.OssOperation;
import id.simpul.platform.failure.SyncFailureException;
import id.simpul.platform.ledger.LedgerEntry;
import id.simpul.platform.ledger.LedgerState;
import id.simpul.platform.ledger.SyncLedger;
import id.simpul.platform.security.PersonalText;
import id.simpul.platform.web.ApiException;
import id.simpul.reconciliation.DeadLetterOperations;
import id.simpul.reconciliation.DeadLetterReplayer;
import id.simpul.reconciliation.ReportedStatuses;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.support.TransactionTemplate;

/** The one-call fixes a discrepancy offers. Each is safe to repeat. */
@Configuration(proxyBeanMethods = false)
public class Fixers {

    /**
     * {@code SimpulSource} of a NIB fetched again for a re-push: a backfill of one NIB, and named so (the canonical
     * form's {@code source.channel} knows push, sweep, backfill, counter and replay).
     */
    static final String SOURCE = "backfill";

    /** Replay the dead letter (its own safety applies: never a second registration). */
    @Bean
    DiscrepancyFixer replayFixer(DeadLetterOperations deadLetters) {
        return new DiscrepancyFixer() {
            @Override
            public Discrepancy.Fix fix() {
                return Discrepancy.Fix.REPLAY;
            }

            @Override
            public String apply(Discrepancy d, Authentication auth) {
                deadLetters.replay(Long.parseLong(d.fixRef()), auth);
                return "dead letter #" + d.fixRef() + " replayed";
            }
        };
    }

    /**
     * Send the newest held step of the permit's current registration, by the rule a discard applies
     * ({@link HeldStatuses#release}): only while nothing ahead of it holds it and no later step went out.
     */
    @Bean
    DiscrepancyFixer releaseHeldFixer(HeldStatuses held, TransactionTemplate transactions) {
        return new DiscrepancyFixer() {
            @Override
            public Discrepancy.Fix fix() {
                return Discrepancy.Fix.RELEASE_HELD;
            }

            @Override
            public String apply(Discrepancy d, Authentication auth) {
                Long released = transactions.execute(status -> held.release(d.idIzin(),
                        "released by " + auth.getName() + " from a reconciliation run").orElse(null));
                if (released == null) {
                    throw ApiException.conflict("nothing held of " + d.idIzin() + " is to be sent any more: a later"
                            + " step went out, or a status ahead of it holds it again; start a new run");
                }
                return "held status report #" + released + " of " + d.idIzin() + " queued to OSS";
            }
        };
    }

    /** Send a decided permit that waits for a status no longer in a dead letter ({@link HeldStatuses#releaseFinal}). */
    @Bean
    DiscrepancyFixer sendFinalFixer(HeldStatuses held, TransactionTemplate transactions) {
        return new DiscrepancyFixer() {
            @Override
            public Discrepancy.Fix fix() {
                return Discrepancy.Fix.SEND_FINAL;
            }

            @Override
            public String apply(Discrepancy d, Authentication auth) {
                long id = Long.parseLong(d.fixRef());
                Long released = transactions.execute(status -> held.releaseFinal(id,
                        "released by " + auth.getName() + " from a reconciliation run").orElse(null));
                if (released == null) {
                    throw ApiException.conflict("IZINFINAL report #" + id + " of " + d.idIzin() + " does not wait"
                            + " any more, or its status is in a dead letter again; start a new run");
                }
                return "IZINFINAL report #" + id + " of " + d.idIzin() + " queued to OSS";
            }
        };
    }

    /**
     * Start a backfill of the NIB OSS names for a permit a target holds and the ledger does not (after a restore):
     * fetched from OSS, converted and delivered as every backfill is, audited as {@code BACKFILL_CREATED} under the
     * person who applied the fix.
     */
    @Bean
    DiscrepancyFixer backfillFixer(Backfills backfills) {
        return new DiscrepancyFixer() {
            @Override
            public Discrepancy.Fix fix() {
                return Discrepancy.Fix.BACKFILL;
            }

            @Override
            public String apply(Discrepancy d, Authentication auth) {
                if (d.nib() == null) {
                    throw ApiException.conflict("OSS named no NIB for " + d.idIzin() + "; nothing to backfill");
                }
                Backfills.Job job = backfills.create(List.of(d.nib()), null, auth.getName());
                return "backfill " + job.id() + " of NIB " + d.nib() + " started for " + d.idIzin()
                        + " (GET /api/v1/backfills/" + job.id() + ")";
            }
        };
    }

    /**
     * Push the latest version again, marked as a replay; the idempotency key keeps it single. A version never
     * converted has nothing to push, and the hub keeps no copy of OSS's push: OSS's content is fetched again and
     * queued for conversion through the normal path ({@link NibRefresh}), where intake converts the version it
     * belongs to ({@code CONVERSION_RESUMED}) and delivers it like any other.
     */
    @Bean
    DiscrepancyFixer repushFixer(SyncLedger ledger, DeadLetterReplayer replayer, NibRefresh refresh) {
        return new DiscrepancyFixer() {
            @Override
            public Discrepancy.Fix fix() {
                return Discrepancy.Fix.REPUSH;
            }

            @Override
            public String apply(Discrepancy d, Authentication auth) {
                long ledgerId = Long.parseLong(d.fixRef());
                LedgerEntry entry = ledger.find(ledgerId)
                        .orElseThrow(() -> ApiException.notFound("no ledger row " + ledgerId));
                String canonical = ledger.canonical(ledgerId).orElse(null);
                if (canonical == null) {
                    return convertAgain(entry, auth);
                }
                replayer.repush(entry, canonical, auth.getName());
                return "version " + entry.version() + " of " + entry.idIzin() + " pushed again";
            }

            private String convertAgain(LedgerEntry entry, Authentication auth) {
                String what = "version " + entry.version() + " of " + entry.idIzin();
                if (entry.state() != LedgerState.RECEIVED) {
                    throw ApiException.conflict(what + " is " + entry.state() + " without a canonical form: see its"
                            + " dead letter (GET /api/v1/dead-letters?idIzin=" + entry.idIzin() + ")");
                }
                NibRefresh.Outcome outcome;
                try {
                    outcome = refresh.refresh(entry.nib(), SOURCE);
                } catch (SyncFailureException e) {
                    throw ApiException.conflict(what + " was never converted, and OSS could not give NIB "
                            + entry.nib() + " again (" + e.getMessage() + "); nothing was queued, try the fix again"
                            + " later");
                }
                return switch (outcome) {
                    case INGESTED -> what + " was never converted: NIB " + entry.nib() + " fetched from OSS again"
                            + " and queued for conversion by " + auth.getName() + " (trail CONVERSION_RESUMED, or a new"
                            + " version if OSS's content changed since)";
                    case NOT_ROUTED -> throw ApiException.conflict(what + " was never converted, and OSS no longer"
                            + " routes a permit of NIB " + entry.nib() + " to this region; nothing was queued");
                    case UNCHANGED -> throw ApiException.conflict(what + " was converted meanwhile; start a new run");
                };
            }
        };
    }

    /**
     * Send OSS the status the region reported last, again: the one the run saw, only while it is still the
     * last, and only while it is ahead of what OSS shows now ({@link StatusProgress}). A fix applied from a run
     * an hour old must not set a permit decided since, by the region or by OSS, back to an earlier status.
     */
    @Bean
    DiscrepancyFixer resendStatusFixer(SyncLedger ledger, OssClient oss, Clock clock, ReportedStatuses statuses,
                                       HubStatusReports izinStatus) {
        return new DiscrepancyFixer() {
            @Override
            public Discrepancy.Fix fix() {
                return Discrepancy.Fix.RESEND_STATUS;
            }

            @Override
            public String apply(Discrepancy d, Authentication auth) {
                List<LedgerEntry> versions = ledger.byIdIzin(d.idIzin());
                if (versions.isEmpty()) {
                    throw ApiException.notFound("no permit " + d.idIzin());
                }
                LedgerEntry latest = versions.get(versions.size() - 1);
                String now = statuses.lastSent(d.idIzin()).orElse(null);
                if (!d.fixRef().equals(now)) {
                    throw ApiException.conflict("the region's last status for " + d.idIzin() + " is now " + now
                            + ", not " + d.fixRef() + " as when the run looked; start a new run");
                }
                // Where OSS stands now, not when the run looked: OSS may have moved past the status since (issued
                // the permit as 58), and re-sending would take it back.
                String atOss;
                try {
                    atOss = oss.checkLicenseStatus(d.idIzin()).kdStatus();
                } catch (SyncFailureException e) {
                    throw ApiException.conflict("OSS could not be asked where " + d.idIzin() + " stands ("
                            + e.getMessage() + "); nothing was sent, try the fix again later");
                }
                if (d.fixRef().equals(atOss)) {
                    return "OSS already shows kd_status " + atOss + "; nothing re-sent";
                }
                if (!StatusProgress.movesForward(d.fixRef(), atOss)) {
                    throw ApiException.conflict("OSS now shows kd_status " + atOss + " for " + d.idIzin()
                            + ", which re-sending " + d.fixRef() + " would take back or overrule; nothing was sent."
                            + " Check with the region which is right");
                }
                // The whole IZINSTATUS, mapped as back-sync maps it: OSS refuses one without kd_izin, id_proyek,
                // kd_instansi, ... (the PIA marks them required), so a partial re-send could never fix anything.
                PermitStatus status = PermitStatus.of(latest.nib(), latest.idIzin(), d.fixRef(),
                        "dikirim ulang oleh rekonsiliasi", auth.getName(), PermitStatus.timestamp(clock.instant()),
                        "reconciliation");
                var reply = oss.report(OssOperation.RECEIVE_LICENSE_STATUS, izinStatus.izinStatus(latest, status));
                // OSS's keterangan masked as back-sync's STATUS_SENT has it: the connector masks only a refusal's.
                String keterangan = PersonalText.mask(reply.path("keterangan").asText(""));
                ledger.event(latest, "STATUS_SENT", "kd_status " + d.fixRef() + " re-sent by reconciliation ("
                        + auth.getName() + "); OSS answered kode 200" + (keterangan.isBlank() ? "" : ": " + keterangan));
                return "kd_status " + d.fixRef() + " re-sent to OSS";
            }
        };
    }
}
