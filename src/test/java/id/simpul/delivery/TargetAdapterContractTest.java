package id.simpul.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.mapping.Mappings;
import id.simpul.platform.SimpulProperties;
import id.simpul.platform.SimpulProperties.Target;
import id.simpul.platform.failure.DeferredException;
import id.simpul.platform.failure.FailureKind;
import id.simpul.platform.failure.PermanentFailureException;
import id.simpul.platform.failure.RetriesExhaustedException;
import id.simpul.platform.json.Json;
import id.simpul.simulator.PermitSystemSimulator;
import id.simpul.support.Fixtures;
import id.simpul.support.TestPorts;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every target adapter passes, against its flavour's stateful simulator and under the
 * hub's {@link FailurePolicy} (4 attempts, short back-off; the circuit opens after 4 transient
 * failures in a row and lets a trial call through after 500 ms). What the policy gives up on is
 * dead-lettered at once by the route ({@code RetriesExhaustedException}, see DeliveryFailureFlowTest).
 */
abstract class TargetAdapterContractTest {

    static final String ID_IZIN = "I-202611210915001234567";
    static final int MAX_ATTEMPTS = 4;
    static final SimpulProperties.Circuit CIRCUIT = new SimpulProperties.Circuit(100f, 4, 4,
            Duration.ofMillis(500), Duration.ofMillis(200));

    @TempDir
    Path dataDir;

    protected PermitSystemSimulator simulator;
    protected Target target;
    protected TargetAdapter adapter;
    protected FailurePolicy policy;
    private final Mappings mappings = new Mappings(Path.of("mappings"));

    /** The flavour's simulator on {@code port} (not started). */
    abstract PermitSystemSimulator simulator(int port, Path dataDir);

    /** The target configuration pointing at the simulator. */
    abstract Target target(int port, SimpulProperties.Circuit circuit);

    abstract TargetAdapter adapter(TargetHttp http);

    @BeforeEach
    void startSimulator() {
        int port = TestPorts.free();
        simulator = simulator(port, dataDir);
        simulator.start();
        target = target(port, CIRCUIT);
        adapter = adapter(new TargetHttp());
        policy = new FailurePolicy(new FailurePolicy.Settings(MAX_ATTEMPTS, Duration.ofMillis(20), 2.0,
                Duration.ofMillis(100)), new SimpleMeterRegistry());
    }

    @AfterEach
    void stopSimulator() {
        simulator.stop();
    }

    @Test
    void registersThePermitAndAnswersTheTargetsNumber() {
        TargetReceipt receipt = push(request(ID_IZIN, 1));

        assertThat(receipt.targetRef()).matches("[0-9]{16}");
        assertThat(receipt.alreadyRegistered()).isFalse();
        assertThat(simulator.registrations()).isEqualTo(1);
        assertThat(simulator.permits().registrations().iterator().next().field("id_izin_oss")).isEqualTo(ID_IZIN);
        assertThat(simulator.permits().numbers()).containsExactly(receipt.targetRef());
    }

    @Test
    void aValidationErrorIsPermanentCarriesTheStatusAndIsNotRetried() {
        simulator.faults().respond(422, "jenis_izin_id tidak dikenal");

        assertThatThrownBy(() -> push(request(ID_IZIN, 1)))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("422");
        assertThat(simulator.writeRequests()).isEqualTo(1);
        assertThat(simulator.registrations()).isZero();
    }

    @Test
    void aRefusalQuotingTheApplicantsNikAndPhoneGivesAnErrorWithoutThem() {
        simulator.faults().respond(422, "NIK 1607111204780003 tidak sesuai KTP, hubungi 081277889900");

        assertThatThrownBy(() -> push(request(ID_IZIN, 1)))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("422")
                .hasMessageNotContaining("1607111204780003")
                .hasMessageNotContaining("081277889900")
                .hasMessageNotContaining("tidak sesuai");
    }

    @Test
    void aServerErrorIsRetriedWithBackOffThenGivenUpForTheDeadLetterQueue() {
        simulator.faults().respond(503, "Server sibuk");

        assertThatThrownBy(() -> push(request(ID_IZIN, 1)))
                .isInstanceOfSatisfying(RetriesExhaustedException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FailureKind.TRANSIENT);
                    assertThat(e.attempts()).isEqualTo(MAX_ATTEMPTS);
                })
                .hasMessageContaining("503")
                .hasMessageNotContaining("Server sibuk");
        assertThat(simulator.writeRequests()).isEqualTo(MAX_ATTEMPTS);
        assertThat(simulator.registrations()).isZero();
    }

    @Test
    void aConnectionResetIsRedeliveredAndTheNextAttemptRegisters() {
        simulator.faults().resetConnections(true);

        TargetReceipt receipt = push(request(ID_IZIN, 1));

        assertThat(receipt.targetRef()).matches("[0-9]{16}");
        assertThat(simulator.writeRequests()).isEqualTo(2);
        assertThat(simulator.registrations()).isEqualTo(1);
    }

    @Test
    void aDuplicatePushDoesNotCreateASecondRegistration() {
        RegistrationRequest request = request(ID_IZIN, 1);
        TargetReceipt first = push(request);

        TargetReceipt again = push(request);

        assertThat(again.targetRef()).isEqualTo(first.targetRef());
        assertThat(again.alreadyRegistered()).isTrue();
        assertThat(simulator.registrations()).isEqualTo(1);
    }

    @Test
    void aReplyLostAfterTheTargetRegisteredDoesNotCreateASecondRegistration() {
        simulator.faults().loseNextReplies(1);

        TargetReceipt receipt = push(request(ID_IZIN, 1));

        assertThat(receipt.alreadyRegistered()).isTrue();
        assertThat(simulator.registrations()).isEqualTo(1);
        assertThat(simulator.permits().numbers()).containsExactly(receipt.targetRef());
    }

    @Test
    void aNewVersionOfThePermitIsANewRegistration() {
        TargetReceipt v1 = push(request(ID_IZIN, 1));

        TargetReceipt v2 = push(request(ID_IZIN, 2));

        assertThat(v2.targetRef()).isNotEqualTo(v1.targetRef());
        assertThat(simulator.registrations()).isEqualTo(2);
    }

    @Test
    void theCircuitOpensUnderADeadTargetAndClosesAfterRecovery() {
        simulator.faults().respond(503, "Server mati");
        assertThatThrownBy(() -> push(request(ID_IZIN, 1))).isInstanceOf(RetriesExhaustedException.class);
        assertThat(policy.circuitState(target.id())).isEqualTo(CircuitBreaker.State.OPEN);

        // While open, a push waits (here at most 200 ms) without sending anything, then is deferred.
        assertThatThrownBy(() -> push(request(ID_IZIN, 1))).isInstanceOf(DeferredException.class);
        assertThat(simulator.writeRequests()).isEqualTo(MAX_ATTEMPTS);

        simulator.faults().clear();
        TargetReceipt receipt = await().atMost(Duration.ofSeconds(5)).ignoreException(DeferredException.class)
                .until(() -> push(request(ID_IZIN, 1)), r -> r != null);

        assertThat(receipt.targetRef()).matches("[0-9]{16}");
        assertThat(policy.circuitState(target.id())).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(simulator.registrations()).isEqualTo(1);
    }

    protected TargetReceipt push(RegistrationRequest request) {
        return policy.execute(target, attempt -> adapter.register(target, request));
    }

    /** The Banyuasin fixture as permit {@code idIzin}, mapped with the target's mapping file. */
    protected RegistrationRequest request(String idIzin, int version) {
        String canonical = Fixtures.text("delivery/canonical-permit-banyuasin.json").replace(ID_IZIN, idIzin);
        JsonNode body = mappings.applyFile(target.mapping(), Json.tree(canonical));
        return new RegistrationRequest(idIzin, version, RegistrationRequest.keyOf(idIzin, version), body);
    }

    /** A target as configuration binds it. */
    protected static Target target(String id, String flavour, String baseUrl, String token, String apiKey,
                                   String mapping, SimpulProperties.Circuit circuit, SimpulProperties.Splp splp) {
        return new Target(id, flavour, java.util.List.of("1607"), baseUrl, token, apiKey, mapping,
                Duration.ofSeconds(2), Duration.ofSeconds(3), 1, null, null, circuit, splp, null);
    }
}
