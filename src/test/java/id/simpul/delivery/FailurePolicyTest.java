package id.simpul.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.simpul.platform.SimpulProperties;
import id.simpul.platform.failure.DeferredException;
import id.simpul.platform.failure.FailureKind;
import id.simpul.platform.failure.PermanentFailureException;
import id.simpul.platform.failure.RetriesExhaustedException;
import id.simpul.platform.failure.TransientFailureException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;

class FailurePolicyTest {

    private final FailurePolicy policy = new FailurePolicy(
            new FailurePolicy.Settings(6, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30)), new SimpleMeterRegistry());

    @Test
    void backOffDoublesFromTheInitialDelayUpToTheMaximum() {
        assertThat(policy.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoff(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(policy.backoff(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.backoff(20)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void jitterMovesEachDelayByAtMostFifteenPercentAndNotAllAlike() {
        var delays = java.util.stream.IntStream.range(0, 200)
                .mapToObj(i -> FailurePolicy.jittered(Duration.ofSeconds(10)).toMillis()).toList();

        assertThat(delays).allSatisfy(d -> assertThat(d).isBetween(8_500L, 11_500L));
        assertThat(delays.stream().distinct().count()).isGreaterThan(50);
    }

    @Test
    void failuresAreClassifiedOnce() {
        assertThat(FailurePolicy.classify(new UncheckedIOException(new IOException("Connection reset"))).kind())
                .isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailurePolicy.classify(new IllegalStateException("bug")).kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(TargetHttp.failure("t", 422, "x").kind()).isEqualTo(FailureKind.PERMANENT);
        assertThat(TargetHttp.failure("t", 429, "x").kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(TargetHttp.failure("t", 503, "x").kind()).isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    void aBusyOrUnreachableStoreDuringAnAttemptIsTransient() {
        assertThat(FailurePolicy.classify(new CannotGetJdbcConnectionException("pool",
                new SQLTransientConnectionException("simpul - Connection is not available, request timed out")))
                .kind()).isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailurePolicy.classify(new CannotAcquireLockException("lock timeout")).kind())
                .isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailurePolicy.classify(new QueryTimeoutException("statement timeout")).kind())
                .isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailurePolicy.classify(new RecoverableDataAccessException("connection reset")).kind())
                .isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailurePolicy.classify(new DataAccessResourceFailureException("database restarting")).kind())
                .isEqualTo(FailureKind.TRANSIENT);
        assertThat(FailurePolicy.classify(new UncategorizedSQLException("startAttempt", "update sync_ledger",
                new SQLTransientConnectionException("timed out"))).kind()).isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    void aStoreErrorThatARetryCannotCureIsPermanent() {
        assertThat(FailurePolicy.classify(new DataIntegrityViolationException("duplicate key")).kind())
                .isEqualTo(FailureKind.PERMANENT);
    }

    @Test
    void aTransientFailureIsRetriedUntilTheAttemptsAreSpent() {
        FailurePolicy quick = quick(3, circuit(50f, 100, 100));
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> quick.execute("t", limits(circuit(50f, 100, 100)), attempt -> {
            calls.incrementAndGet();
            throw new TransientFailureException("HTTP 503 attempt " + attempt);
        })).isInstanceOfSatisfying(RetriesExhaustedException.class, e -> assertThat(e.attempts()).isEqualTo(3))
                .hasMessageContaining("attempt 3");
        assertThat(calls).hasValue(3);
    }

    @Test
    void aPermanentFailureIsNotRetriedAndDoesNotOpenTheCircuit() {
        FailurePolicy quick = quick(3, circuit(50f, 2, 2));
        AtomicInteger calls = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> quick.execute("t", limits(circuit(50f, 2, 2)), attempt -> {
                calls.incrementAndGet();
                throw new PermanentFailureException("HTTP 422 nama wajib diisi");
            })).isInstanceOf(PermanentFailureException.class);
        }
        assertThat(calls).hasValue(5);
        assertThat(quick.circuitState("t")).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aCallWaitingForAFullBulkheadSendsNothingAndIsDeferredAfterTheMaximumWait() throws Exception {
        FailurePolicy quick = quick(1, circuit(50f, 10, 10));
        FailurePolicy.Limits oneAtATime = new FailurePolicy.Limits(circuit(50f, 10, 10),
                new SimpulProperties.RateLimit(100, Duration.ofSeconds(1)), new SimpulProperties.Bulkhead(1));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> quick.execute("t", oneAtATime, attempt -> {
            inside.countDown();
            await(release);
            return "slow";
        }));
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
        AtomicInteger second = new AtomicInteger();

        assertThatThrownBy(() -> quick.execute("t", oneAtATime, attempt -> second.incrementAndGet()))
                .isInstanceOf(DeferredException.class).hasMessageContaining("not available");
        assertThat(second).hasValue(0);
        release.countDown();
        assertThat(slow.get(5, TimeUnit.SECONDS)).isEqualTo("slow");
        String free = quick.execute("t", oneAtATime, attempt -> "free again");
        assertThat(free).isEqualTo("free again");
    }

    @Test
    void theRateLimitSpacesCallsToATarget() {
        FailurePolicy quick = quick(1, circuit(50f, 10, 10));
        FailurePolicy.Limits twoPerHalfSecond = new FailurePolicy.Limits(
                new SimpulProperties.Circuit(50f, 10, 10, Duration.ofSeconds(1), Duration.ofSeconds(5)),
                new SimpulProperties.RateLimit(2, Duration.ofMillis(500)), new SimpulProperties.Bulkhead(4));
        long started = System.nanoTime();

        for (int i = 0; i < 5; i++) {
            quick.execute("t", twoPerHalfSecond, attempt -> "ok");
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    private static FailurePolicy quick(int attempts, SimpulProperties.Circuit circuit) {
        return new FailurePolicy(new FailurePolicy.Settings(attempts, Duration.ofMillis(5), 2.0, Duration.ofMillis(20)),
                new SimpleMeterRegistry());
    }

    private static SimpulProperties.Circuit circuit(float rate, int window, int minimum) {
        return new SimpulProperties.Circuit(rate, window, minimum, Duration.ofSeconds(1), Duration.ofMillis(300));
    }

    private static FailurePolicy.Limits limits(SimpulProperties.Circuit circuit) {
        return new FailurePolicy.Limits(circuit, new SimpulProperties.RateLimit(100, Duration.ofSeconds(1)),
                new SimpulProperties.Bulkhead(4));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
