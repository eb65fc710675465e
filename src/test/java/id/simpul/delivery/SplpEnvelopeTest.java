package id.simpul.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.mapping.Mappings;
import id.simpul.platform.SimpulProperties;
import id.simpul.platform.SimpulProperties.Target;
import id.simpul.platform.failure.PermanentFailureException;
import id.simpul.platform.json.Json;
import id.simpul.simulator.SplpSimulator;
import id.simpul.support.Fixtures;
import id.simpul.support.TestPorts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SPLP envelope: AES-256-GCM, key = SHA-256(salt), hex of IV | ciphertext | tag. */
class SplpEnvelopeTest {

    private static final String AGENCY_SALT = "dpmptsp-musi-banyuasin";

    @TempDir
    Path dataDir;

    private SplpSimulator splp;
    private int port;

    @BeforeEach
    void startSplp() {
        port = TestPorts.free();
        splp = new SplpSimulator("splp", port, dataDir, Clock.systemUTC(),
                new SimpulProperties.TargetSimulator(port, Duration.ZERO, "token", "key", AGENCY_SALT));
        splp.start();
    }

    @AfterEach
    void stopSplp() {
        splp.stop();
    }

    @Test
    void anEnvelopeMadeByAnotherImplementationDecryptsWithTheConfiguredSalt() {
        JsonNode fixture = Json.tree(Fixtures.text("delivery/splp-envelope.json"));

        String plain = new SplpEnvelope(fixture.path("salt").asText()).open(fixture.path("data").asText());

        assertThat(plain).isEqualTo(fixture.path("plaintext").asText());
    }

    @Test
    void sealedTextIsHexOfIvCiphertextAndTagAndOpensAgain() {
        SplpEnvelope envelope = new SplpEnvelope(AGENCY_SALT);
        String json = "{\"nama\":\"Nyimas Sari\"}";

        String hex = envelope.seal(json);

        assertThat(hex).matches("[0-9a-f]+").hasSize(2 * (12 + json.length() + 16));
        assertThat(envelope.open(hex)).isEqualTo(json);
        assertThat(envelope.seal(json)).as("a fresh IV each time").isNotEqualTo(hex);
    }

    @Test
    void anotherSaltCannotOpenTheEnvelope() {
        String hex = new SplpEnvelope(AGENCY_SALT).seal("{}");

        assertThatThrownBy(() -> new SplpEnvelope("another-salt").open(hex))
                .isInstanceOf(SplpEnvelope.UnreadableEnvelopeException.class)
                .hasMessageContaining("another key");
    }

    @Test
    void aWrongSaltInTheHubIsAPermanentClearlyReportedErrorAndNotRetried() {
        Target target = target("wrong-salt");

        assertThatThrownBy(() -> push(target))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("decrypt")
                .hasMessageContaining("simpul.targets[id=musi].splp.salt");
        assertThat(splp.writeRequests()).isEqualTo(1);
        assertThat(splp.registrations()).isZero();
    }

    @Test
    void aReplySealedWithAnotherKeyIsAPermanentClearlyReportedError() {
        String foreign = new SplpEnvelope("someone-else").seal("{\"success\":true,\"data\":{\"no_permohonan\":\"1\"}}");
        splp.wireMock().stubFor(post(urlPathEqualTo(SplpSimulator.BASE_PATH + "/permohonan")).atPriority(1)
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"data\":\"" + foreign + "\"}")));

        assertThatThrownBy(() -> push(target(AGENCY_SALT)))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("SPLP envelope could not be decrypted")
                .hasMessageContaining("splp.salt");
        assertThat(splp.writeRequests()).isEqualTo(1);
    }

    @Test
    void theRightSaltRegistersThroughTheGateway() {
        TargetReceipt receipt = push(target(AGENCY_SALT));

        assertThat(receipt.targetRef()).matches("[0-9]{16}");
        assertThat(splp.registrations()).isEqualTo(1);
    }

    private TargetReceipt push(Target target) {
        FailurePolicy policy = new FailurePolicy(new FailurePolicy.Settings(3, Duration.ofMillis(10), 2.0,
                Duration.ofMillis(50)), new SimpleMeterRegistry());
        JsonNode body = new Mappings(Path.of("mappings")).applyFile(target.mapping(),
                Json.tree(Fixtures.text("delivery/canonical-permit-banyuasin.json")));
        RegistrationRequest request = new RegistrationRequest("I-1", 1, RegistrationRequest.keyOf("I-1", 1), body);
        SplpClient client = new SplpClient(new TargetHttp());
        return policy.execute(target, attempt -> client.register(target, request));
    }

    private Target target(String salt) {
        return new Target("musi", "splp", List.of("1606"), "http://localhost:" + port + SplpSimulator.BASE_PATH,
                "token", "key", "targets/sicantik-cloud.jslt", Duration.ofSeconds(2), Duration.ofSeconds(3), 1,
                null, null, null, new SimpulProperties.Splp(salt), null);
    }
}
