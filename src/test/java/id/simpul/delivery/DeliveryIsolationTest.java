package id.simpul.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One target slow or down for a while does not delay another target's deliveries: each target has
 * its own queue, consumers, circuit, rate limit and bulkhead (ADR 0005). Palembang's circuit here
 * opens after 2 transient failures and tries again after 2 s; its read timeout is 1 s; a permit
 * waits at most 1 s for its circuit before it goes back to the broker.
 */
@ExtendWith(OutputCaptureExtension.class)
class DeliveryIsolationTest extends AllFlavoursTestSupport {

    /** More Palembang permits than the whole shared pool of a single delivery queue (8 consumers). */
    private static final int BACKLOG = 12;

    @Autowired
    FailurePolicy policy;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void recover() {
        palembang.faults().clear();
        banyuasin.faults().clear();
    }

    @Test
    void aSlowTargetDoesNotDelayAnotherTargetsDeliveries() {
        palembang.faults().delay(Duration.ofSeconds(3));
        List<String> slow = pushPalembang("91203055510", "I-2026112208300555100");
        await().atMost(Duration.ofSeconds(10)).until(() -> palembang.writeRequests() >= 2);

        push(permitIn("1607112003", "9120301279001", "I-202611210915279001"), "9120301279001");
        awaitState("9120301279001", "DELIVERED");

        // Isolation is what the slow queue looks like at that moment, not a wall-clock bound: Banyuasin's
        // permit went through while Palembang's backlog was still held back by its 3 s replies.
        assertThat(delivered(slow)).isLessThanOrEqualTo(2);
        assertThat(policy.circuitState("banyuasin")).isEqualTo(CircuitBreaker.State.CLOSED);

        palembang.faults().clear();
        await().atMost(Duration.ofSeconds(60)).until(() -> delivered(slow) == BACKLOG);
        // Replies that timed out after the backoffice had registered: found by the lookup, not registered twice.
        assertThat(registrations(slow)).isEqualTo(BACKLOG);
        assertThat(deadLetters(slow)).isZero();
    }

    @Test
    void aDeadTargetIsNotCalledWhileItsCircuitIsOpenAndItsPermitsWaitInsteadOfBeingDeadLettered(CapturedOutput output) {
        palembang.wireMock().resetRequests();
        palembang.faults().respond(503, "Server backoffice mati");
        List<String> waiting = pushPalembang("91203055520", "I-2026112208300555200");

        await().atMost(Duration.ofSeconds(10)).until(() -> policy.circuitState("palembang") != CircuitBreaker.State.CLOSED);
        // Waiting longer than max-wait (1 s) hands the permit back to the broker, which delivers it again later.
        await().atMost(Duration.ofSeconds(10)).until(() -> waiting.stream()
                .anyMatch(nib -> trailEntry(nib).path("events").toString().contains("DEFERRED")));
        push(permitIn("1607112003", "9120301279002", "I-202611210915279002"), "9120301279002");
        awaitState("9120301279002", "DELIVERED");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> deadLetters(waiting) == 0);

        // Without the circuit, 12 permits x 4 attempts = 48 requests and 12 dead letters by now; with it,
        // the two failures that opened it and a trial call every 2 s.
        assertThat(palembang.writeRequests()).isBetween(2, 8);
        // Which of the waiting permits made the calls that opened the circuit is up to the consumers' order.
        assertThat(waiting).anySatisfy(nib -> assertThat(trailEntry(nib).path("events").toString())
                .contains("ATTEMPT_FAILED").contains("TRANSIENT").contains("HTTP 503"));
        // Waiting is not failing: a deferral's rollback is in the trail, not a WARN with a stack trace per redelivery.
        assertThat(output.getOut()).doesNotContain("Intended rollback").doesNotContain("listener failed");

        palembang.faults().clear();

        await().atMost(Duration.ofSeconds(60)).until(() -> delivered(waiting) == BACKLOG);
        await().atMost(Duration.ofSeconds(10)).until(() -> policy.circuitState("palembang") == CircuitBreaker.State.CLOSED);
        assertThat(deadLetters(waiting)).isZero();
        assertThat(registrations(waiting)).isEqualTo(BACKLOG);
    }

    private List<String> pushPalembang(String nibPrefix, String idIzinPrefix) {
        List<String> nibs = IntStream.range(0, BACKLOG).mapToObj(i -> nibPrefix + String.format("%02d", i)).toList();
        for (int i = 0; i < BACKLOG; i++) {
            push(permitIn("1671042005", nibs.get(i), idIzinPrefix + String.format("%02d", i)), nibs.get(i));
        }
        return nibs;
    }

    private long delivered(List<String> nibs) {
        return jdbc.sql("SELECT COUNT(*) FROM sync_ledger WHERE nib IN (:nibs) AND target_id = 'palembang' AND state = 'DELIVERED'")
                .param("nibs", nibs).query(Long.class).single();
    }

    private long registrations(List<String> nibs) {
        return palembang.permits().registrations().stream().filter(p -> nibs.contains(p.field("nib"))).count();
    }

    private long deadLetters(List<String> nibs) {
        return jdbc.sql("SELECT COUNT(*) FROM dead_letter WHERE nib IN (:nibs)").param("nibs", nibs)
                .query(Long.class).single();
    }
}
