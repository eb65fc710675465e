package id.simpul.g2g.events;

import id.simpul.g2g.G2gProperties;
import id.simpul.g2g.agency.Agencies;
import id.simpul.g2g.proof.DetachedJws;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers the outbox to webhook subscriptions, at least once and in order per subscription: POST
 * the event's exact body with its event id, the HMAC of the body under the subscription's secret
 * and the hub's detached JWS. A 2xx moves the subscription's position past the event; anything else
 * is retried with exponential back-off (or the receiver's {@code Retry-After}, if longer) and,
 * after {@code max-attempts}, the event is dead-lettered for that subscription and delivery goes on.
 * A lease on the subscription row keeps two hub instances from delivering the same subscription.
 */
@Component
public class WebhookDispatcher implements DisposableBean {

    public static final String EVENT_ID = "X-Simpul-Event-Id";
    public static final String EVENT_TYPE = "X-Simpul-Event-Type";
    public static final String ATTEMPT = "X-Simpul-Delivery-Attempt";
    public static final String SUBSCRIPTION = "X-Simpul-Subscription";

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int BATCH = 100;
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private final Subscriptions subscriptions;
    private final Outbox outbox;
    private final Agencies agencies;
    private final WebhookDeadLetters deadLetters;
    private final SecretBox secrets;
    private final DetachedJws jws;
    private final Clock clock;
    private final G2gProperties.Webhooks settings;
    private final Duration settle;
    private final WebhookHttp http;
    private final ExecutorService workers;
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    public WebhookDispatcher(Subscriptions subscriptions, Outbox outbox, Agencies agencies,
                             WebhookDeadLetters deadLetters, SecretBox secrets, DetachedJws jws, Clock clock,
                             G2gProperties properties, WebhookHttp http) {
        this.subscriptions = subscriptions;
        this.outbox = outbox;
        this.agencies = agencies;
        this.deadLetters = deadLetters;
        this.secrets = secrets;
        this.jws = jws;
        this.clock = clock;
        this.settings = properties.webhooks();
        this.settle = properties.events().settle();
        this.http = http;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(Math.max(1, settings.threads()), r -> {
            Thread t = new Thread(r, "g2g-webhook-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The outcome of one POST. */
    public record Attempt(boolean ok, Integer status, String error, Duration retryAfter) {
    }

    @Scheduled(fixedDelayString = "${simpul.g2g.webhooks.poll-interval:1s}",
            initialDelayString = "${simpul.g2g.webhooks.poll-interval:1s}")
    public void tick() {
        Instant now = clock.instant();
        for (String id : subscriptions.due(now)) {
            Optional<String> claimed = running.contains(id) ? Optional.empty() : subscriptions.claim(id, LEASE);
            if (claimed.isEmpty()) {
                continue;
            }
            String lease = claimed.get();
            running.add(id);
            workers.execute(() -> {
                try {
                    deliver(id, lease);
                } catch (RuntimeException e) {
                    // Not an answer of the receiver (those are attempts in deliver): a fault on the hub's side,
                    // such as a secret sealed under a key that changed. Backed off like an attempt, and shown on
                    // the subscription, rather than repeated at every poll with only a log line to show for it.
                    int attempts = subscriptions.find(id).map(Subscription::attempts).orElse(0) + 1;
                    subscriptions.runFailed(id, clock.instant().plus(backoff(attempts, null)),
                            "delivery run failed in the hub: " + e.getMessage());
                    log.error("webhook delivery run for subscription {} failed", id, e);
                } finally {
                    subscriptions.release(id, lease);
                    running.remove(id);
                }
            });
        }
    }

    /**
     * One delivery run: as many due events as the receiver takes, stopping at the first failure. The lease
     * is renewed before each POST: a run of slow answers can outlast one lease (100 events at up to the
     * timeout each), and a second instance must not take the subscription over mid-run and deliver the
     * same events out of order. A run whose lease was taken over stops. The lease is timed on the database's
     * clock ({@link Subscriptions#claim}); {@code lease} is the run's holder id.
     */
    void deliver(String subscriptionId, String lease) {
        Subscription subscription = subscriptions.find(subscriptionId).orElse(null);
        if (subscription == null || !Subscription.ACTIVE.equals(subscription.state())) {
            return;
        }
        Optional<Agencies.Member> member = agencies.byClientId(subscription.clientId());
        if (member.isEmpty()) {
            return; // the system or its agency was revoked or disabled: nothing leaves the hub
        }
        long position = subscription.position();
        int epoch = subscription.epoch();
        int attempts = subscription.attempts();
        List<G2gEvent> batch = outbox.after(position, settle, BATCH);
        for (G2gEvent event : batch) {
            if (!Deliverability.allowed(event, member.get(), subscription.eventTypes(), subscription.regionPrefixes())) {
                position = event.position();
                continue;
            }
            if (!subscriptions.renew(subscriptionId, lease, LEASE)) {
                log.warn("subscription {}: the lease passed to another run; this run stops before event {}",
                        subscriptionId, event.eventId());
                return;
            }
            Attempt attempt = post(subscription, event, attempts + 1);
            if (attempt.ok()) {
                position = event.position();
                attempts = 0;
                subscriptions.handled(subscriptionId, epoch, position);
                continue;
            }
            attempts++;
            if (attempts >= settings.maxAttempts()) {
                log.warn("subscription {}: event {} dead-lettered after {} attempts: {}", subscriptionId,
                        event.eventId(), attempts, attempt.error());
                deadLetters.add(subscription, event, attempts, attempt.status(), attempt.error());
                position = event.position();
                attempts = 0;
                subscriptions.handled(subscriptionId, epoch, position);
                continue;
            }
            subscriptions.handled(subscriptionId, epoch, position);
            subscriptions.failed(subscriptionId, epoch, attempts, clock.instant().plus(backoff(attempts, attempt.retryAfter())),
                    attempt.error());
            return;
        }
        subscriptions.handled(subscriptionId, epoch, position);
    }

    /**
     * POSTs one event to the subscription's URL. The SSRF guard is applied by the connection itself
     * ({@link WebhookHttp}): a URL whose host now resolves to an address the hub may not reach is not sent,
     * and the attempt fails with the guard's reason.
     */
    public Attempt post(Subscription subscription, G2gEvent event, int attempt) {
        byte[] body = event.body().getBytes(StandardCharsets.UTF_8);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("eid", event.eventId());
        claims.put("sub", subscription.id());
        claims.put("iat", clock.instant().getEpochSecond());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "Simpul-G2G/1");
        headers.put(EVENT_ID, event.eventId());
        headers.put(EVENT_TYPE, event.type());
        headers.put(ATTEMPT, String.valueOf(attempt));
        headers.put(SUBSCRIPTION, subscription.id());
        headers.put(WebhookSignature.HEADER, WebhookSignature.of(secrets.open(subscription.secretSealed()), body));
        headers.put("X-Simpul-Signature", jws.sign(body, claims));
        try {
            WebhookHttp.Answer answer = http.post(URI.create(subscription.url()), headers, body);
            int status = answer.status();
            if (status >= 200 && status < 300) {
                return new Attempt(true, status, null, null);
            }
            return new Attempt(false, status, "HTTP " + status,
                    answer.retryAfter() == null ? null : retryAfter(answer.retryAfter()));
        } catch (WebhookAddresses.Refused refused) {
            return new Attempt(false, null, refused.getMessage(), null);
        } catch (IOException e) {
            return new Attempt(false, null, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        }
    }

    /** Exponential back-off with jitter; the receiver's Retry-After when it asks for longer (up to an hour). */
    Duration backoff(int attempts, Duration retryAfter) {
        double factor = Math.pow(2, Math.max(0, attempts - 1)) * (0.9 + ThreadLocalRandom.current().nextDouble(0.2));
        long millis = Math.min(settings.maxBackoff().toMillis(), (long) (settings.initialBackoff().toMillis() * factor));
        Duration computed = Duration.ofMillis(millis);
        if (retryAfter != null && retryAfter.compareTo(computed) > 0) {
            return retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
        }
        return computed;
    }

    /** {@code Retry-After}: seconds or an HTTP date. */
    Duration retryAfter(String value) {
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(clock.instant(), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    @Override
    public void destroy() {
        workers.shutdownNow();
    }
}
