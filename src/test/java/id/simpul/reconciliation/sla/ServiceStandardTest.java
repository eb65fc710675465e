package id.simpul.reconciliation.sla;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.reconciliation.sla.ServiceStandard.StatusAt;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceStandardTest {

    private static final ZoneId WIB = ZoneId.of("Asia/Jakarta");
    // 2026-12-25 (Natal) is a Friday.
    private final WorkingCalendar calendar = new WorkingCalendar(WIB, Set.of(LocalDate.of(2026, 12, 25)));

    private static Instant at(int month, int day, int hour) {
        return ZonedDateTime.of(2026, month, day, hour, 0, 0, 0, WIB).toInstant();
    }

    @Test
    void weekendsAndHolidaysDoNotCount() {
        // Thursday 24 Dec 09:00 → Monday 28 Dec 09:00: Thursday 15 h + Monday 9 h; Friday (holiday) and the weekend are free.
        assertThat(calendar.workingTime(at(12, 24, 9), at(12, 28, 9))).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void aPermitBeyondFiveWorkingDaysWithoutDecisionIsOverdue() {
        ServiceStandard.Evaluation e = ServiceStandard.evaluate(at(12, 1, 9), List.of(), at(12, 9, 10), 5, calendar);
        assertThat(e.overdue()).isTrue();
        assertThat(e.elapsedWorkingDays()).isGreaterThan(5);
    }

    @Test
    void withinTheStandardItIsNotOverdueAndHasADueDate() {
        ServiceStandard.Evaluation e = ServiceStandard.evaluate(at(12, 1, 9), List.of(), at(12, 3, 9), 5, calendar);
        assertThat(e.overdue()).isFalse();
        assertThat(e.dueAt()).isEqualTo(at(12, 8, 9));
    }

    @Test
    void confirmationOfRequirementsStopsTheClockAndItsDataResumesIt() {
        // Received Tue 1 Dec 09:00; 41 on Wed 2 Dec 09:00 (1 day used); 42 on Wed 9 Dec 09:00; now Thu 10 Dec 09:00.
        List<StatusAt> statuses = List.of(new StatusAt("41", at(12, 2, 9)), new StatusAt("42", at(12, 9, 9)));
        ServiceStandard.Evaluation e = ServiceStandard.evaluate(at(12, 1, 9), statuses, at(12, 10, 9), 5, calendar);
        assertThat(e.elapsed()).isEqualTo(Duration.ofDays(2));
        assertThat(e.overdue()).isFalse();
    }

    @Test
    void reConfirmationTakesTheClockBackToTheStart() {
        // Received Tue 1 Dec 09:00; 43 on Thu 3 Dec 09:00 (the 2 days used no longer count); 44 on Mon 7 Dec 09:00;
        // now Tue 8 Dec 09:00: Lampiran 10 counts "dari awal", so 1 day, not 3.
        List<StatusAt> statuses = List.of(new StatusAt("43", at(12, 3, 9)), new StatusAt("44", at(12, 7, 9)));
        ServiceStandard.Evaluation e = ServiceStandard.evaluate(at(12, 1, 9), statuses, at(12, 8, 9), 5, calendar);
        assertThat(e.elapsed()).isEqualTo(Duration.ofDays(1));
        assertThat(e.dueAt()).isEqualTo(at(12, 14, 9));
    }

    @Test
    void reConfirmationWhileTheClockIsAlreadyStoppedAlsoTakesItBackToTheStart() {
        // 41 on Thu 3 Dec 09:00 stops it after 2 days; 43 on Fri 4 Dec; 44 on Mon 7 Dec 09:00; now Tue 8 Dec 09:00.
        List<StatusAt> statuses = List.of(new StatusAt("41", at(12, 3, 9)), new StatusAt("43", at(12, 4, 9)),
                new StatusAt("44", at(12, 7, 9)));
        ServiceStandard.Evaluation e = ServiceStandard.evaluate(at(12, 1, 9), statuses, at(12, 8, 9), 5, calendar);
        assertThat(e.elapsed()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void whileStoppedThereIsNoDueDateAndTheClockDoesNotRun() {
        List<StatusAt> statuses = List.of(new StatusAt("41", at(12, 2, 9)));
        ServiceStandard.Evaluation e = ServiceStandard.evaluate(at(12, 1, 9), statuses, at(12, 30, 9), 5, calendar);
        assertThat(e.stopped()).isTrue();
        assertThat(e.dueAt()).isNull();
        assertThat(e.overdue()).isFalse();
        assertThat(e.elapsed()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void aDecisionEndsTheClockEvenIfLate() {
        List<StatusAt> statuses = List.of(new StatusAt("50", at(12, 4, 9)));
        ServiceStandard.Evaluation e = ServiceStandard.evaluate(at(12, 1, 9), statuses, at(12, 30, 9), 2, calendar);
        assertThat(e.decided()).isTrue();
        assertThat(e.overdue()).isFalse();
        assertThat(e.elapsed()).isEqualTo(Duration.ofDays(3));
    }
}
