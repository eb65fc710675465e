package id.simpul.reconciliation;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.json.Json;
import id.simpul.support.Fixtures;
import id.simpul.support.HubTestSupport;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.Map;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the broker parks on simpul.broker.dlq after its last allowed delivery is a dead letter IT staff
 * see, with its reason, and can replay; where rolling back is how work waits, the broker never parks.
 */
class ParkedMessagesTest extends HubTestSupport {

    @Autowired
    ConnectionFactory connectionFactory;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    EmbeddedActiveMQ broker;

    @Test
    void aPushTheBrokerParkedBecomesAReplayableDeadLetterThatSaysWhyAndIsDeliveredOnceWhenReplayed() throws Exception {
        String nib = "9120301238801";
        String idIzin = "I-202611210915001238801";
        String push = Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json")
                .replace("9120301234567", nib).replace("I-202611210915001234567", idIzin);

        parkAsTheBrokerDoes(push, "simpul.intake.oss", Map.of("SimpulOperation", "receiveNIB", "SimpulNib", nib,
                "SimpulKind", "NIB", "SimpulSource", "push", "SimpulReceivedAt", "2026-11-21T02:15:00Z"));

        Map<String, Object> row = await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "SELECT * FROM dead_letter WHERE nib = :nib").param("nib", nib).query().listOfRows(),
                rows -> rows.size() == 1).get(0);
        assertThat(row.get("error_class")).isEqualTo("BROKER");
        assertThat(row.get("step")).isEqualTo("intake-convert-push");
        assertThat((String) row.get("error_message"))
                .contains("the broker gave up after 50 deliveries from simpul.intake.oss");
        assertThat(meters.get("simpul.dead_letters.parked").gauge().value()).isEqualTo(1.0);
        long id = ((Number) row.get("id")).longValue();
        JsonNode shown = Json.tree(ossSender.get("/api/v1/dead-letters/" + id).body());
        assertThat(shown.path("replayable").asBoolean()).isTrue();

        assertThat(ossSender.postAsAdmin("/api/v1/dead-letters/" + id + "/replay", "").statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> Json.tree(ossSender.get("/api/v1/trail?nib=" + nib).body())
                .path("entries").path(0).path("entry").path("state").asText(), "DELIVERED"::equals);
        sicantik.wireMock().verify(1, postRequestedFor(urlPathEqualTo("/api/v1/permohonan"))
                .withRequestBody(matchingJsonPath("$.id_izin_oss", equalTo(idIzin))));
        assertThat(meters.get("simpul.dead_letters.parked").gauge().value()).isZero();
    }

    @Test
    void theQueuesWhereWorkWaitsForATargetOrOssAreRedeliveredWithoutLimitAndOthersAreParkedAfterFifty() {
        var settings = broker.getActiveMQServer().getAddressSettingsRepository();

        assertThat(settings.getMatch("simpul.delivery.permit.banyuasin").getMaxDeliveryAttempts()).isEqualTo(-1);
        assertThat(settings.getMatch("simpul.delivery.permit.palembang").getMaxDeliveryAttempts()).isEqualTo(-1);
        assertThat(settings.getMatch("simpul.delivery.status").getMaxDeliveryAttempts()).isEqualTo(-1);
        assertThat(settings.getMatch("simpul.broker.dlq").getMaxDeliveryAttempts()).isEqualTo(-1);
        assertThat(settings.getMatch("simpul.intake.oss").getMaxDeliveryAttempts()).isEqualTo(50);
        assertThat(settings.getMatch("simpul.delivery.permit").getMaxDeliveryAttempts()).isEqualTo(50);
        assertThat(settings.getMatch("simpul.intake.oss").getDeadLetterAddress().toString()).isEqualTo("simpul.broker.dlq");
    }

    /** A parked message as Artemis moves it: the original body and properties, plus where it came from. */
    private void parkAsTheBrokerDoes(String body, String queue, Map<String, String> properties) throws Exception {
        try (Connection connection = connectionFactory.createConnection();
             Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            TextMessage message = session.createTextMessage(body);
            properties.forEach((k, v) -> {
                try {
                    message.setStringProperty(k, v);
                } catch (jakarta.jms.JMSException e) {
                    throw new IllegalStateException(e);
                }
            });
            message.setStringProperty("_AMQ_ORIG_ADDRESS", queue);
            message.setStringProperty("_AMQ_ORIG_QUEUE", queue);
            session.createProducer(session.createQueue("simpul.broker.dlq")).send(message);
            session.commit();
        }
    }
}
