package id.simpul.reconciliation.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * Working time for service standards: Monday to Friday except public holidays, in the office's time
 * zone. Durations are counted in working time so that "5 working days" means 5 × 24 working hours
 * of the calendar's working days, and a permit received on Friday evening is not late on Monday.
 */
public final class WorkingCalendar {

    private final ZoneId zone;
    private final Set<LocalDate> holidays;

    public WorkingCalendar(ZoneId zone, Set<LocalDate> holidays) {
        this.zone = zone;
        this.holidays = Set.copyOf(holidays);
    }

    public boolean isWorkingDay(LocalDate day) {
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY && !holidays.contains(day);
    }

    /** Working time between two instants: only the parts that fall on working days count. */
    public Duration workingTime(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        Duration total = Duration.ZERO;
        ZonedDateTime cursor = from.atZone(zone);
        ZonedDateTime end = to.atZone(zone);
        while (cursor.isBefore(end)) {
            ZonedDateTime nextDay = cursor.toLocalDate().plusDays(1).atStartOfDay(zone);
            ZonedDateTime sliceEnd = nextDay.isBefore(end) ? nextDay : end;
            if (isWorkingDay(cursor.toLocalDate())) {
                total = total.plus(Duration.between(cursor, sliceEnd));
            }
            cursor = sliceEnd;
        }
        return total;
    }

    /** The instant at which {@code working} working time has passed since {@code from}. */
    public Instant addWorkingTime(Instant from, Duration working) {
        ZonedDateTime cursor = from.atZone(zone);
        Duration left = working;
        while (true) {
            ZonedDateTime nextDay = cursor.toLocalDate().plusDays(1).atStartOfDay(zone);
            if (isWorkingDay(cursor.toLocalDate())) {
                Duration available = Duration.between(cursor, nextDay);
                if (left.compareTo(available) <= 0) {
                    return cursor.plus(left).toInstant();
                }
                left = left.minus(available);
            }
            cursor = nextDay;
        }
    }
}
