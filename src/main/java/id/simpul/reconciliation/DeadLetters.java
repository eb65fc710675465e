package id.simpul.reconciliation;

import id.simpul.platform.BrokerConfig;
import id.simpul.platform.RouteSteps;
import id.simpul.platform.failure.FailureKind;
import id.simpul.platform.failure.RetriesExhaustedException;
import id.simpul.platform.failure.SyncFailureException;
import id.simpul.platform.json.Json;
import id.simpul.platform.ledger.LedgerEntry;
import id.simpul.platform.ledger.SyncLedger;
import id.simpul.platform.security.PersonalData;
import id.simpul.platform.security.StoredPayloads;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.JMSException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dead-letter queue as a first-class record (ADR 0002): a message that will not be retried
 * automatically is stored with its payload, headers, the failing step, the error and the attempts,
 * and its ledger row moves to DEAD_LETTERED, so IT staff see it and can replay it. Messages that
 * are about a permit but not its delivery (status reports to OSS) carry {@code SimpulNib},
 * {@code SimpulIdIzin}, {@code SimpulTargetId} and {@code SimpulFlow} instead of a ledger id: the
 * permit stays delivered, the report is what waits.
 */
@Component("deadLetters")
public class DeadLetters {

    /** The error class of a message the broker parked after its last allowed delivery. */
    public static final String PARKED = "BROKER";
    /** A failure no connector classified: a defect or an unforeseen exception, replayable like the others. */
    public static final String UNEXPECTED = "UNEXPECTED";
    /** Every error class a dead letter can have: the failure kinds, {@link #UNEXPECTED}, {@link #PARKED}. */
    public static final List<String> ERROR_CLASSES = List.of(FailureKind.PERMANENT.name(),
            FailureKind.TRANSIENT.name(), UNEXPECTED, PARKED);
    static final String PARKED_STEP = "broker-dlq";
    private static final String ORIGINAL_QUEUE = "_AMQ_ORIG_QUEUE";
    private static final String ORIGINAL_ADDRESS = "_AMQ_ORIG_ADDRESS";
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final JdbcClient jdbc;
    private final SyncLedger ledger;
    private final Clock clock;
    private final StoredPayloads payloads;

    public DeadLetters(JdbcClient jdbc, SyncLedger ledger, Clock clock, MeterRegistry meters, StoredPayloads payloads) {
        this.payloads = payloads;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.clock = clock;
        Gauge.builder("simpul.dead_letters.parked", this::parkedWaiting)
                .description("Waiting dead letters the broker parked on simpul.broker.dlq (alert when above 0)")
                .register(meters);
    }

    /** Called by the routes' error handling once retries are exhausted or the failure is permanent. */
    @Transactional
    public void record(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String errorClass = cause instanceof SyncFailureException f ? f.kind().name() : UNEXPECTED;
        String message = cause == null ? "unknown" : String.valueOf(cause.getMessage());
        Integer redeliveries = exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class);
        int attempts = cause instanceof RetriesExhaustedException r ? r.attempts()
                : 1 + (redeliveries == null ? 0 : redeliveries);
        String routeStep = RouteSteps.stepOf(exchange);
        write(exchange, routeStep == null ? "unknown" : routeStep, errorClass,
                cause == null ? null : cause.getClass().getName(), message, attempts);
    }

    /**
     * Called for a message the broker parked on {@code simpul.broker.dlq} after its last allowed
     * delivery (ADR 0002): it becomes a dead letter like any other, under the step of the queue it
     * came from, so IT staff see why it stopped and can replay it.
     */
    @Transactional
    public void recordParked(Exchange exchange) {
        String queue = jmsProperty(exchange, ORIGINAL_QUEUE).or(() -> jmsProperty(exchange, ORIGINAL_ADDRESS))
                .orElse("an unknown queue");
        String step = RouteSteps.stepConsuming(exchange.getContext(), queue);
        write(exchange, step == null ? PARKED_STEP : step, PARKED,
                null, "the broker gave up after " + BrokerConfig.MAX_DELIVERY_ATTEMPTS + " deliveries from " + queue
                        + " (each one rolled back; see the trail and the log for why)",
                BrokerConfig.MAX_DELIVERY_ATTEMPTS);
    }

    /**
     * The one place a dead letter is written. Its error is stored, shown to every role and logged with the NIKs,
     * phone numbers and e-mail addresses it quotes masked: a mapping's, a parser's or a database's message may
     * quote the permit's values.
     */
    private void write(Exchange exchange, String step, String errorClass, String errorType, String error,
                       int attemptsWithoutLedger) {
        String message = PersonalData.maskText(error);
        Long ledgerId = exchange.getMessage().getHeader("SimpulLedgerId", Long.class);
        Optional<LedgerEntry> entry = ledgerId == null ? Optional.empty() : ledger.find(ledgerId);
        Object body = exchange.getMessage().getBody();
        String payload = body instanceof String s ? s : Json.write(body);
        Map<String, Object> headers = new TreeMap<>();
        exchange.getMessage().getHeaders().forEach((k, v) -> {
            if (k.startsWith("Simpul") || k.startsWith("JMS")) {
                headers.put(k, String.valueOf(v));
            }
        });
        int attempts = entry.map(LedgerEntry::attempts).filter(a -> a > 0).orElse(attemptsWithoutLedger);
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                INSERT INTO dead_letter (ledger_id, flow, step, target_id, nib, id_izin, error_class, error_type,
                                         error_message, attempts, payload, headers, state, created_at, updated_at)
                VALUES (:ledgerId, :flow, :step, :target, :nib, :idIzin, :errorClass, :errorType, :message, :attempts,
                        :payload, :headers, 'WAITING', :now, :now)""")
                .param("ledgerId", ledgerId)
                .param("flow", header(exchange, "SimpulFlow").orElse(entry.map(LedgerEntry::flow).orElse(step)))
                .param("step", step)
                .param("target", entry.map(LedgerEntry::targetId).or(() -> header(exchange, "SimpulTargetId")).orElse(null))
                .param("nib", entry.map(LedgerEntry::nib).or(() -> header(exchange, "SimpulNib")).orElse(null))
                .param("idIzin", entry.map(LedgerEntry::idIzin).or(() -> header(exchange, "SimpulIdIzin")).orElse(null))
                .param("errorClass", errorClass)
                .param("errorType", errorType)
                .param("message", truncate(message, 4000))
                .param("attempts", attempts)
                .param("payload", payloads.seal(payload))
                .param("headers", Json.write(headers))
                .param("now", now)
                .update();
        entry.ifPresent(e -> ledger.deadLettered(e.id(), errorClass, message));
        log.warn("dead-lettered from {} after {} attempt(s) ({}): {}", step, attempts, errorClass, message);
    }

    /** Artemis's own properties ({@code _AMQ_…}) are read from the JMS message: Camel does not map them to headers. */
    private static Optional<String> jmsProperty(Exchange exchange, String name) {
        Optional<String> header = header(exchange, name);
        if (header.isPresent() || !(exchange.getMessage() instanceof JmsMessage jms) || jms.getJmsMessage() == null) {
            return header;
        }
        try {
            return Optional.ofNullable(jms.getJmsMessage().getStringProperty(name));
        } catch (JMSException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> header(Exchange exchange, String name) {
        return Optional.ofNullable(exchange.getMessage().getHeader(name, String.class));
    }

    /**
     * Read at every scrape, whatever waits: {@code ix_dead_letter_parked} (V77) leads with the class, so it reads the
     * parked dead letters only, not every waiting one.
     */
    static final String PARKED_WAITING = "SELECT COUNT(*) FROM dead_letter WHERE error_class = :c AND state = 'WAITING'";

    /** Waiting dead letters the broker parked: the gauge {@code simpul_dead_letters_parked} to alert on. */
    public long parkedWaiting() {
        return jdbc.sql(PARKED_WAITING).param("c", PARKED).query(Long.class).single();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
