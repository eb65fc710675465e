package id.simpul.delivery;

import id.simpul.platform.SimpulProperties;
import id.simpul.platform.SimpulProperties.Target;
import id.simpul.platform.failure.DeferredException;
import id.simpul.platform.failure.PermanentFailureException;
import id.simpul.platform.failure.RetriesExhaustedException;
import id.simpul.platform.failure.SyncFailureException;
import id.simpul.platform.failure.TransientFailureException;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;

/**
 * The failure policy for every call the hub makes to another system (pushes and polls to targets,
 * status reports to OSS), as one component:
 * <ul>
 *   <li><b>classification</b>: {@link PermanentFailureException} (4xx validation errors, unreadable
 *       configuration) is never retried; {@link TransientFailureException} (5xx, timeouts, connection
 *       resets) is; anything else is classified here (I/O and a busy or unreachable store →
 *       transient, the rest → permanent);</li>
 *   <li><b>retries</b>: exponential back-off with ±{@value #JITTER_PERCENT} % jitter, bounded attempts
 *       ({@code 1 + simpul.delivery.max-retries}), then {@link RetriesExhaustedException} for the
 *       dead-letter queue;</li>
 *   <li><b>per-target isolation</b>: a circuit breaker that opens while a target keeps failing
 *       transiently (a waiting call is not an attempt: no request is sent), a rate limiter and a
 *       bulkhead. A call waits for them at most the circuit's {@code max-wait}; beyond that, or when
 *       the hub stops, it is {@link DeferredException deferred} back to the broker.</li>
 * </ul>
 * The circuit, rate limiter and bulkhead of a target are shared by all its callers in this hub.
 */
@Component
public class FailurePolicy {

    private static final Logger log = LoggerFactory.getLogger(FailurePolicy.class);
    static final int JITTER_PERCENT = 15;
    private static final Duration POLL_STEP = Duration.ofMillis(50);

    /** One try of the work; {@code attempt} counts from 1. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run(int attempt);
    }

    /** The retry schedule: attempts and back-off. */
    public record Settings(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {
        public static Settings of(SimpulProperties.Delivery d) {
            return new Settings(1 + d.maxRetries(), d.initialBackoff(), d.backoffMultiplier(), d.maxBackoff());
        }
    }

    /** What protects one target: its circuit breaker, rate limit and bulkhead. */
    public record Limits(SimpulProperties.Circuit circuit, SimpulProperties.RateLimit rateLimit,
                         SimpulProperties.Bulkhead bulkhead) {
        public static Limits of(Target target) {
            return new Limits(target.circuit(), target.rateLimit(), target.bulkhead());
        }

        public static Limits defaults() {
            return new Limits(new SimpulProperties.Circuit(null, null, null, null, null),
                    new SimpulProperties.RateLimit(null, null), new SimpulProperties.Bulkhead(null));
        }
    }

    private final Settings settings;
    private final MeterRegistry meters;
    private final Map<String, Guard> guards = new ConcurrentHashMap<>();
    private final CountDownLatch stopping = new CountDownLatch(1);

    @Autowired
    public FailurePolicy(SimpulProperties properties, MeterRegistry meters) {
        this(Settings.of(properties.delivery()), meters);
    }

    public FailurePolicy(Settings settings, MeterRegistry meters) {
        this.settings = settings;
        this.meters = meters;
    }

    /** Runs the work against a target under the policy (retries, circuit, rate limit, bulkhead). */
    public <T> T execute(Target target, Attempt<T> work) {
        return execute(target.id(), Limits.of(target), work);
    }

    /** Runs the work against the system named {@code key} under the policy. */
    public <T> T execute(String key, Limits limits, Attempt<T> work) {
        Guard guard = guard(key, limits);
        for (int attempt = 1; ; attempt++) {
            try {
                return guarded(guard, guard.circuit, work, attempt);
            } catch (TransientFailureException e) {
                if (attempt >= settings.maxAttempts()) {
                    throw new RetriesExhaustedException(attempt, e);
                }
                pause(jittered(backoff(attempt)), key);
            }
        }
    }

    /**
     * One guarded read without retries (a poll: the next tick is the retry). Reads have their own
     * circuit, so a broken output list does not stop deliveries, but share the target's rate limit
     * and bulkhead.
     */
    public <T> T once(Target target, Attempt<T> work) {
        Guard guard = guard(target.id(), Limits.of(target));
        return guarded(guard, guard.readCircuit, work, 1);
    }

    /** One call through the circuit, bulkhead and rate limiter; failures come out classified. */
    private <T> T guarded(Guard guard, CircuitBreaker circuit, Attempt<T> work, int attempt) {
        guard.acquire(circuit);
        long started = System.nanoTime();
        try {
            T result = work.run(attempt);
            circuit.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            return result;
        } catch (DeferredException e) {
            circuit.releasePermission();
            throw e;
        } catch (RuntimeException e) {
            SyncFailureException failure = classify(e);
            // Only transient failures count against the circuit: a 4xx means the target is up.
            circuit.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, failure);
            throw failure;
        } finally {
            guard.bulkhead.onComplete();
        }
    }

    /** The back-off before attempt {@code failedAttempts + 1}, without jitter. */
    public Duration backoff(int failedAttempts) {
        double millis = settings.initialBackoff().toMillis() * Math.pow(settings.multiplier(), failedAttempts - 1);
        return Duration.ofMillis((long) Math.min(millis, settings.maxBackoff().toMillis()));
    }

    /** The back-off moved at random by up to ±{@value #JITTER_PERCENT} %, so retries do not arrive in lockstep. */
    static Duration jittered(Duration backoff) {
        double factor = 1 + (ThreadLocalRandom.current().nextDouble(-JITTER_PERCENT, JITTER_PERCENT) / 100.0);
        return Duration.ofMillis(Math.round(backoff.toMillis() * factor));
    }

    public Settings settings() {
        return settings;
    }

    /** The circuit state of a target or system, {@code CLOSED} when it was never called. */
    public CircuitBreaker.State circuitState(String key) {
        Guard guard = guards.get(key);
        return guard == null ? CircuitBreaker.State.CLOSED : guard.circuit.getState();
    }

    /** Turns any failure into transient or permanent. */
    public static SyncFailureException classify(RuntimeException e) {
        if (e instanceof SyncFailureException sync) {
            return sync;
        }
        if (e instanceof UncheckedIOException || e.getCause() instanceof IOException || storeUnavailable(e)) {
            return new TransientFailureException(String.valueOf(e.getMessage()), e);
        }
        return new PermanentFailureException("unexpected error: " + e, e);
    }

    /**
     * The ledger is written inside each attempt, so a pool timeout, a lock timeout or a database
     * restart surfaces here; the same attempt succeeds once the store answers again, and
     * dead-lettering the permit for it would lose nothing but make IT staff replay it by hand.
     */
    private static boolean storeUnavailable(RuntimeException e) {
        if (e instanceof TransientDataAccessException || e instanceof RecoverableDataAccessException
                || e instanceof DataAccessResourceFailureException) {
            return true;
        }
        // Hikari's "Connection is not available, request timed out" is an SQLTransientConnectionException,
        // which Spring does not always translate into one of the types above.
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof SQLTransientException) {
                return true;
            }
        }
        return false;
    }

    /** The hub is stopping: waiting calls give their message back to the broker instead of sleeping on. */
    @EventListener(ContextClosedEvent.class)
    public void stop() {
        stopping.countDown();
    }

    private void pause(Duration duration, String key) {
        try {
            if (stopping.await(Math.max(0, duration.toMillis()), TimeUnit.MILLISECONDS)) {
                throw new DeferredException("the hub is stopping; work for " + key + " goes back to the broker");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeferredException("interrupted while waiting for " + key);
        }
    }

    private Guard guard(String key, Limits limits) {
        return guards.computeIfAbsent(key, k -> new Guard(k, limits));
    }

    /** The circuit breakers (writes, reads), rate limiter and bulkhead of one target. */
    private final class Guard {
        final String key;
        final Duration maxWait;
        final CircuitBreaker circuit;
        final CircuitBreaker readCircuit;
        final RateLimiter rateLimiter;
        final Bulkhead bulkhead;

        Guard(String key, Limits limits) {
            this.key = key;
            SimpulProperties.Circuit c = limits.circuit();
            this.maxWait = c.maxWait();
            CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                    .failureRateThreshold(c.failureRate())
                    .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                    .slidingWindowSize(c.window())
                    .minimumNumberOfCalls(Math.min(c.minimumCalls(), c.window()))
                    .waitDurationInOpenState(c.openFor())
                    .permittedNumberOfCallsInHalfOpenState(1)
                    .recordException(e -> e instanceof TransientFailureException)
                    .writableStackTraceEnabled(false)
                    .build();
            this.circuit = CircuitBreaker.of("target-" + key, config);
            this.readCircuit = CircuitBreaker.of("target-" + key + "-reads", config);
            this.rateLimiter = RateLimiter.of("target-" + key, RateLimiterConfig.custom()
                    .limitForPeriod(limits.rateLimit().permits())
                    .limitRefreshPeriod(limits.rateLimit().period())
                    .timeoutDuration(maxWait)
                    .build());
            this.bulkhead = Bulkhead.of("target-" + key, BulkheadConfig.custom()
                    .maxConcurrentCalls(limits.bulkhead().maxConcurrentCalls())
                    .maxWaitDuration(Duration.ZERO)
                    .build());
            circuit.getEventPublisher().onStateTransition(event ->
                    log.warn("circuit of {} {}", key, event.getStateTransition()));
            readCircuit.getEventPublisher().onStateTransition(event ->
                    log.warn("circuit of {} (reads) {}", key, event.getStateTransition()));
            if (meters != null) {
                Gauge.builder("simpul.target.circuit.open", circuit,
                                cb -> cb.getState() == CircuitBreaker.State.CLOSED ? 0 : 1)
                        .description("1 while the circuit breaker of a target is open or half-open")
                        .tag("target", key)
                        .register(meters);
            }
        }

        /**
         * Waits until the circuit lets a call through, the bulkhead has room and the rate limit a slot.
         * The caller must then report the outcome to the circuit and complete the bulkhead.
         */
        void acquire(CircuitBreaker circuit) {
            long deadline = System.nanoTime() + maxWait.toNanos();
            boolean reported = false;
            while (true) {
                if (circuit.tryAcquirePermission()) {
                    if (bulkhead.tryAcquirePermission()) {
                        long waitNanos = rateLimiter.reservePermission();
                        if (waitNanos >= 0) {
                            try {
                                if (waitNanos > 0) {
                                    pause(Duration.ofNanos(waitNanos), key);
                                }
                                return;
                            } catch (DeferredException e) {
                                bulkhead.onComplete();
                                circuit.releasePermission();
                                throw e;
                            }
                        }
                        bulkhead.onComplete();
                    }
                    circuit.releasePermission();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new DeferredException(key + " not available for " + maxWait + " (circuit "
                            + circuit.getState() + ", " + bulkhead.getMetrics().getAvailableConcurrentCalls()
                            + " free call slots); the message goes back to the broker");
                }
                if (!reported) {
                    log.debug("waiting for {} (circuit {})", key, circuit.getState());
                    reported = true;
                }
                pause(Duration.ofNanos(Math.min(left, POLL_STEP.toNanos())), key);
            }
        }
    }
}
