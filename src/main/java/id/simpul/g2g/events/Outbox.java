package id.simpul.g2g.events;

import id.simpul.platform.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The G2G event outbox ({@code g2g_event}): appended by the hub, read by cursors (webhooks, topic, feed). */
@Component
public class Outbox {

    private final JdbcClient jdbc;
    private final Clock clock;

    public Outbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Who or what the event is about. */
    public record Subject(String nib, String idIzin, String applicantId) {
        public static final Subject NONE = new Subject(null, null, null);
    }

    public G2gEvent append(EventType type, String kdDaerah, Subject subject, String audience, Map<String, Object> data) {
        String eventId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("eventId", eventId);
        envelope.put("type", type.name());
        envelope.put("createdAt", now.toString());
        envelope.put("kdDaerah", kdDaerah);
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("idIzin", subject.idIzin());
        about.put("nib", subject.nib());
        about.put("applicantId", subject.applicantId());
        envelope.put("subject", about);
        envelope.put("data", data == null ? Map.of() : data);
        String body = Json.write(envelope);
        jdbc.sql("""
                INSERT INTO g2g_event (event_id, type, kd_daerah, nib, id_izin, applicant_id, audience, body, created_at)
                VALUES (:eventId, :type, :kd, :nib, :idIzin, :applicant, :audience, :body, :at)""")
                .param("eventId", eventId).param("type", type.name()).param("kd", kdDaerah)
                .param("nib", subject.nib()).param("idIzin", subject.idIzin()).param("applicant", subject.applicantId())
                .param("audience", audience).param("body", body).param("at", Timestamp.from(now)).update();
        return byEventId(eventId).orElseThrow();
    }

    /** Events after {@code position} written before {@code visibleBefore}, in order. */
    public List<G2gEvent> after(long position, Instant visibleBefore, int limit) {
        return jdbc.sql("SELECT * FROM g2g_event WHERE id > :p AND created_at <= :before ORDER BY id LIMIT :n")
                .param("p", position).param("before", Timestamp.from(visibleBefore)).param("n", limit)
                .query(Outbox::row).list();
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
