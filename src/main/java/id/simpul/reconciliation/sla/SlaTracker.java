package id.simpul.reconciliation.sla;

import id.simpul.platform.json.Json;
import id.simpul.reconciliation.sla.ServiceStandard.StatusAt;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Evaluates every open permit against its service standard. A permit's clock starts when its first
 * version reached the hub; its statuses are the kd_status values the hub reported to OSS or received
 * (trail events carrying {@code kd_status NN}).
 */
@Service
public class SlaTracker {

    private static final Pattern KD_STATUS = Pattern.compile("kd_status\\D{0,3}(\\d{2})");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SlaProperties properties;
    private final WorkingCalendar calendar;

    public SlaTracker(JdbcClient jdbc, Clock clock, SlaProperties properties, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
        this.calendar = new WorkingCalendar(ZoneId.of(properties.zone()), new HashSet<>(properties.holidays()));
        Gauge.builder("simpul.sla.overdue", () -> overdue().size())
                .description("Open permits past their service standard")
                .register(registry);
    }

    public record PermitSla(String idIzin, String nib, String kdIzin, String kdDaerah, String state,
                            Instant receivedAt, int standardDays, double elapsedWorkingDays, Instant dueAt,
                            boolean stopped, boolean overdue) {
    }

    /** Every permit not yet decided, with its evaluation, most late first. */
    public List<PermitSla> open() {
        List<Map<String, Object>> permits = jdbc.sql("""
                SELECT l.id_izin, l.nib, l.kd_daerah, l.state, l.canonical, f.first_received
                  FROM sync_ledger l
                  JOIN (SELECT id_izin, MAX(version) AS v, MIN(received_at) AS first_received
                          FROM sync_ledger GROUP BY id_izin) f
                    ON f.id_izin = l.id_izin AND f.v = l.version""").query().listOfRows();
        Map<String, List<StatusAt>> statuses = statuses();
        Instant now = clock.instant();
        List<PermitSla> out = new ArrayList<>();
        for (Map<String, Object> p : permits) {
            String idIzin = (String) p.get("id_izin");
            String kdIzin = kdIzin((String) p.get("canonical"));
            Instant received = instant(p.get("first_received"));
            int days = properties.daysFor(kdIzin);
            ServiceStandard.Evaluation e = ServiceStandard.evaluate(received,
                    statuses.getOrDefault(idIzin, List.of()), now, days, calendar);
            if (!e.decided()) {
                out.add(new PermitSla(idIzin, (String) p.get("nib"), kdIzin, (String) p.get("kd_daerah"),
                        (String) p.get("state"), received, days, Math.round(e.elapsedWorkingDays() * 100) / 100.0,
                        e.dueAt(), e.stopped(), e.overdue()));
            }
        }
        out.sort((a, b) -> Double.compare(b.elapsedWorkingDays() - b.standardDays(),
                a.elapsedWorkingDays() - a.standardDays()));
        return out;
    }

    public List<PermitSla> overdue() {
        return open().stream().filter(PermitSla::overdue).toList();
    }

    private Map<String, List<StatusAt>> statuses() {
        Map<String, List<StatusAt>> byPermit = new java.util.HashMap<>();
        jdbc.sql("SELECT id_izin, detail, at FROM trail_event WHERE detail LIKE '%kd_status%' ORDER BY at")
                .query((rs, n) -> {
                    Matcher m = KD_STATUS.matcher(String.valueOf(rs.getString("detail")));
                    if (m.find()) {
                        byPermit.computeIfAbsent(rs.getString("id_izin"), k -> new ArrayList<>())
                                .add(new StatusAt(m.group(1), rs.getTimestamp("at").toInstant()));
                    }
                    return null;
                }).list();
        return byPermit;
    }

    /** H2 returns OffsetDateTime for TIMESTAMP WITH TIME ZONE, PostgreSQL a Timestamp. */
    static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.time.ZonedDateTime z) {
            return z.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        throw new IllegalArgumentException("not a timestamp: " + value);
    }

    private static String kdIzin(String canonical) {
        if (canonical == null) {
            return null;
        }
        return Json.tree(canonical).at("/permit/kdIzin").asText(null);
    }
}
