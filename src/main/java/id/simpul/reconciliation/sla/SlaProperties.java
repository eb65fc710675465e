package id.simpul.reconciliation.sla;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Service standards per permit type ({@code kd_izin}) in working days, the default for types not
 * listed, the office's time zone and its public holidays.
 */
@ConfigurationProperties(prefix = "simpul.sla")
public record SlaProperties(int defaultDays, Map<String, Integer> daysByKdIzin, String zone, List<LocalDate> holidays,
                            Duration gaugeMaxAge) {

    public SlaProperties {
        daysByKdIzin = daysByKdIzin == null ? Map.of() : Map.copyOf(daysByKdIzin);
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
        zone = zone == null ? "Asia/Jakarta" : zone;
        defaultDays = defaultDays <= 0 ? 5 : defaultDays;
        gaugeMaxAge = gaugeMaxAge == null ? Duration.ofSeconds(30) : gaugeMaxAge;
    }

    public int daysFor(String kdIzin) {
        return kdIzin == null ? defaultDays : daysByKdIzin.getOrDefault(kdIzin, defaultDays);
    }
}
