package id.simpul.delivery;

import id.simpul.canonical.StatusProgress;
import id.simpul.delivery.StatusReports.StatusReport;
import id.simpul.platform.ledger.LedgerEntry;
import id.simpul.platform.ledger.LedgerState;
import id.simpul.platform.ledger.SyncLedger;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * Statuses of a later registration of a permit that OSS is not told ({@link StatusReports#HELD}), because OSS has,
 * or may still get, a status of a permit in force from an earlier registration that is ahead of them: a change to
 * an issued permit restarts at the office's first step, and OSS must not show the permit back "in process".
 * When that earlier status turns out never to reach OSS (its dead letter discarded), the held statuses are
 * decided again by the same rule and released.
 *
 * <p>Also the decided permits ({@code IZINFINAL}) that wait for their {@code IZINSTATUS}
 * ({@link StatusReports#WAITING}): OSS is to take the decision's status before the final permit, and a status in a
 * dead letter may wait there for days. Such a final is parked, not sent nor deferred back to the broker for ever,
 * and queued once that status reaches OSS (a replay) or its dead letter is discarded: the operator decided OSS does
 * not get that step, but the decision and the permit number must still reach it.
 */
@Component
public class HeldStatuses {

    private static final Logger log = LoggerFactory.getLogger(HeldStatuses.class);

    private final StatusReports reports;
    private final SyncLedger ledger;
    private final JmsTemplate jms;

    public HeldStatuses(StatusReports reports, SyncLedger ledger, JmsTemplate jms) {
        this.reports = reports;
        this.ledger = ledger;
        this.jms = jms;
    }

    /**
     * A status of a permit in force that an earlier version's registration had OSS take (or may still have it
     * take) and that is ahead of {@code kd}. After a refusal a later version is a new application, and OSS hears
     * its steps.
     */
    public Optional<String> aheadAtOss(LedgerEntry entry, String kd) {
        if (entry.version() <= 1) {
            return Optional.empty();
        }
        List<String> ahead = reports.statusesOfEarlierVersions(entry).stream()
                .filter(StatusProgress::inForce)
                .filter(earlier -> StatusProgress.compare(kd, earlier) == StatusProgress.Order.BEHIND).toList();
        // The one OSS shows now, which the trail names: of 50 and 60 reported for the first version, 60.
        return ahead.stream().filter(a -> ahead.stream()
                .noneMatch(b -> StatusProgress.compare(b, a) == StatusProgress.Order.AHEAD)).findFirst();
    }

    /**
     * An operator discarded the dead letter of this report, so OSS never gets it. Records that, and decides again
     * what it may have held back ({@link #release}), in the caller's transaction. Returns the released report.
     */
    public Optional<Long> discarded(long reportId, String why) {
        Optional<StatusReport> report = reports.find(reportId);
        if (report.isEmpty() || !reports.discarded(reportId)) {
            return Optional.empty();
        }
        StatusReport r = report.get();
        if (StatusReports.STATUS.equals(r.kind())) {
            // Before the held steps are decided: the final, queued, is a decision OSS will have.
            finalReleased(r, "its IZINSTATUS " + r.kdStatus() + " never reaches OSS (" + why + "); OSS still gets the"
                    + " decision and the permit number");
        }
        return release(r.idIzin(), (StatusReports.FINAL.equals(r.kind()) ? "IZINFINAL " : "kd_status ") + r.kdStatus()
                + " of version " + ledger.get(r.ledgerId()).version() + " never reaches OSS (" + why + ")");
    }

    /**
     * Decides the held statuses of the permit's current registration again ({@link #aheadAtOss}) and, when nothing
     * in force is ahead of them any more, sends the newest: pending like any report, queued once the caller's
     * transaction commits, with a {@code STATUS_RELEASED} trail event. OSS is to show the office's latest step of
     * the current registration. The older held steps are not sent: sent as a burst, they could reach OSS out of
     * order (a report deferred while OSS's circuit is open goes back to the broker behind the next one) and take
     * it backwards. Nothing is released when a report of the registration came after the newest held one: OSS
     * already hears a later step. Returns the released report.
     */
    public Optional<Long> release(String idIzin, String why) {
        Optional<Releasable> found = releasable(idIzin);
        if (found.isEmpty() || !reports.released(found.get().report().id())) {
            return Optional.empty();
        }
        LedgerEntry current = found.get().registration();
        StatusReport newest = found.get().report();
        List<String> older = reports.statusesOf(current.id()).stream()
                .filter(r -> StatusReports.HELD.equals(r.state())).map(StatusReport::kdStatus).toList();
        ledger.event(current, "STATUS_RELEASED", "kd_status " + newest.kdStatus() + " (" + newest.localStatus()
                + ") of version " + current.version() + " sent after all: " + why
                + "; OSS has no status ahead of it from an earlier version any more"
                + (older.isEmpty() ? "" : "; the earlier held " + String.join(", ", older)
                        + " stay unsent, OSS goes straight to the office's latest step"));
        log.info("{} v{}: held kd_status {} released ({})", idIzin, current.version(), newest.kdStatus(), why);
        HubStatusReports.queueAfterCommit(jms, newest.id());
        return Optional.of(newest.id());
    }

    /**
     * Parks this pending {@code IZINFINAL} while its {@code IZINSTATUS} is in a dead letter, with a
     * {@code FINAL_WAITING} trail event; false when that status is not dead-lettered (any more). In the caller's
     * transaction ({@link StatusReports#waits}).
     */
    public boolean finalWaits(StatusReport decided) {
        if (!reports.waits(decided)) {
            return false;
        }
        ledger.event(ledger.get(decided.ledgerId()), "FINAL_WAITING", "IZINFINAL waits for its IZINSTATUS "
                + decided.kdStatus() + ", which is in a dead letter: replay or discard it");
        log.info("{}: IZINFINAL {} waits for its IZINSTATUS, which is in a dead letter", decided.idIzin(),
                decided.kdStatus());
        return true;
    }

    /**
     * The {@code IZINFINAL} of this report's permit version and code, if it waited for its {@code IZINSTATUS}, is
     * sent after all: pending, queued once the caller's transaction commits, with a {@code FINAL_RELEASED} trail
     * event saying {@code why}. Returns it.
     */
    public Optional<Long> finalReleased(StatusReport report, String why) {
        Optional<StatusReport> released = reports.finalReleased(report.ledgerId(), report.kdStatus());
        released.ifPresent(f -> {
            ledger.event(ledger.get(f.ledgerId()), "FINAL_RELEASED", "IZINFINAL " + f.kdStatus() + " queued: " + why);
            log.info("{}: IZINFINAL {} released ({})", f.idIzin(), f.kdStatus(), why);
            HubStatusReports.queueAfterCommit(jms, f.id());
        });
        return released.map(StatusReport::id);
    }

    /** Waiting finals that nothing will release: their status is neither in a dead letter nor on its way to OSS. */
    public List<StatusReport> finalsWaitingForNothing() {
        return reports.finalsWaitingForNothing();
    }

    /** Sends a final that waits for nothing ({@link #finalsWaitingForNothing}); empty if it is not one (any more). */
    public Optional<Long> releaseFinal(long finalId, String why) {
        return reports.finalsWaitingForNothing().stream().filter(f -> f.id() == finalId).findFirst()
                .flatMap(f -> finalReleased(f, why));
    }

    /** A held report that nothing holds any more, and the registration it belongs to. */
    public record Releasable(LedgerEntry registration, StatusReport report) {
    }

    /**
     * The newest held step of the permit's current registration when nothing in force is ahead of it any more and
     * no report of that registration came after it: what {@link #release} would send.
     */
    public Optional<Releasable> releasable(String idIzin) {
        List<LedgerEntry> delivered = ledger.byIdIzin(idIzin).stream()
                .filter(e -> e.state() == LedgerState.DELIVERED).toList();
        if (delivered.isEmpty()) {
            return Optional.empty();
        }
        LedgerEntry current = delivered.get(delivered.size() - 1);
        List<StatusReport> statuses = reports.statusesOf(current.id());
        if (statuses.isEmpty() || !StatusReports.HELD.equals(statuses.get(statuses.size() - 1).state())) {
            return Optional.empty();
        }
        StatusReport newest = statuses.get(statuses.size() - 1);
        Optional<String> ahead = aheadAtOss(current, newest.kdStatus());
        if (ahead.isPresent()) {
            log.debug("{} v{}: kd_status {} stays held; OSS has {} from an earlier version", idIzin, current.version(),
                    newest.kdStatus(), ahead.get());
            return Optional.empty();
        }
        return Optional.of(new Releasable(current, newest));
    }

    /** Permits with a held step, whether anything still holds it or not. */
    public List<String> permitsWithHeldSteps() {
        return reports.permitsWithHeldStatuses();
    }
}
