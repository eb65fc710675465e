package id.simpul.delivery;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docker stop} / {@code systemctl stop} (SIGTERM) while a delivery is in flight: the hub waits for it
 * (Camel's and Spring's graceful shutdown) and records it on the embedded store before it exits, so nothing
 * goes to the region again after the restart. The store closes with the pool ({@code DB_CLOSE_ON_EXIT=FALSE}),
 * not from H2's own JVM shutdown hook: the delivery that finishes seconds after SIGTERM is still written, and
 * no scheduler meets a closing store (it once logged "The database is open in exclusive mode" here).
 */
class GracefulStopTest {

    private static final String NIB = "9120301237777";
    private static final String ID_IZIN = "I-202611210915007777001";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    void aDeliveryInFlightAtSigtermIsRecordedBeforeTheHubExitsAndNotSentAgainAfterRestart() throws Exception {
        int sicantikPort = TestPorts.free();
        Map<String, Object> settings = HubProcess.ownHub(dataDir, sicantikPort);
        Path log = Path.of("target", "graceful-stop.log");

        try (HubProcess hub = HubProcess.start(settings, log)) {
            // The region's system answers slowly: the delivery is still waiting for it when the stop comes.
            admin(sicantikPort, "/__admin/settings", "{\"fixedDelay\": 4000}");
            String body = Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json")
                    .replace("9120301234567", NIB).replace("I-202611210915001234567", ID_IZIN);
            assertThat(new OssSender(hub.port()).receiveNib(body, NIB).body()).contains("\"status\":\"1\"");
            await().atMost(Duration.ofSeconds(30)).until(() -> registrations(sicantikPort), n -> n == 1);
            long stopping = Files.size(log);

            hub.close();

            assertThat(Files.readString(log).substring((int) stopping)).doesNotContainIgnoringCase("already closed")
                    .doesNotContain(" ERROR ");
        }
        try (HubProcess restarted = HubProcess.start(settings, log)) {
            OssSender oss = new OssSender(restarted.port());
            JsonNode entry = Json.tree(oss.get("/api/v1/trail?nib=" + NIB).body()).path("entries").path(0).path("entry");

            assertThat(entry.path("state").asText()).isEqualTo("DELIVERED");
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                    .until(() -> registrations(sicantikPort), n -> n == 0);
        }
    }

    /** Registrations the (restarted) SiCantik simulator received, from its WireMock admin API. */
    private static int registrations(int port) throws Exception {
        return Json.tree(admin(port, "/__admin/requests/count",
                "{\"method\":\"POST\",\"url\":\"/api/v1/permohonan\"}")).path("count").asInt();
    }

    private static String admin(int port, String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
