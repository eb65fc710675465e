package id.simpul.g2g.events;

import id.simpul.platform.region.Regions;
import id.simpul.platform.json.Json;
import id.simpul.platform.lock.DatabaseClock;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The G2G event outbox ({@code g2g_event}): appended by the hub, read by cursors (webhooks, topic, feed). */
@Component
public class Outbox {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final Clock clock;

    public Outbox(JdbcClient jdbc, JdbcTemplate batch, Clock clock) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.clock = clock;
    }

    /** Who or what the event is about. */
    public record Subject(String nib, String idIzin, String applicantId) {
        public static final Subject NONE = new Subject(null, null, null);
    }

    /** An event to append: what {@link #append} takes, for {@link #appendAll}. */
    public record Draft(EventType type, String kdDaerah, Subject subject, String audience, Map<String, Object> data) {
    }

    private static final String INSERT = """
            INSERT INTO g2g_event (event_id, type, kd_daerah, nib, id_izin, applicant_id, audience, body, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** Appends one event and returns it as stored (with its position). */
    public G2gEvent append(EventType type, String kdDaerah, Subject subject, String audience, Map<String, Object> data) {
        Object[] row = row(new Draft(type, kdDaerah, subject, audience, data), clock.instant());
        batch.update(INSERT, row);
        return byEventId((String) row[0]).orElseThrow();
    }

    /**
     * Appends events in one JDBC batch, in order, without reading them back: the trail relay derives two or
     * more per permit, and one statement each plus a read-back was half of what the G2G feed cost per permit.
     */
    public void appendAll(List<Draft> drafts) {
        if (drafts.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        batch.batchUpdate(INSERT, drafts.stream().map(d -> row(d, now)).toList());
    }

    private static Object[] row(Draft d, Instant now) {
        String eventId = UUID.randomUUID().toString();
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("eventId", eventId);
        envelope.put("type", d.type().name());
        envelope.put("createdAt", now.toString());
        envelope.put("kdDaerah", d.kdDaerah());
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("idIzin", d.subject().idIzin());
        about.put("nib", d.subject().nib());
        about.put("applicantId", d.subject().applicantId());
        envelope.put("subject", about);
        envelope.put("data", d.data() == null ? Map.of() : d.data());
        return new Object[] {eventId, d.type().name(), d.kdDaerah(), d.subject().nib(), d.subject().idIzin(),
                d.subject().applicantId(), d.audience(), Json.write(envelope), Timestamp.from(now)};
    }

    /** Events after {@code position} that have settled, in order ({@link #settledPrefix}). */
    public List<G2gEvent> after(long position, Duration settle, int limit) {
        return settledPrefix(jdbc.sql("SELECT e.*, " + settledColumn(settle)
                        + " FROM g2g_event e WHERE e.id > :p ORDER BY e.id LIMIT :n")
                .param("p", position).param("n", limit).query(Outbox::settling).list());
    }

    /**
     * The first {@code limit} events after {@code position} that have settled ({@link #settledPrefix}) and that an
     * agency may receive: of {@code types}, for everyone or for {@code agencyId}, of no region or of one of
     * {@code regionPrefixes} ({@link Deliverability}'s rule, in the query: a page is full when enough such events
     * exist, and other regions' rows are not read out).
     */
    public List<G2gEvent> visibleAfter(long position, Duration settle, List<String> types, String agencyId,
                                       List<String> regionPrefixes, int limit) {
        if (types.isEmpty()) {
            return List.of();
        }
        Map<String, Object> params = new LinkedHashMap<>();
        String regions = Regions.sqlClause("e.kd_daerah", regionPrefixes, "region", params);
        return settledPrefix(jdbc.sql("""
                SELECT e.*, %s FROM g2g_event e WHERE e.id > :p AND e.type IN (:types)
                   AND (e.audience IS NULL OR e.audience = :agency) AND (e.kd_daerah IS NULL OR %s)
                 ORDER BY e.id LIMIT :n""".formatted(settledColumn(settle), regions))
                .params(params).param("p", position)
                .param("types", types).param("agency", agencyId).param("n", limit).query(Outbox::settling).list());
    }

    /** An event read with whether it has settled, on the database's clock (V68: {@code stored_at}). */
    private record Settling(G2gEvent event, boolean settled) {
    }

    private static String settledColumn(Duration settle) {
        return "CASE WHEN " + DatabaseClock.atLeastOld("e.stored_at", settle) + " THEN 1 ELSE 0 END AS settled";
    }

    /**
     * The events up to the first one not yet settled, not every settled one: a row's stamp is its transaction's
     * start, so a lower position can carry a later stamp, and a cursor that moved past it would never deliver it.
     */
    private static List<G2gEvent> settledPrefix(List<Settling> events) {
        return events.stream().takeWhile(Settling::settled).map(Settling::event).toList();
    }

    private static Settling settling(ResultSet rs, int n) throws SQLException {
        return new Settling(row(rs, n), rs.getInt("settled") == 1);
    }

    public Optional<G2gEvent> byEventId(String eventId) {
        return jdbc.sql("SELECT * FROM g2g_event WHERE event_id = :e").param("e", eventId).query(Outbox::row).optional();
    }

    public Optional<G2gEvent> at(long position) {
        return jdbc.sql("SELECT * FROM g2g_event WHERE id = :p").param("p", position).query(Outbox::row).optional();
    }

    /** The newest position (0 when empty): where a new subscription starts. */
    public long head() {
        return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM g2g_event").query(Long.class).single();
    }

    private static G2gEvent row(ResultSet rs, int n) throws SQLException {
        return new G2gEvent(rs.getLong("id"), rs.getString("event_id"), rs.getString("type"), rs.getString("kd_daerah"),
                rs.getString("nib"), rs.getString("id_izin"), rs.getString("applicant_id"), rs.getString("audience"),
                rs.getString("body"), rs.getTimestamp("created_at").toInstant());
    }
}
