package id.simpul.reconciliation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.simpul.canonical.PermitMessage;
import id.simpul.delivery.HubStatusReports;
import id.simpul.intake.NibIntake;
import id.simpul.platform.SimpulProperties;
import id.simpul.platform.json.Json;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import id.simpul.delivery.local.LocalPermitIntake;
import id.simpul.delivery.local.LocalPermitPoller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Puts dead letters back into the normal flow, each marked as a replay so idempotency does not
 * swallow it. Where a dead letter goes depends on what it carries: a canonical permit message whose
 * version has its canonical form stored goes to the delivery queue with {@code replay=true}, whatever
 * step it failed in ("no target serves kd_daerah" fails in an intake step after the form was stored);
 * one that failed in conversion before the form was stored (matching the applicant, storing the form)
 * goes back to conversion to finish it ({@link NibIntake#RESUME}), since delivery neither matches nor
 * stores; a status report to OSS goes back to the report queue; other intake failures go back to the
 * intake queue (the raw push, or the one permit that failed to convert).
 * Delivery never registers a permit twice: a version already DELIVERED is skipped even on replay, and
 * every push carries the same idempotency key. Dead letters are claimed (WAITING to REPLAYED) before
 * anything is sent, so two operators replaying the same one send it once. Sends are batched in one JMS
 * transaction per batch (one journal sync per batch) and paced by a rate limit.
 */
@Component
public class DeadLetterReplayer {

    public static final String REPLAY = "SimpulReplay";
    static final String INTAKE_QUEUE = "simpul.intake.oss";
    static final String DELIVERY_QUEUE = "simpul.delivery.permit";
    static final String STATUS_QUEUE = HubStatusReports.QUEUE;
    static final String REPORT_STEP = "delivery-report-status";
    private static final int BATCH = 500;

    private static final Logger log = LoggerFactory.getLogger(DeadLetterReplayer.class);

    private final ConnectionFactory connectionFactory;
    private final DeadLetterStore store;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final RateLimiter limiter;

    @Autowired
    public DeadLetterReplayer(ConnectionFactory connectionFactory, DeadLetterStore store, JdbcTemplate jdbc,
                              Clock clock, SimpulProperties properties) {
        this(connectionFactory, store, jdbc, clock, properties.reconciliation().replayRate());
    }

    DeadLetterReplayer(ConnectionFactory connectionFactory, DeadLetterStore store, JdbcTemplate jdbc, Clock clock,
                       int ratePerSecond) {
        this.connectionFactory = connectionFactory;
        this.store = store;
        this.jdbc = jdbc;
        this.clock = clock;
        this.limiter = RateLimiter.of("dead-letter-replay", RateLimiterConfig.custom()
                .limitForPeriod(Math.max(ratePerSecond, 1))
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ofMinutes(10))
                .build());
    }

    /** Whether a dead letter has a queue to go back to. */
    public static boolean replayable(DeadLetter d) {
        return destination(d) != null;
    }

    /**
     * The queue a dead letter is replayed to, null when there is none; a permit mapped but never stored
     * goes back to intake instead of delivery (decided per batch, by the ledger: {@link #unconverted}).
     */
    static String destination(DeadLetter d) {
        // The step first: a delivery's dead letter needs no parse of its payload (three per replay, measured in B4).
        if (d.step().startsWith("delivery-push") || carriesPermitMessage(d)) {
            return DELIVERY_QUEUE;
        }
        if (REPORT_STEP.equals(d.step())) {
            return STATUS_QUEUE;
        }
        if (LocalPermitIntake.STEP.equals(d.step())) {
            // An office's own permit that did not map: back to its own queue once the mapping is fixed.
            return LocalPermitPoller.QUEUE;
        }
        if (LocalPermitPoller.STEP.equals(d.step())) {
            // A page that failed while being queued: the cursor did not move, so the next poll reads it again.
            return null;
        }
        return d.step().startsWith("intake-") ? INTAKE_QUEUE : null;
    }

    /** The payload is a canonical permit message: it is past the mapping. */
    public static boolean carriesPermitMessage(DeadLetter d) {
        if (d.payload() == null || !d.payload().contains(PermitMessage.SCHEMA)) {
            return false;
        }
        try {
            return PermitMessage.SCHEMA.equals(Json.tree(d.payload()).path("schema").asText(null));
        } catch (RuntimeException notJson) {
            return false;
        }
    }

    /** Replays the given WAITING dead letters; returns how many were put back into the flow. */
    public int replay(List<DeadLetter> deadLetters, String actor) {
        int replayed = 0;
        Iterator<DeadLetter> it = deadLetters.iterator();
        while (it.hasNext()) {
            List<DeadLetter> batch = new ArrayList<>(BATCH);
            while (it.hasNext() && batch.size() < BATCH) {
                DeadLetter d = it.next();
                if (DeadLetter.WAITING.equals(d.state()) && replayable(d)) {
                    batch.add(d);
                }
            }
            if (batch.isEmpty()) {
                continue;
            }
            // Claimed before sending: what another replay (a second operator, a double click) claimed first is not sent again.
            List<DeadLetter> claimed = claim(batch, actor);
            if (claimed.isEmpty()) {
                continue;
            }
            limiter.acquirePermission(Math.min(claimed.size(), limiter.getRateLimiterConfig().getLimitForPeriod()));
            try {
                reportsPending(claimed);
                send(claimed, unconverted(claimed));
            } catch (RuntimeException e) {
                store.release(claimed.stream().map(DeadLetter::id).toList());
                throw e;
            }
            replayed += claimed.size();
            trail(claimed, actor);
        }
        log.info("{} replayed {} dead letter(s)", actor, replayed);
        return replayed;
    }

    /** Pushes a ledger version to delivery again, marked as a replay (reconciliation's re-push). */
    public void repush(id.simpul.platform.ledger.LedgerEntry entry, String canonical, String actor) {
        try (Connection connection = connectionFactory.createConnection();
             Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            TextMessage message = session.createTextMessage(
                    Json.write(Json.read(canonical, PermitMessage.class).asReplay()));
            message.setBooleanProperty(REPLAY, true);
            message.setLongProperty("SimpulLedgerId", entry.id());
            session.createProducer(session.createQueue(DELIVERY_QUEUE)).send(message);
            session.commit();
        } catch (JMSException e) {
            throw new IllegalStateException("re-push could not reach the broker: " + e.getMessage(), e);
        }
        jdbc.update("INSERT INTO trail_event (ledger_id, nib, id_izin, kind, detail, at) VALUES (?, ?, ?, ?, ?, ?)",
                entry.id(), entry.nib(), entry.idIzin(), "REPUSH_REQUESTED",
                "version " + entry.version() + " pushed again by " + actor, Timestamp.from(clock.instant()));
    }

    private List<DeadLetter> claim(List<DeadLetter> batch, String actor) {
        Set<Long> claimed = new HashSet<>(store.claimForReplay(batch.stream().map(DeadLetter::id).toList(), actor));
        return batch.stream().filter(d -> claimed.contains(d.id())).toList();
    }

    /**
     * The permit version (ledger row) whose trail tells what is done with this dead letter: its own, or for a
     * report to OSS the report's. A report's dead letter has none of its own (its failure must not mark the
     * delivered version dead-lettered), and its replay or discard belongs with the report's other events.
     */
    public Optional<Long> version(DeadLetter d) {
        if (d.ledgerId() != null) {
            return Optional.of(d.ledgerId());
        }
        if (!REPORT_STEP.equals(d.step())) {
            return Optional.empty();
        }
        return jdbc.queryForList("SELECT ledger_id FROM status_report WHERE id = ?", Long.class, reportId(d)).stream()
                .findFirst();
    }

    /** The status report a dead letter of the report step carries ({@code {"reportId": n}}). */
    public static long reportId(DeadLetter d) {
        return Json.tree(d.payload()).path("reportId").asLong(-1);
    }

    /**
     * A replayed report to OSS is pending again until the report step sends it or dead-letters it anew
     * (and the poller queues a pending report again should this send be lost).
     */
    private void reportsPending(List<DeadLetter> batch) {
        Timestamp now = Timestamp.from(clock.instant());
        for (DeadLetter d : batch) {
            if (STATUS_QUEUE.equals(destination(d))) {
                jdbc.update("UPDATE status_report SET state = 'PENDING', updated_at = ? WHERE id = ? AND state = 'DEAD_LETTERED'",
                        now, reportId(d));
            }
        }
    }

    /**
     * The dead letters (ids) of permits mapped in conversion whose version has no canonical form: conversion
     * failed between the mapping and storing the form. Decided by the ledger, not the payload, which looks
     * the same before and after the form was stored.
     */
    private Set<Long> unconverted(List<DeadLetter> batch) {
        List<DeadLetter> mapped = batch.stream()
                .filter(d -> d.step().startsWith("intake-") && d.ledgerId() != null && carriesPermitMessage(d))
                .toList();
        if (mapped.isEmpty()) {
            return Set.of();
        }
        Set<Long> bare = new HashSet<>(jdbc.queryForList("SELECT id FROM sync_ledger WHERE canonical IS NULL AND id IN ("
                        + String.join(", ", Collections.nCopies(mapped.size(), "?")) + ")", Long.class,
                mapped.stream().map(DeadLetter::ledgerId).toArray()));
        return mapped.stream().filter(d -> bare.contains(d.ledgerId())).map(DeadLetter::id).collect(Collectors.toSet());
    }

    private void send(List<DeadLetter> batch, Set<Long> unconverted) {
        try (Connection connection = connectionFactory.createConnection();
             Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            Map<String, MessageProducer> producers = new HashMap<>();
            for (DeadLetter d : batch) {
                boolean resume = unconverted.contains(d.id());
                String queue = resume ? INTAKE_QUEUE : destination(d);
                TextMessage message = session.createTextMessage(resume ? d.payload() : switch (queue) {
                    case DELIVERY_QUEUE -> deliveryBody(d);
                    case INTAKE_QUEUE -> intakeBody(d);
                    default -> d.payload();
                });
                copyHeaders(d, message);
                message.setBooleanProperty(REPLAY, true);
                if (resume) {
                    message.setBooleanProperty(NibIntake.RESUME, true);
                }
                message.setLongProperty("SimpulDeadLetterId", d.id());
                if (d.ledgerId() != null) {
                    message.setLongProperty("SimpulLedgerId", d.ledgerId());
                }
                MessageProducer producer = producers.get(queue);
                if (producer == null) {
                    producer = session.createProducer(session.createQueue(queue));
                    producers.put(queue, producer);
                }
                producer.send(message);
            }
            session.commit();
        } catch (JMSException e) {
            throw new IllegalStateException("replay could not reach the broker: " + e.getMessage(), e);
        }
    }

    private static String deliveryBody(DeadLetter d) {
        return Json.write(Json.read(d.payload(), PermitMessage.class).asReplay());
    }

    /**
     * The raw push for intake failures. When one permit of a push failed to convert, the payload is
     * that permit's mapping input; it is rebuilt as a push carrying just that checklist entry, which
     * hashes to the same ledger version.
     */
    private static String intakeBody(DeadLetter d) {
        JsonNode payload = Json.tree(d.payload());
        JsonNode input = payload.path("input");
        if (!input.isObject()) {
            return d.payload();
        }
        ObjectNode data = ((ObjectNode) input.path("dataNIB")).deepCopy();
        data.putArray("data_checklist").add(input.path("checklist"));
        String root = switch (payload.path("operation").asText("receiveNIB")) {
            case "receiveNIBSTPW" -> "dataNIBSTPW";
            case "receiveNIBPSE" -> "dataNIBPSE";
            default -> "dataNIB";
        };
        ObjectNode push = JsonNodeFactory.instance.objectNode();
        push.set(root, data);
        return Json.write(push);
    }

    private static void copyHeaders(DeadLetter d, TextMessage message) throws JMSException {
        if (d.headers() == null) {
            return;
        }
        JsonNode headers = Json.tree(d.headers());
        for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> h = it.next();
            String name = h.getKey();
            if (name.startsWith("Simpul") && !name.equals("SimpulLedgerId") && !name.equals(REPLAY)
                    && !name.equals("SimpulTokenReused") && !name.equals(NibIntake.RESUME)) {
                message.setStringProperty(name, h.getValue().asText());
            }
        }
    }

    private void trail(List<DeadLetter> batch, String actor) {
        Timestamp now = Timestamp.from(clock.instant());
        // A dead letter that names no version gets an orphan event (SyncLedger#orphanEvent), the rest their version's.
        List<Object[]> attached = new ArrayList<>();
        List<Object[]> orphans = new ArrayList<>();
        for (DeadLetter d : batch) {
            String detail = "dead letter #" + d.id() + " replayed by " + actor;
            Optional<Long> version = version(d);
            if (version.isPresent()) {
                attached.add(new Object[] {version.get(), d.nib(), d.idIzin(), "REPLAY_REQUESTED", detail, now});
            } else {
                orphans.add(new Object[] {d.nib(), d.idIzin(), "REPLAY_REQUESTED", detail, now});
            }
        }
        if (!attached.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO trail_event (ledger_id, nib, id_izin, kind, detail, at) VALUES (?, ?, ?, ?, ?, ?)",
                    attached, new int[] {Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
                            Types.TIMESTAMP});
        }
        if (!orphans.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO trail_orphan (nib, id_izin, kind, detail, at) VALUES (?, ?, ?, ?, ?)",
                    orphans, new int[] {Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP});
        }
    }
}
