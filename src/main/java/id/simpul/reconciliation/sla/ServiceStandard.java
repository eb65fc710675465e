package id.simpul.reconciliation.sla;

import id.simpul.canonical.PermitStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * A permit's service standard (UU 25/2009): the working time allowed from receipt to decision,
 * with the clock stopped while the applicant must confirm requirements (kd_status 41/43) and
 * running again on 42/44; 43 and 44 also set it back to zero ("kembali ke awal", "dari awal"). The
 * effects come from the PIA's own status descriptions ({@link PermitStatus#of},
 * {@link PermitStatus#restartsSlaClock}).
 */
public final class ServiceStandard {

    private ServiceStandard() {
    }

    /** A status the permit reached, at a time. */
    public record StatusAt(String kdStatus, Instant at) {
    }

    /**
     * @param elapsed    working time counted so far (stopped periods excluded)
     * @param dueAt      when the standard runs out if the clock keeps running (null while stopped)
     * @param stopped    the clock is stopped now (waiting for the applicant)
     * @param overdue    elapsed exceeds the standard and no decision was taken
     */
    public record Evaluation(Duration standard, Duration elapsed, Instant dueAt, boolean stopped, boolean decided,
                             boolean overdue) {
        public double elapsedWorkingDays() {
            return elapsed.toMinutes() / (24.0 * 60);
        }
    }

    /** Decisions end the clock: approved, issued, auto-approved, rejected. */
    static boolean decides(String kdStatus) {
        return switch (kdStatus == null ? "" : kdStatus) {
            case "50", "52", "57", "90", "93" -> true;
            default -> false;
        };
    }

    public static Evaluation evaluate(Instant receivedAt, List<StatusAt> statuses, Instant now, int standardDays,
                                      WorkingCalendar calendar) {
        Duration standard = Duration.ofDays(standardDays);
        Duration elapsed = Duration.ZERO;
        Instant runningSince = receivedAt;
        boolean stopped = false;
        boolean decided = false;
        List<StatusAt> ordered = statuses.stream().sorted(Comparator.comparing(StatusAt::at)).toList();
        for (StatusAt s : ordered) {
            if (s.at().isAfter(now)) {
                break;
            }
            PermitStatus.SlaEffect effect = PermitStatus.of(null, "-", s.kdStatus(), null, null, null, null).slaEffect();
            if (!stopped && (effect == PermitStatus.SlaEffect.STOP || decides(s.kdStatus()))) {
                elapsed = elapsed.plus(calendar.workingTime(runningSince, s.at()));
                stopped = true;
            } else if (stopped && effect == PermitStatus.SlaEffect.RESUME) {
                runningSince = s.at();
                stopped = false;
            }
            if (PermitStatus.restartsSlaClock(s.kdStatus())) {
                elapsed = Duration.ZERO;
                runningSince = stopped ? runningSince : s.at();
            }
            if (decides(s.kdStatus())) {
                decided = true;
                break;
            }
        }
        if (!stopped) {
            elapsed = elapsed.plus(calendar.workingTime(runningSince, now));
        }
        Instant dueAt = stopped ? null : calendar.addWorkingTime(now, standard.minus(elapsed).isNegative()
                ? Duration.ZERO : standard.minus(elapsed));
        boolean overdue = !decided && elapsed.compareTo(standard) > 0;
        return new Evaluation(standard, elapsed, dueAt, stopped && !decided, decided, overdue);
    }
}
