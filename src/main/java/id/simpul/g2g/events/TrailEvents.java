package id.simpul.g2g.events;

import id.simpul.g2g.G2gProperties;
import id.simpul.platform.lock.DatabaseClock;
import java.sql.Timestamp;
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
 * trail row yields its event exactly once. Rows are read only once they are {@code settle} old on the database's
 * clock ({@code stored_at}, V68), and the cursor stops at the first row that is not.
 */
@Component
public class TrailEvents {

    private static final List<String> STATUS_KINDS = List.of("DELIVERED", "DEAD_LETTERED", "RECOMMENDATION_APPROVED",
            "RECOMMENDATION_REJECTED", "RECOMMENDATION_MORE_INFO", "STATUS_RECORDED", "STATUS_SENT", "MANUAL_CONFIRMED");
    private static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final Cursors cursors;
    private final Outbox outbox;
    private final G2gProperties.Events settings;

    public TrailEvents(JdbcClient jdbc, Cursors cursors, Outbox outbox, G2gProperties properties) {
        this.jdbc = jdbc;
        this.cursors = cursors;
        this.outbox = outbox;
        this.settings = properties.events();
    }

    private record Step(long id, String kind, String detail, Timestamp at, String nib, String idIzin, String kdDaerah,
                        Integer version, String state, boolean settled) {
    }

    @Scheduled(fixedDelayString = "${simpul.g2g.events.poll-interval:1s}", initialDelayString = "${simpul.g2g.events.poll-interval:1s}")
    @Transactional
    public void poll() {
        long position = cursors.lock(Cursors.TRAIL);
        // Up to the first row not yet settled, not every settled row: a row's stamp is its transaction's start,
        // so a lower id can carry a later stamp, and a cursor that passed it would never come back.
        List<Step> steps = jdbc.sql("""
                SELECT t.id, t.kind, t.detail, t.at, t.nib, t.id_izin, l.kd_daerah, l.version, l.state,
                       CASE WHEN %s THEN 1 ELSE 0 END AS settled
                  FROM trail_event t JOIN sync_ledger l ON l.id = t.ledger_id
                 WHERE t.id > :p ORDER BY t.id LIMIT :n""".formatted(
                        DatabaseClock.atLeastOld("t.stored_at", settings.settle())))
                .param("p", position).param("n", BATCH)
                .query((rs, n) -> new Step(rs.getLong("id"), rs.getString("kind"), rs.getString("detail"),
                        rs.getTimestamp("at"), rs.getString("nib"), rs.getString("id_izin"), rs.getString("kd_daerah"),
                        rs.getInt("version"), rs.getString("state"), rs.getInt("settled") == 1))
                .list();
        steps = steps.stream().takeWhile(Step::settled).toList();
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
