package id.simpul.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.canonical.PermitMessage;
import id.simpul.mapping.MappingException;
import id.simpul.mapping.Mappings;
import id.simpul.platform.SimpulProperties;
import id.simpul.platform.SimpulProperties.Target;
import id.simpul.platform.failure.DeferredException;
import id.simpul.platform.failure.PermanentFailureException;
import id.simpul.platform.failure.SyncFailureException;
import id.simpul.platform.json.Json;
import id.simpul.platform.ledger.Attempt;
import id.simpul.platform.ledger.Lease;
import id.simpul.platform.ledger.LedgerEntry;
import id.simpul.platform.ledger.LedgerState;
import id.simpul.platform.ledger.SyncLedger;
import id.simpul.platform.ledger.TrailEvent;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Pushes a canonical permit to the target that serves its region and records the outcome.
 * {@link #targetOf} and {@link #targetFor} pick the target (the route then hands the permit to that target's own queue);
 * {@link #push} maps it with the target's mapping file and registers it under the
 * {@link FailurePolicy}, or queues it for manual entry where the target accepts no writes. A version
 * already delivered, or older than one delivered, is not pushed, not even for an operator's replay; and
 * the idempotency key keeps the target from registering it twice when two messages about it are consumed
 * at once. Where
 * the target knows no key ({@link TargetAdapter#idempotentByKey()} false: its adapter looks up, then
 * creates), each attempt first takes the version's lease in the ledger; a consumer that cannot take it
 * sends nothing and defers its message to the broker, whose next delivery finds the version delivered.
 */
@Component("permitDelivery")
public class PermitDelivery {

    private static final Logger log = LoggerFactory.getLogger(PermitDelivery.class);

    private final TargetRegistry targets;
    private final Mappings mappings;
    private final SyncLedger ledger;
    private final FailurePolicy policy;
    private final ManualEntries manualEntries;
    private final Duration lease;

    public PermitDelivery(TargetRegistry targets, Mappings mappings, SyncLedger ledger, FailurePolicy policy,
                          ManualEntries manualEntries, SimpulProperties properties) {
        this.targets = targets;
        this.mappings = mappings;
        this.ledger = ledger;
        this.policy = policy;
        this.manualEntries = manualEntries;
        this.lease = properties.delivery().lease();
    }

    /** The id of the target serving the permit's region (its queue is {@code simpul.delivery.permit.<id>}). */
    public String targetOf(String canonicalJson) {
        PermitMessage message = Json.read(canonicalJson, PermitMessage.class);
        return targetFor(message.permit().kdDaerah());
    }

    /**
     * The same for a region already known: conversion reads it from the message object before storing it,
     * which spares parsing the stored JSON again (6 % of conversion's CPU in the B2 profile).
     */
    public String targetFor(@Header("SimpulKdDaerah") String kdDaerah) {
        return targets.forRegion(kdDaerah).id();
    }

    public void push(String canonicalJson, @Header("SimpulLedgerId") Long ledgerId,
                     @Header("SimpulTargetId") String targetId) {
        PermitMessage message = Json.read(canonicalJson, PermitMessage.class);
        long id = ledgerId != null ? ledgerId : ledgerIdOf(message);
        SyncLedger.ToDeliver read = ledger.toDeliver(id);
        LedgerEntry entry = read.entry();
        // Even an operator's replay never registers a delivered version a second time.
        if (entry.state() == LedgerState.DELIVERED) {
            ledger.event(entry, message.replay() ? "REPLAY_SKIPPED" : "DUPLICATE_IGNORED",
                    "already delivered as " + entry.targetRef());
            log.info("id_izin={} v{} already delivered as {}; not pushed again", entry.idIzin(), entry.version(),
                    entry.targetRef());
            return;
        }
        // Each version registers anew at the region: an older one after a newer one would make the outdated
        // content the region's latest, as a second registration of the permit.
        if (read.newerDelivered() > 0) {
            superseded(entry, read.newerDelivered(), message.replay());
            return;
        }
        Target target = targetId != null ? targets.get(targetId) : targets.forRegion(message.permit().kdDaerah());
        TargetAdapter adapter = targets.adapterOf(target);
        JsonNode body = map(target, canonicalJson);
        if (!adapter.acceptsWrites()) {
            manualEntries.queue(entry, target, body);
            return;
        }
        RegistrationRequest request = new RegistrationRequest(entry.idIzin(), entry.version(),
                RegistrationRequest.keyOf(entry.idIzin(), entry.version()), body);
        Registered registered;
        try {
            registered = policy.execute(target, attempt -> {
                // A newer version may have gone through while this one waited for its retry.
                int newer = attempt > 1 ? ledger.newerDelivered(id) : 0;
                return newer > 0 ? Registered.superseded(newer) : attempt(entry, target, adapter, request);
            });
        } catch (DeferredException e) {
            deferred(id, e);
            throw e;
        }
        if (registered.supersededBy() > 0) {
            superseded(entry, registered.supersededBy(), message.replay());
            return;
        }
        TargetReceipt receipt = registered.receipt();
        ledger.delivered(entry, receipt.targetRef(), registered.attempt());
        if (receipt.alreadyRegistered()) {
            ledger.event(entry, "ALREADY_REGISTERED", target.id() + " already held it as "
                    + receipt.targetRef() + " (key " + request.idempotencyKey() + "): no second registration");
        }
        log.info("id_izin={} v{} delivered to {} as {}", entry.idIzin(), entry.version(), target.id(),
                receipt.targetRef());
    }

    /**
     * What a successful attempt leaves: the target's receipt, and the attempt (with the lease it ran under, if
     * any); or, for a retry that found a newer version delivered since the first attempt, that version and nothing
     * sent.
     */
    private record Registered(TargetReceipt receipt, Attempt attempt, int supersededBy) {
        Registered(TargetReceipt receipt, Attempt attempt) {
            this(receipt, attempt, 0);
        }

        static Registered superseded(int newerVersion) {
            return new Registered(null, null, newerVersion);
        }
    }

    private void superseded(LedgerEntry entry, int newerVersion, boolean replay) {
        ledger.event(entry, replay ? "REPLAY_SKIPPED" : "SUPERSEDED", "version " + newerVersion
                + " was delivered; version " + entry.version() + " is not pushed after it");
        log.info("id_izin={} v{} superseded by v{}, already delivered; not pushed", entry.idIzin(), entry.version(),
                newerVersion);
    }

    /**
     * One attempt. Where the target takes an idempotency key, nothing is written before the request: the attempt
     * is counted with its outcome ({@link Attempt}). Where it knows none, the attempt starts by taking the version's
     * lease (in the statement that counts the attempt); if another attempt holds it, or the version was
     * delivered meanwhile, nothing is sent and the message is deferred. A failed attempt gives its lease
     * back at once when the target said what it did (an answer with a status) or never got the request;
     * when no answer came after the request may have arrived (a read timeout, a reset), the target may still
     * be creating the permit, so the lease is kept until it lapses and no look-up can run before that.
     * A successful attempt keeps its lease until {@link SyncLedger#delivered} ends it with the row.
     */
    private Registered attempt(LedgerEntry entry, Target target, TargetAdapter adapter, RegistrationRequest request) {
        Attempt started = adapter.idempotentByKey() ? Attempt.keyed(entry.id(), target.id())
                : ledger.startLeasedAttempt(entry.id(), target.id(), lease).map(l -> Attempt.leased(l, target.id()))
                        .orElseThrow(() -> leaseTaken(entry, target));
        Lease held = started.lease();
        try {
            return new Registered(adapter.register(target, request), started);
        } catch (RuntimeException e) {
            SyncFailureException failure = FailurePolicy.classify(e);
            try {
                LedgerEntry attempting = ledger.attemptFailed(started, failure.kind().name(), failure.getMessage());
                log.warn("id_izin={} v{} attempt {} to {} failed ({}): {}", attempting.idIzin(),
                        attempting.version(), attempting.attempts(), target.id(), failure.kind(), failure.getMessage());
            } finally {
                if (held != null && !outcomeUnknown(failure)) {
                    ledger.release(held);
                } else if (held != null) {
                    log.warn("id_izin={} v{}: no answer from {} after the request may have arrived; the delivery "
                            + "lease is kept until it lapses ({} after the attempt started, on the database's clock) so "
                            + "that no look-up runs while it may still be creating the permit",
                            entry.idIzin(), entry.version(), target.id(), held.length());
                }
            }
            throw failure;
        }
    }

    /**
     * The version's lease is held: another consumer, in this hub or another, is registering it right now,
     * or an earlier attempt got no answer and the target may still be creating it (or it was delivered).
     */
    private DeferredException leaseTaken(LedgerEntry entry, Target target) {
        boolean delivered = ledger.get(entry.id()).state() == LedgerState.DELIVERED;
        return new DeferredException("id_izin " + entry.idIzin() + " v" + entry.version() + (delivered
                ? " was delivered meanwhile by another consumer"
                : " is held by the delivery lease at " + target.id() + " (another consumer is registering it, or an "
                + "earlier attempt got no answer)") + "; this copy goes back to the broker");
    }

    /**
     * Whether the target may have acted on a request that failed: no answer came although the request may
     * have reached it. An answer with a status says what the target did; a refused connection or a connect
     * timeout means the request never left.
     */
    static boolean outcomeUnknown(SyncFailureException failure) {
        Throwable cause = failure.getCause();
        if (cause == null || cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException) {
            return false;
        }
        return cause instanceof TimeoutException || cause instanceof IOException;
    }

    /** Tells the trail once per wait (not at every broker redelivery) that the permit is back in the queue. */
    private void deferred(long id, DeferredException e) {
        List<TrailEvent> events = ledger.events(id);
        if (events.isEmpty() || !"DEFERRED".equals(events.get(events.size() - 1).kind())) {
            ledger.event(ledger.get(id), "DEFERRED", e.getMessage());
        }
        log.info("ledger {}: {}", id, e.getMessage());
    }

    private JsonNode map(Target target, String canonicalJson) {
        try {
            return mappings.applyFile(target.mapping(), Json.tree(canonicalJson));
        } catch (MappingException e) {
            throw new PermanentFailureException(e.getMessage(), e);
        }
    }

    private long ledgerIdOf(PermitMessage message) {
        return ledger.findByHash(message.source().idIzin(), message.source().contentHash())
                .map(LedgerEntry::id)
                .orElseThrow(() -> new PermanentFailureException("no ledger row for id_izin "
                        + message.source().idIzin() + " v" + message.source().version()));
    }
}
