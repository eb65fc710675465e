package id.simpul.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.json.Json;
import id.simpul.support.Fixtures;
import id.simpul.support.HubProcess;
import id.simpul.support.OssSender;
import id.simpul.support.TestPorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Store before ack": once OSS has heard status 1, a power cut before processing loses nothing.
 * The first hub has no conversion route (the message stays in the intake queue), is killed with
 * SIGKILL right after the ack, and a second hub on the same data folder processes it once.
 */
class KillBetweenAckAndProcessingTest {

    private static final String NIB = "9120301238888";
    private static final String ID_IZIN = "I-202611210915008888001";

    @TempDir
    Path dataDir;

    @Test
    void aPushAcknowledgedJustBeforeAKillIsProcessedOnceAfterRestart() throws Exception {
        int sicantikPort = TestPorts.free();
        Map<String, Object> settings = HubProcess.ownHub(dataDir, sicantikPort);
        settings.put("camel.main.routes-include-pattern",
                "file:routes/intake-receive.camel.yaml,file:routes/platform-*.camel.yaml");
        Path log = Path.of("target", "kill-between-ack-and-processing.log");

        try (HubProcess first = HubProcess.start(settings, log)) {
            String body = Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json")
                    .replace("9120301234567", NIB).replace("I-202611210915001234567", ID_IZIN);
            HttpResponse<String> ack = new OssSender(first.port()).receiveNib(body, NIB);
            assertThat(ack.body()).as("ack").contains("\"status\":\"1\"");
            first.kill();
        }

        settings.remove("camel.main.routes-include-pattern");
        try (HubProcess second = HubProcess.start(settings, log)) {
            OssSender oss = new OssSender(second.port());
            JsonNode entry = await().atMost(Duration.ofSeconds(60)).until(
                    () -> Json.tree(oss.get("/api/v1/trail?nib=" + NIB).body()).path("entries").path(0).path("entry"),
                    e -> "DELIVERED".equals(e.path("state").asText()));
            assertThat(entry.path("version").asInt()).isEqualTo(1);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> registrations(sicantikPort), n -> n == 1);
        }
    }

    /** Registrations the SiCantik simulator received, from its WireMock admin API. */
    private static int registrations(int port) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/__admin/requests/count"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"method\":\"POST\",\"url\":\"/api/v1/permohonan\"}"))
                .build();
        return Json.tree(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body())
                .path("count").asInt();
    }
}
