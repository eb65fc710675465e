package id.simpul.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.json.Json;
import id.simpul.simulator.SimulatorServer;
import id.simpul.support.Fixtures;
import id.simpul.support.HubLives;
import id.simpul.support.OssSender;
import id.simpul.support.TestPorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** Messages waiting in the broker survive a stop of the hub and are delivered exactly once after it. */
class RestartRedeliveryTest {

    private static final String NIB = "9120301239999";
    private static final String ID_IZIN = "I-202611210915009999001";

    @TempDir
    Path dataDir;

    @Test
    void aPermitWaitingInTheQueueWhenTheHubStopsIsDeliveredExactlyOnceAfterRestart() {
        int port = TestPorts.free();
        Map<String, Object> props = HubLives.settings(dataDir, port);

        // First life: the delivery route is not loaded, so the converted permit waits in simpul.delivery.permit.
        props.put("camel.main.routes-include-pattern",
                "file:routes/intake-*.camel.yaml,file:routes/platform-*.camel.yaml");
        try (ConfigurableApplicationContext first = HubLives.start(props)) {
            OssSender oss = new OssSender(port);
            String body = Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json")
                    .replace("9120301234567", NIB).replace("I-202611210915001234567", ID_IZIN);
            assertThat(oss.receiveNib(body, NIB).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> trailEntry(oss).path("state").asText(),
                    "RECEIVED"::equals);
            first.getBean("sicantikSimulator", SimulatorServer.class).wireMock()
                    .verify(0, postRequestedFor(urlPathEqualTo("/api/v1/permohonan")));
        }

        // Second life, same data folder, every route: the waiting permit is delivered once.
        props.remove("camel.main.routes-include-pattern");
        try (ConfigurableApplicationContext second = HubLives.start(props)) {
            OssSender oss = new OssSender(port);
            JsonNode entry = await().atMost(Duration.ofSeconds(30)).until(() -> trailEntry(oss),
                    e -> "DELIVERED".equals(e.path("state").asText()));
            assertThat(entry.path("attempts").asInt()).isEqualTo(1);
            var sicantik = second.getBean("sicantikSimulator", SimulatorServer.class).wireMock();
            // Exactly once: still one registration after the consumers had time to see any duplicate.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    sicantik.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/permohonan"))
                            .withRequestBody(matchingJsonPath("$.id_izin_oss", equalTo(ID_IZIN)))));
        }
    }

    private static JsonNode trailEntry(OssSender oss) {
        return Json.tree(oss.get("/api/v1/trail?nib=" + NIB).body()).path("entries").path(0).path("entry");
    }
}
