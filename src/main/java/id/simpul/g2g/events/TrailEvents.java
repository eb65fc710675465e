package id.simpul.g2g.events;

import id.simpul.g2g.G2gProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Derives permit events from the ledger's trail, so that no capability has to be changed to
 * publish them: {@code RECEIVED} → PermitReceived; {@code FINAL_SENT} (the decided permit reported
 * to OSS) → PermitIssued; delivery, recommendation and status steps → PermitStatusChanged. A cursor
 * over {@code trail_event} moves in the same transaction as the outbox rows it produced, so each
 * trail row yields its event exactly once. Rows are read only once they are {@code settle} old, and the cursor
 * stops at the first row that is not.
 */
@Component
public class TrailEvents {

    private static final List<String> STATUS_KINDS = List.of("DELIVERED", "DEAD_LETTERED", "RECOMMENDATION_APPROVED",
            "RECOMMENDATION_REJECTED", "RECOMMENDATION_MORE_INFO", "STATUS_RECORDED", "STATUS_SENT", "MANUAL_CONFIRMED");
    private static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final Cursors cursors;
    private final Outbox outbox;
    private final Clock clock;
    private final G2gProperties.Events settings;

    public TrailEvents(JdbcClient jdbc, Cursors cursors, Outbox outbox, Clock clock, G2gProperties properties) {
        this.jdbc = jdbc;
        this.cursors = cursors;
        this.outbox = outbox;
        this.clock = clock;
        this.settings = properties.events();
    }

    private record Step(long id, String kind, String detail, Timestamp at, String nib, String idIzin, String kdDaerah,
                        Integer version, String state) {
    }

    @Scheduled(fixedDelayString = "${simpul.g2g.events.poll-interval:1s}", initialDelayString = "${simpul.g2g.events.poll-interval:1s}")
    @Transactional
    public void poll() {
        long position = cursors.lock(Cursors.TRAIL);
        List<Step> steps = jdbc.sql("""
                SELECT t.id, t.kind, t.detail, t.at, t.nib, t.id_izin, l.kd_daerah, l.version, l.state
                  FROM trail_event t JOIN sync_ledger l ON l.id = t.ledger_id
                 WHERE t.id > :p ORDER BY t.id LIMIT :n""")
                .param("p", position).param("n", BATCH)
                .query((rs, n) -> new Step(rs.getLong("id"), rs.getString("kind"), rs.getString("detail"),
                        rs.getTimestamp("at"), rs.getString("nib"), rs.getString("id_izin"), rs.getString("kd_daerah"),
                        rs.getInt("version"), rs.getString("state")))
                .list();
        // Up to the first row not yet settled, not every settled row: hub instances stamp rows with their own
        // clocks, so a lower id can carry a later time, and a cursor that passed it would never come back.
        Timestamp before = Timestamp.from(clock.instant().minus(settings.settle()));
        steps = steps.stream().takeWhile(step -> !step.at().after(before)).toList();
        List<Outbox.Draft> events = new ArrayList<>(steps.size());
        for (Step step : steps) {
            eventOf(step.kind()).ifPresent(type -> events.add(new Outbox.Draft(type, step.kdDaerah(),
                    new Outbox.Subject(step.nib(), step.idIzin(), null), null, data(step))));
            position = step.id();
        }
        outbox.appendAll(events);
        cursors.move(Cursors.TRAIL, position);
    }

    static Optional<EventType> eventOf(String kind) {
        if ("RECEIVED".equals(kind)) {
            return Optional.of(EventType.PermitReceived);
        }
        if ("FINAL_SENT".equals(kind)) {
            return Optional.of(EventType.PermitIssued);
        }
        return STATUS_KINDS.contains(kind) ? Optional.of(EventType.PermitStatusChanged) : Optional.empty();
    }

    private static Map<String, Object> data(Step step) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("idIzin", step.idIzin());
        data.put("nib", step.nib());
        data.put("version", step.version());
        data.put("step", step.kind());
        data.put("ledgerState", step.state());
        data.put("at", step.at().toInstant().toString());
        return data;
    }
}
