package id.simpul.reconciliation.console;

import id.simpul.platform.ledger.LedgerState;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Read-only queries behind the dashboard and the reconciliation report. Portable SQL (PostgreSQL and
 * H2 in PostgreSQL mode): no date functions; timestamps are bucketed in Java.
 */
@Component
public class ConsoleReadModel {

    /** At most this many rows are read for one chart; a busier day is drawn from its newest rows. */
    static final int MAX_CHART_ROWS = 200_000;

    private final JdbcClient jdbc;
    private final Clock clock;

    public ConsoleReadModel(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Ledger rows per state, every state present (zero when none). */
    public Map<String, Long> ledgerByState() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (LedgerState s : LedgerState.values()) {
            counts.put(s.name(), 0L);
        }
        jdbc.sql("SELECT state, COUNT(*) AS n FROM sync_ledger GROUP BY state")
                .query((rs, i) -> Map.entry(rs.getString("state"), rs.getLong("n")))
                .list().forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    public long deadLettersWaiting() {
        return jdbc.sql("SELECT COUNT(*) FROM dead_letter WHERE state = 'WAITING'").query(Long.class).single();
    }

    /** Waiting dead letters per error class (PERMANENT, TRANSIENT, UNEXPECTED). */
    public Map<String, Long> deadLettersWaitingByClass() {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("SELECT error_class, COUNT(*) AS n FROM dead_letter WHERE state = 'WAITING' GROUP BY error_class ORDER BY error_class")
                .query((rs, i) -> Map.entry(rs.getString("error_class"), rs.getLong("n")))
                .list().forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    /** Versions received but neither delivered nor dead-lettered for longer than {@code age}. */
    public long stuckCount(Duration age) {
        return jdbc.sql("SELECT COUNT(*) FROM sync_ledger WHERE state IN ('RECEIVED', 'RETRYING') AND received_at <= :before")
                .param("before", Timestamp.from(now().minus(age))).query(Long.class).single();
    }

    public record Stuck(long id, String nib, String idIzin, int version, String state, String targetId, int attempts,
                        String lastError, Instant receivedAt) {
    }

    public List<Stuck> stuck(Duration age, int limit) {
        return jdbc.sql("""
                SELECT id, nib, id_izin, version, state, target_id, attempts, last_error, received_at FROM sync_ledger
                 WHERE state IN ('RECEIVED', 'RETRYING') AND received_at <= :before ORDER BY received_at LIMIT :n""")
                .param("before", Timestamp.from(now().minus(age))).param("n", limit)
                .query((rs, i) -> new Stuck(rs.getLong("id"), rs.getString("nib"), rs.getString("id_izin"),
                        rs.getInt("version"), rs.getString("state"), rs.getString("target_id"), rs.getInt("attempts"),
                        rs.getString("last_error"), rs.getTimestamp("received_at").toInstant()))
                .list();
    }

    /** Per target: ledger rows by state (target_id is set once delivery started). */
    public Map<String, Map<String, Long>> ledgerByTargetAndState() {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        jdbc.sql("SELECT COALESCE(target_id, '') AS t, state, COUNT(*) AS n FROM sync_ledger GROUP BY target_id, state ORDER BY t")
                .query((rs, i) -> List.of(rs.getString("t"), rs.getString("state"), rs.getLong("n")))
                .list().forEach(r -> out.computeIfAbsent((String) r.get(0), k -> new LinkedHashMap<>())
                        .merge((String) r.get(1), (Long) r.get(2), Long::sum));
        return out;
    }

    public record TargetActivity(long deliveredSince, long deadLettersWaiting, Instant lastDelivered,
                                 Instant lastDeadLetter) {
    }

    /** What a target did since {@code since}: deliveries, waiting dead letters, the last of each. */
    public TargetActivity targetActivity(String targetId, Instant since) {
        Map<String, Object> delivered = jdbc.sql("""
                SELECT COUNT(*) AS n FROM sync_ledger
                 WHERE target_id = :t AND delivered_at >= :since""")
                .param("t", targetId).param("since", Timestamp.from(since)).query().singleRow();
        Object lastDelivered = jdbc.sql("SELECT MAX(delivered_at) AS last FROM sync_ledger WHERE target_id = :t")
                .param("t", targetId).query().singleRow().get("last");
        Map<String, Object> dead = jdbc.sql("""
                SELECT COUNT(*) AS n, MAX(created_at) AS last FROM dead_letter WHERE target_id = :t AND state = 'WAITING'""")
                .param("t", targetId).query().singleRow();
        return new TargetActivity(((Number) delivered.get("n")).longValue(),
                ((Number) dead.get("n")).longValue(), instant(lastDelivered), instant(dead.get("last")));
    }

    /** Per flow since {@code since}: versions received, delivered, and dead letters still waiting. */
    public record FlowCounts(String flow, long received, long delivered, long deadLettersWaiting) {
    }

    public List<FlowCounts> flows(Instant since) {
        Map<String, long[]> counts = new java.util.TreeMap<>();
        Timestamp from = Timestamp.from(since);
        jdbc.sql("SELECT flow, COUNT(*) AS n FROM sync_ledger WHERE received_at >= :since GROUP BY flow")
                .param("since", from).query((rs, i) -> Map.entry(rs.getString("flow"), rs.getLong("n")))
                .list().forEach(e -> counts.computeIfAbsent(e.getKey(), k -> new long[3])[0] = e.getValue());
        jdbc.sql("SELECT flow, COUNT(*) AS n FROM sync_ledger WHERE delivered_at >= :since GROUP BY flow")
                .param("since", from).query((rs, i) -> Map.entry(rs.getString("flow"), rs.getLong("n")))
                .list().forEach(e -> counts.computeIfAbsent(e.getKey(), k -> new long[3])[1] = e.getValue());
        jdbc.sql("SELECT flow, COUNT(*) AS n FROM dead_letter WHERE state = 'WAITING' GROUP BY flow")
                .query((rs, i) -> Map.entry(rs.getString("flow"), rs.getLong("n")))
                .list().forEach(e -> counts.computeIfAbsent(e.getKey(), k -> new long[3])[2] = e.getValue());
        return counts.entrySet().stream()
                .map(e -> new FlowCounts(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2])).toList();
    }

    /** Hourly counts of received, delivered and dead-lettered messages over the last {@code hours} hours. */
    public record Hourly(List<Instant> hours, long[] received, long[] delivered, long[] failed) {
    }

    public Hourly hourly(int hours) {
        Instant end = now().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        Instant start = end.minus(hours, ChronoUnit.HOURS);
        List<Instant> slots = new java.util.ArrayList<>();
        for (int h = 0; h < hours; h++) {
            slots.add(start.plus(h, ChronoUnit.HOURS));
        }
        return new Hourly(slots,
                bucketOf(times("SELECT received_at AS t FROM sync_ledger WHERE received_at >= :since ORDER BY received_at DESC", start), start, hours),
                bucketOf(times("SELECT delivered_at AS t FROM sync_ledger WHERE delivered_at >= :since ORDER BY delivered_at DESC", start), start, hours),
                bucketOf(times("SELECT created_at AS t FROM dead_letter WHERE created_at >= :since ORDER BY created_at DESC", start), start, hours));
    }

    /** Buckets of time-to-deliver (received at the hub → registered at the target) for deliveries since {@code since}. */
    public record Bucket(String label, Duration upTo, long count) {
    }

    static final List<Duration> TIME_TO_DELIVER_LIMITS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofHours(1),
            Duration.ofHours(6));
    static final List<String> TIME_TO_DELIVER_LABELS = List.of("<1s", "1–5s", "5–30s", "30s–2m", "2–10m", "10m–1h",
            "1–6h", ">6h");

    public List<Bucket> timeToDeliver(Instant since) {
        long[] counts = new long[TIME_TO_DELIVER_LABELS.size()];
        jdbc.sql("""
                SELECT received_at, delivered_at FROM sync_ledger WHERE delivered_at >= :since
                 ORDER BY delivered_at DESC LIMIT :n""")
                .param("since", Timestamp.from(since)).param("n", MAX_CHART_ROWS)
                .query((rs, i) -> Duration.between(rs.getTimestamp("received_at").toInstant(),
                        rs.getTimestamp("delivered_at").toInstant()))
                .list().forEach(d -> counts[timeToDeliverBucket(d)]++);
        List<Bucket> out = new java.util.ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            out.add(new Bucket(TIME_TO_DELIVER_LABELS.get(i),
                    i < TIME_TO_DELIVER_LIMITS.size() ? TIME_TO_DELIVER_LIMITS.get(i) : null, counts[i]));
        }
        return out;
    }

    static int timeToDeliverBucket(Duration d) {
        for (int i = 0; i < TIME_TO_DELIVER_LIMITS.size(); i++) {
            if (d.compareTo(TIME_TO_DELIVER_LIMITS.get(i)) < 0) {
                return i;
            }
        }
        return TIME_TO_DELIVER_LIMITS.size();
    }

    static long[] bucketOf(List<Instant> times, Instant start, int hours) {
        long[] counts = new long[hours];
        for (Instant t : times) {
            long h = Duration.between(start, t).toHours();
            if (!t.isBefore(start) && h < hours) {
                counts[(int) h]++;
            }
        }
        return counts;
    }

    private List<Instant> times(String sql, Instant since) {
        return jdbc.sql(sql + " LIMIT :n").param("since", Timestamp.from(since)).param("n", MAX_CHART_ROWS)
                .query((rs, i) -> rs.getTimestamp("t").toInstant()).list();
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        return null;
    }
}
