package id.simpul.g2g.events;

import id.simpul.applicant.MergeEvent;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * How the hub tells agencies that something happened: appends to the outbox, from which webhooks,
 * the Artemis topic and the event feed read. Call it inside the transaction that made the change,
 * so the event exists exactly when the change does. Payloads carry ids and codes, never personal
 * data: agencies fetch details through the query API, where scopes and the audit log apply.
 */
@Component
public class EventPublisher {

    private final Outbox outbox;
    private final JdbcClient jdbc;
    private final Clock clock;

    public EventPublisher(Outbox outbox, JdbcClient jdbc, Clock clock) {
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Publishes {@code type} for region {@code kdDaerah}; {@code idIzin}, {@code nib} and
     * {@code applicantId} in the payload become the event's subject.
     */
    public G2gEvent publish(String type, String kdDaerah, Map<String, Object> payload) {
        EventType known = EventType.of(type).orElseThrow(() -> new IllegalArgumentException(
                "unknown G2G event type " + type + "; known: " + EventType.names()));
        Map<String, Object> data = payload == null ? Map.of() : payload;
        return outbox.append(known, kdDaerah, new Outbox.Subject(text(data.get("nib")), text(data.get("idIzin")),
                text(data.get("applicantId"))), null, data);
    }

    /** An event only one agency may receive (a recommendation request). */
    public G2gEvent publishTo(String agencyId, EventType type, String kdDaerah, Outbox.Subject subject,
                              Map<String, Object> data) {
        return outbox.append(type, kdDaerah, subject, agencyId, data);
    }

    /**
     * Two applicant masters became one ({@link ApplicantEvents} calls this for each merge the
     * registry stored): the retired id answers with the survivor from now on, and agencies hear
     * {@code ApplicantMerged}. The event has no region, so every agency holding {@code applicants:read}
     * receives it: it carries the two ids and the coded cause only, never the registry's free-text
     * reason (that names a source record's NIB, or the member of staff who decided).
     */
    @Transactional
    public G2gEvent applicantMerged(String survivorId, String retiredId, MergeEvent.Cause cause) {
        Timestamp now = Timestamp.from(clock.instant());
        // Update first: "insert, and update when the key exists" cannot work on PostgreSQL, where the failed
        // insert aborts the transaction. Were two merges of one retired id to race, the later insert fails and
        // its transaction rolls back whole, alias and event together.
        int updated = jdbc.sql("UPDATE g2g_applicant_alias SET survivor_id = :s, merged_at = :at WHERE retired_id = :r")
                .param("r", retiredId).param("s", survivorId).param("at", now).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO g2g_applicant_alias (retired_id, survivor_id, merged_at) VALUES (:r, :s, :at)")
                    .param("r", retiredId).param("s", survivorId).param("at", now).update();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("survivorId", survivorId);
        data.put("retiredId", retiredId);
        data.put("reason", cause.name());
        return outbox.append(EventType.ApplicantMerged, null, new Outbox.Subject(null, null, survivorId), null, data);
    }

    /**
     * Records of {@code originalId} became the new master {@code newId} (a person decided: a wrong merge or link).
     * Like {@code ApplicantMerged}, the event has no region and carries ids and a code only, never the records
     * moved (their names hold a NIB) nor who decided.
     */
    @Transactional
    public G2gEvent applicantSplit(String originalId, String newId, Instant splitAt) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("originalId", originalId);
        data.put("newId", newId);
        data.put("splitAt", splitAt.toString());
        data.put("reason", "STAFF_DECISION");
        return outbox.append(EventType.ApplicantSplit, null, new Outbox.Subject(null, null, newId), null, data);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
