package id.simpul.reconciliation.sla;

import id.simpul.platform.ledger.SlaFacts;
import id.simpul.platform.security.StoredPayloads;
import id.simpul.platform.json.Json;
import id.simpul.reconciliation.ReportedStatuses;
import id.simpul.reconciliation.sla.ServiceStandard.StatusAt;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Evaluates every open permit against its service standard. A permit's clock starts when its first
 * version reached the hub; its statuses are the kd_status values its region reported
 * ({@link ReportedStatuses}), at the time the hub saw them.
 */
@Service
public class SlaTracker {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SlaProperties properties;
    private final WorkingCalendar calendar;
    private final ReportedStatuses reported;
    private volatile Instant gaugeAt;
    private volatile int gaugeValue;
    private final StoredPayloads payloads;
    private final JdbcTemplate batches;
    private final TransactionTemplate transactions;

    public SlaTracker(JdbcClient jdbc, Clock clock, SlaProperties properties, ReportedStatuses reported,
                      MeterRegistry registry, StoredPayloads payloads, JdbcTemplate batches,
                      PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.payloads = payloads;
        this.batches = batches;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.properties = properties;
        this.reported = reported;
        this.calendar = new WorkingCalendar(ZoneId.of(properties.zone()), new HashSet<>(properties.holidays()));
        Gauge.builder("simpul.sla.overdue", this::overdueCount)
                .description("Open permits past their service standard (at most simpul.sla.gauge-max-age old)")
                .register(registry);
    }

    /**
     * The gauge reads every open permit: computed at most once per {@code gauge-max-age}, not at every
     * scrape, so a large ledger scraped often does not cost a full evaluation each time.
     */
    int overdueCount() {
        Instant now = clock.instant();
        Instant at = gaugeAt;
        if (at == null || !now.isBefore(at.plus(properties.gaugeMaxAge()))) {
            gaugeValue = overdue().size();
            gaugeAt = now;
        }
        return gaugeValue;
    }

    public record PermitSla(String idIzin, String nib, String kdIzin, String kdDaerah, String state,
                            Instant receivedAt, int standardDays, double elapsedWorkingDays, Instant dueAt,
                            boolean stopped, boolean overdue) {
    }

    /**
     * Every permit not yet decided, with its evaluation, most late first. Decided permits (most of a
     * ledger, in time) are left out from their statuses alone: only the open ones need their kd_izin for
     * the standard, which their newest version keeps beside its form ({@link SlaFacts}).
     */
    public List<PermitSla> open() {
        Map<String, List<StatusAt>> statuses = statuses();
        Instant now = clock.instant();
        List<Map<String, Object>> permits = jdbc.sql("""
                SELECT l.id, l.id_izin, l.nib, l.kd_daerah, l.state, l.kd_izin, l.withdraws,
                       l.withdraws IS NULL AND l.canonical IS NOT NULL AS form_only, f.first_received
                  FROM sync_ledger l
                  JOIN (SELECT id_izin, MAX(version) AS v, MIN(received_at) AS first_received
                          FROM sync_ledger GROUP BY id_izin) f
                    ON f.id_izin = l.id_izin AND f.v = l.version""").query().listOfRows().stream()
                .filter(p -> !decided(statuses.getOrDefault((String) p.get("id_izin"), List.of()), now))
                .toList();
        Map<Long, SlaFacts> fromForms = factsFromForms(permits.stream()
                .filter(p -> Boolean.TRUE.equals(p.get("form_only"))).map(p -> ((Number) p.get("id")).longValue())
                .toList());
        List<PermitSla> out = new ArrayList<>();
        for (Map<String, Object> p : permits) {
            String idIzin = (String) p.get("id_izin");
            SlaFacts version = p.get("withdraws") != null
                    ? new SlaFacts((String) p.get("kd_izin"), (Boolean) p.get("withdraws"))
                    : fromForms.getOrDefault(((Number) p.get("id")).longValue(), SlaFacts.UNKNOWN);
            if (version.withdrawn()) {
                // OSS revoked or cancelled it: nothing is awaiting the region's decision any more.
                continue;
            }
            String kd = version.kdIzin();
            Instant received = instant(p.get("first_received"));
            int days = properties.daysFor(kd);
            ServiceStandard.Evaluation e = ServiceStandard.evaluate(received,
                    statuses.getOrDefault(idIzin, List.of()), now, days, calendar);
            if (!e.decided()) {
                out.add(new PermitSla(idIzin, (String) p.get("nib"), kd, (String) p.get("kd_daerah"),
                        (String) p.get("state"), received, days, Math.round(e.elapsedWorkingDays() * 100) / 100.0,
                        e.dueAt(), e.stopped(), e.overdue()));
            }
        }
        out.sort((a, b) -> Double.compare(b.elapsedWorkingDays() - b.standardDays(),
                a.elapsedWorkingDays() - a.standardDays()));
        return out;
    }

    private static boolean decided(List<StatusAt> statuses, Instant now) {
        return statuses.stream().anyMatch(s -> ServiceStandard.decides(s.kdStatus()) && !s.at().isAfter(now));
    }

    /**
     * The facts of versions whose forms were converted before the columns beside them existed (V78), read from the
     * forms in chunks (an IN list per 500). Each chunk's columns are filled in one transaction, so that a form is
     * opened once and not at every evaluation; only where they are still unknown, as a form attached again
     * meanwhile has written its own.
     */
    private Map<Long, SlaFacts> factsFromForms(List<Long> ids) {
        Map<Long, SlaFacts> out = new HashMap<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            List<Object[]> learnt = new ArrayList<>();
            jdbc.sql("SELECT id, canonical FROM sync_ledger WHERE id IN (:ids)").param("ids", chunk)
                    .query(rs -> {
                        SlaFacts facts = SlaFacts.of(Json.tree(payloads.open(rs.getString("canonical"))));
                        out.put(rs.getLong("id"), facts);
                        if (facts.storable().known()) {
                            learnt.add(new Object[] {facts.kdIzin(), facts.withdraws(), rs.getLong("id")});
                        }
                    });
            if (!learnt.isEmpty()) {
                transactions.executeWithoutResult(tx -> batches.batchUpdate(
                        "UPDATE sync_ledger SET kd_izin = ?, withdraws = ? WHERE id = ? AND withdraws IS NULL", learnt,
                        new int[] {Types.VARCHAR, Types.BOOLEAN, Types.BIGINT}));
            }
        }
        return out;
    }

    public List<PermitSla> overdue() {
        return open().stream().filter(PermitSla::overdue).toList();
    }

    private Map<String, List<StatusAt>> statuses() {
        Map<String, List<StatusAt>> byPermit = new java.util.HashMap<>();
        reported.byPermit().forEach((idIzin, list) -> byPermit.put(idIzin,
                list.stream().map(r -> new StatusAt(r.kdStatus(), r.at())).toList()));
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

}
