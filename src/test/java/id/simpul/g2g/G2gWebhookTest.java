package id.simpul.g2g;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import id.simpul.g2g.events.WebhookSignature;
import id.simpul.g2g.proof.DetachedJws;
import id.simpul.platform.json.Json;
import id.simpul.support.Fixtures;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class G2gWebhookTest extends G2gTestSupport {

    private static WireMockServer receiver;
    private static String pupr;

    @Autowired
    ConnectionFactory connectionFactory;


    @BeforeAll
    static void startReceiver() {
        try {
            // An explicit, empty file root: never the project's top-level mappings/ folder.
            receiver = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
                    .usingFilesUnderDirectory(Files.createTempDirectory("g2g-webhook-").toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
    }

    @BeforeEach
    void agency() {
        if (pupr == null) {
            pupr = registerAgency("agency-dinas-pupr-banyuasin.json");
        }
        receiver.resetAll();
    }

    @Test
    void aDeliveryAnswered503IsRetriedAfterRetryAfterAndEveryAttemptCarriesAVerifiableHmac() throws Exception {
        receiver.stubFor(post(urlPathEqualTo("/hook/pupr")).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1")).willSetStateTo("up"));
        receiver.stubFor(post(urlPathEqualTo("/hook/pupr")).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200)));
        JsonNode subscription = subscribe("/hook/pupr", "[\"PermitReceived\"]", "[\"1607\"]");
        String secret = subscription.path("secret").asText();

        receiveBanyuasinPermit();

        List<LoggedRequest> attempts = await().atMost(Duration.ofSeconds(30)).until(
                () -> receiver.findAll(postRequestedFor(urlPathEqualTo("/hook/pupr"))), r -> r.size() >= 2);
        LoggedRequest first = attempts.get(0);
        LoggedRequest second = attempts.get(1);
        assertThat(second.getHeader("X-Simpul-Event-Id")).isEqualTo(first.getHeader("X-Simpul-Event-Id"));
        assertThat(first.getHeader("X-Simpul-Delivery-Attempt")).isEqualTo("1");
        assertThat(second.getHeader("X-Simpul-Delivery-Attempt")).isEqualTo("2");
        assertThat(second.getLoggedDate().getTime() - first.getLoggedDate().getTime())
                .as("Retry-After: 1 respected").isGreaterThanOrEqualTo(1000);
        for (LoggedRequest attempt : attempts) {
            assertThat(WebhookSignature.verify(secret, attempt.getBody(), attempt.getHeader(WebhookSignature.HEADER)))
                    .isTrue();
            assertThat(DetachedJws.verify(attempt.getHeader("X-Simpul-Signature"), attempt.getBody(), hubKey())).isTrue();
        }
        byte[] altered = second.getBody().clone();
        altered[altered.length - 3] ^= 0x01;
        assertThat(WebhookSignature.verify(secret, altered, second.getHeader(WebhookSignature.HEADER))).isFalse();
        JsonNode event = Json.tree(second.getBodyAsString());
        assertThat(event.path("type").asText()).isEqualTo("PermitReceived");
        assertThat(event.at("/subject/idIzin").asText()).isEqualTo(BANYUASIN_IZIN);
        assertThat(event.path("kdDaerah").asText()).isEqualTo("1607112003");
        assertThat(second.getBodyAsString()).as("events carry no personal data").doesNotContain("1607111204780003");
        await().atMost(Duration.ofSeconds(10)).until(() -> Json.tree(G2gClient.text(
                as(pupr).get("/g2g/v1/subscriptions/" + subscription.path("id").asText()))).path("attempts").asInt(),
                a -> a == 0);
        assertThat(as(pupr).delete("/g2g/v1/subscriptions/" + subscription.path("id").asText()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aReceiverThatKeepsFailingDeadLettersTheEventAndReplayFromItsIdDeliversItAgain() {
        receiver.stubFor(post(urlPathEqualTo("/hook/down")).willReturn(aResponse().withStatus(500)));
        JsonNode subscription = subscribe("/hook/down", "[\"PermitReceived\",\"PermitStatusChanged\"]", "[]");
        String id = subscription.path("id").asText();
        receiveBanyuasinPermitAs("9120301234581");

        JsonNode deadLetters = await().atMost(Duration.ofSeconds(30)).until(() -> Json.tree(G2gClient.text(
                as(pupr).get("/g2g/v1/subscriptions/" + id + "/dead-letters"))).path("items"), i -> i.size() >= 1);
        assertThat(deadLetters.get(0).path("attempts").asInt()).isEqualTo(3);
        assertThat(deadLetters.get(0).path("lastStatus").asInt()).isEqualTo(500);
        String eventId = deadLetters.get(0).path("eventId").asText();
        JsonNode staffView = Json.tree(ossSender.get("/api/v1/g2g/webhook-dead-letters").body());
        assertThat(staffView.findValuesAsText("eventId")).contains(eventId);
        assertThat(Json.tree(ossSender.get("/api/v1/g2g/webhook-dead-letters?state=all").body())
                .findValuesAsText("eventId")).contains(eventId);
        HttpResponse<String> unknownState = ossSender.get("/api/v1/g2g/webhook-dead-letters?state=LOST");
        assertThat(unknownState.statusCode()).isEqualTo(400);
        assertThat(unknownState.body()).contains("state must be one of WAITING, REDELIVERED, ALL");

        receiver.stubFor(post(urlPathEqualTo("/hook/down")).willReturn(aResponse().withStatus(204)));
        HttpResponse<byte[]> replay = as(pupr).post("/g2g/v1/subscriptions/" + id + "/replay?from=" + eventId, "");

        assertThat(replay.statusCode()).as(G2gClient.text(replay)).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.findAll(postRequestedFor(urlPathEqualTo("/hook/down")))
                .stream().filter(r -> eventId.equals(r.getHeader("X-Simpul-Event-Id"))).count(), n -> n >= 4);
        assertThat(as(pupr).post("/g2g/v1/subscriptions/" + id + "/replay?from=no-such-event", "").statusCode())
                .isEqualTo(400);
        assertThat(as(pupr).delete("/g2g/v1/subscriptions/" + id).statusCode()).isEqualTo(200);
        assertThat(as(pupr).get("/g2g/v1/subscriptions/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void aRunThatFailsInTheHubShowsOnTheSubscriptionAndBacksOffInsteadOfRepeatingEveryPoll() {
        receiver.stubFor(post(urlPathEqualTo("/hook/sealed")).willReturn(aResponse().withStatus(204)));
        JsonNode subscription = subscribe("/hook/sealed", "[\"PermitReceived\"]", "[]");
        String id = subscription.path("id").asText();
        // A secret sealed under a key the hub no longer has (the key file was replaced): it cannot sign.
        jdbc.sql("UPDATE g2g_subscription SET secret_sealed = 'v1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' WHERE id = :id")
                .param("id", id).update();
        receiveBanyuasinPermitAs("9120301234577");

        JsonNode shown = await().atMost(Duration.ofSeconds(30)).until(() -> Json.tree(G2gClient.text(
                as(pupr).get("/g2g/v1/subscriptions/" + id))), s -> s.path("attempts").asInt() >= 1);

        assertThat(shown.path("lastError").asText()).contains("failed in the hub").contains("secret key changed");
        assertThat(jdbc.sql("SELECT next_attempt_at FROM g2g_subscription WHERE id = :id").param("id", id)
                .query((rs, n) -> rs.getTimestamp(1)).list().get(0)).as("backed off").isNotNull();
        assertThat(receiver.findAll(postRequestedFor(urlPathEqualTo("/hook/sealed")))).isEmpty();
        assertThat(as(pupr).delete("/g2g/v1/subscriptions/" + id).statusCode()).isEqualTo(200);
    }

    @Test
    void aSubscriptionWithoutRegionsFollowsTheAgencysRegionsWhenAnAdminWidensOrNarrowsThem() {
        String perkim = registerAgency("agency-perkim-sumsel.json");
        receiver.stubFor(post(urlPathEqualTo("/hook/perkim")).willReturn(aResponse().withStatus(204)));
        HttpResponse<byte[]> created = as(perkim).post("/g2g/v1/subscriptions", "{\"url\":\"http://localhost:"
                + receiver.port() + "/hook/perkim\",\"eventTypes\":[\"PermitReceived\"]}");
        assertThat(created.statusCode()).as(G2gClient.text(created)).isEqualTo(201);

        changeRegions("dinas-perkim-sumsel", "[\"1607\", \"1671\"]");
        receivePalembang("9120301234610");
        await("widened: Palembang's permit reaches the subscription").atMost(Duration.ofSeconds(30))
                .until(() -> delivered("/hook/perkim"), ids -> ids.contains("I-202611210915001234610"));

        changeRegions("dinas-perkim-sumsel", "[\"1671\"]");
        String nib = "9120301234583";
        receive(Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json").replace(BANYUASIN_NIB, nib)
                .replace(BANYUASIN_IZIN, "I-202611210915001234583"), nib);
        receivePalembang("9120301234611");

        // Delivery is in outbox order: once the later Palembang permit arrived, Banyuasin's was passed over.
        List<String> ids = await().atMost(Duration.ofSeconds(30))
                .until(() -> delivered("/hook/perkim"), d -> d.contains("I-202611210915001234611"));
        assertThat(ids).as("narrowed: Banyuasin's permit no longer reaches it").doesNotContain("I-202611210915001234583");
        JsonNode subscription = Json.tree(G2gClient.text(created));
        assertThat(as(perkim).delete("/g2g/v1/subscriptions/" + subscription.path("id").asText()).statusCode())
                .isEqualTo(200);
    }

    private void changeRegions(String agencyId, String regions) {
        HttpResponse<String> changed = adminPut("/api/v1/agencies/" + agencyId, "{\"regions\":" + regions + "}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    }

    private void receivePalembang(String nib) {
        receive(Fixtures.text("g2g/receiveNIB-palembang.json").replace(PALEMBANG_NIB, nib)
                .replace(PALEMBANG_IZIN, "I-20261121091500" + nib.substring(6)), nib);
    }

    /** The idIzin of every event the receiver got at {@code path}, in order. */
    private List<String> delivered(String path) {
        return receiver.findAll(postRequestedFor(urlPathEqualTo(path))).stream()
                .map(r -> Json.tree(r.getBodyAsString()).at("/subject/idIzin").asText()).toList();
    }

    @Test
    void aSubscriptionCannotReachOutsideTheAgencysRegionsOrUsePlainHttpToUnlistedHosts() {
        assertThat(parameterOf(as(pupr).post("/g2g/v1/subscriptions",
                "{\"url\":\"https://pupr.example.id/hook\",\"eventTypes\":[\"PermitReceived\"],\"regions\":[\"1671\"]}")))
                .isEqualTo("regions");
        HttpResponse<byte[]> plain = as(pupr).post("/g2g/v1/subscriptions",
                "{\"url\":\"http://pupr.example.id/hook\",\"eventTypes\":[\"PermitReceived\"]}");
        assertThat(parameterOf(plain)).isEqualTo("url");
        assertThat(G2gClient.text(plain)).as("names the setting that lets a host take plain http")
                .contains("simpul.g2g.webhooks.http-hosts");
        assertThat(parameterOf(as(pupr).post("/g2g/v1/subscriptions",
                "{\"url\":\"https://pupr.example.id/hook\",\"eventTypes\":[\"PermitDeleted\"]}"))).isEqualTo("eventTypes");
    }

    /** SSRF: an agency must not make the hub POST into its own host or the office network. */
    @Test
    void aSubscriptionToALoopbackPrivateOrLinkLocalAddressIsRefusedUnlessItsHostIsListed() {
        for (String url : List.of("https://127.0.0.1/hook", "https://127.9.9.9:8080/actuator", "https://[::1]/hook",
                "https://169.254.169.254/latest/meta-data", "https://10.20.0.5/hook", "https://172.16.0.1/hook",
                "https://192.168.1.10/hook", "https://100.64.0.1/hook", "https://0.0.0.0/hook",
                "https://[fd00::1]/hook", "https://[fe80::1]/hook", "https://[::ffff:127.0.0.1]/hook")) {
            HttpResponse<byte[]> refused = as(pupr).post("/g2g/v1/subscriptions",
                    "{\"url\":\"" + url + "\",\"eventTypes\":[\"PermitReceived\"]}");
            assertThat(parameterOf(refused)).as(url).isEqualTo("url");
            assertThat(G2gClient.text(refused)).as(url).contains("private-hosts");
        }
        HttpResponse<byte[]> named = as(pupr).post("/g2g/v1/subscriptions",
                "{\"url\":\"https://pupr.example.id/hook\",\"eventTypes\":[\"PermitReceived\"]}");
        assertThat(named.statusCode()).as("a name the hub cannot resolve now is checked again at each delivery")
                .isEqualTo(201);
        assertThat(as(pupr).delete("/g2g/v1/subscriptions/" + Json.tree(G2gClient.text(named)).path("id").asText())
                .statusCode()).isEqualTo(200);
    }

    /** A name that pointed outside when subscribed may point inside later (DNS): each delivery checks again. */
    @Test
    void aDeliveryToAHostThatNowIsAPrivateAddressIsNotSentAndSaysWhy() {
        receiver.stubFor(post(urlPathEqualTo("/hook/rebound")).willReturn(aResponse().withStatus(204)));
        JsonNode subscription = subscribe("/hook/rebound", "[\"PermitReceived\"]", "[]");
        String id = subscription.path("id").asText();
        jdbc.sql("UPDATE g2g_subscription SET url = :url WHERE id = :id")
                .param("url", "http://127.0.0.1:" + receiver.port() + "/hook/rebound").param("id", id).update();
        receiveBanyuasinPermitAs("9120301234574");

        JsonNode deadLetters = await().atMost(Duration.ofSeconds(30)).until(() -> Json.tree(G2gClient.text(
                as(pupr).get("/g2g/v1/subscriptions/" + id + "/dead-letters"))).path("items"), i -> i.size() >= 1);

        assertThat(deadLetters.get(0).path("lastError").asText()).contains("127.0.0.1").contains("private-hosts");
        assertThat(receiver.findAll(postRequestedFor(urlPathEqualTo("/hook/rebound")))).isEmpty();
        assertThat(as(pupr).delete("/g2g/v1/subscriptions/" + id).statusCode()).isEqualTo(200);
    }

    @Test
    void agenciesInsideTheNetworkCanSelectTheirRegionOnTheArtemisTopic() throws Exception {
        try (Connection connection = connectionFactory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer banyuasin = session.createConsumer(session.createTopic("simpul.g2g.events"),
                    "kdKabupaten = '1607' AND type = 'PermitReceived'");
            connection.start();
            receiveBanyuasinPermitAs("9120301234582");

            TextMessage message = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                TextMessage next = (TextMessage) banyuasin.receive(1000);
                if (next != null && next.getText().contains("I-202611210915001234582")) {
                    message = next;
                    break;
                }
            }
            assertThat(message).isNotNull();
            assertThat(message.getStringProperty("kdDaerah")).isEqualTo("1607112003");
            assertThat(Json.tree(message.getText()).path("eventId").asText())
                    .isEqualTo(message.getStringProperty("eventId"));
        }
    }

    /** A copy of the Banyuasin permit under another NIB (and id_izin from its digits), received. */
    private void receiveBanyuasinPermitAs(String nib) {
        receive(Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json").replace(BANYUASIN_NIB, nib)
                .replace(BANYUASIN_IZIN, "I-202611210915001234" + nib.substring(nib.length() - 3)), nib);
    }

    private JsonNode subscribe(String path, String types, String regions) {
        HttpResponse<byte[]> created = as(pupr).post("/g2g/v1/subscriptions", "{\"url\":\"http://localhost:"
                + receiver.port() + path + "\",\"eventTypes\":" + types + ",\"regions\":" + regions + "}");
        assertThat(created.statusCode()).as(G2gClient.text(created)).isEqualTo(201);
        JsonNode body = Json.tree(G2gClient.text(created));
        assertThat(body.path("secret").asText()).startsWith("whsec_");
        assertThat(G2gClient.text(as(pupr).get("/g2g/v1/subscriptions"))).doesNotContain(body.path("secret").asText());
        return body;
    }

    private ECKey hubKey() throws Exception {
        return (ECKey) JWKSet.parse(G2gClient.text(as(null).get("/g2g/v1/keys"))).getKeys().get(0);
    }

    private static String parameterOf(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as(G2gClient.text(response)).isEqualTo(400);
        return Json.tree(G2gClient.text(response)).path("parameter").asText();
    }
}
