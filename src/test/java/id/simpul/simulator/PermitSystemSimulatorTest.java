package id.simpul.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.SimpulProperties;
import id.simpul.platform.json.Json;
import id.simpul.support.TestPorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulators' HTTP surface for operators and tests: registrations, outputs, advance, faults. */
class PermitSystemSimulatorTest {

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private SiCantikCloudSimulator sicantik;
    private String base;

    @BeforeEach
    void start() {
        int port = TestPorts.free();
        sicantik = new SiCantikCloudSimulator("sicantik", port, dataDir, Clock.systemUTC(),
                new SimpulProperties.TargetSimulator(port, Duration.ZERO, "t", null, null));
        sicantik.start();
        base = "http://localhost:" + port;
    }

    @AfterEach
    void stop() {
        sicantik.stop();
    }

    @Test
    void aRegistrationMovesThroughItsStepsByAdminCallAndShowsInTheKeluaranList() throws Exception {
        HttpResponse<String> created = send("POST", "/api/v1/permohonan",
                "{\"jenis_izin_id\":\"011000000001\",\"id_izin_oss\":\"I-1\",\"nama\":\"Siti Aminah\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String no = Json.tree(created.body()).path("data").path("no_permohonan").asText();

        assertThat(send("POST", "/__simulator/permohonan/" + no + "/advance", "").statusCode()).isEqualTo(200);
        JsonNode decided = Json.tree(send("POST", "/__simulator/permohonan/" + no + "/advance", "{\"to\":\"Selesai\"}").body());
        assertThat(decided.path("status").asText()).isEqualTo("Selesai");
        assertThat(decided.path("no_izin").asText()).startsWith("503/");

        JsonNode keluaran = Json.tree(send("GET", "/api/TemplateData/keluaran/1.json", null).body());
        assertThat(keluaran.path("success").asBoolean()).isTrue();
        assertThat(keluaran.path("message").asText()).isEmpty();
        assertThat(keluaran.path("data").path("count").path(0).path("data").asInt()).isEqualTo(1);
        JsonNode row = keluaran.path("data").path("data").path(0);
        assertThat(row.path("no_permohonan").asText()).isEqualTo(no);
        assertThat(row.path("nama_proses").asText()).isEqualTo("Penyerahan");
        assertThat(row.path("tgl_penetapan").asText()).matches("\\d{2}-\\d{2}-\\d{4}");
        assertThat(Json.tree(send("GET", "/__simulator/permohonan", null).body()).path("count").asInt()).isEqualTo(1);
        assertThat(send("POST", "/__simulator/permohonan/0000/advance", "").statusCode()).isEqualTo(404);
    }

    @Test
    void faultsAreSwitchedOnAndOffAtRuntimeOverHttp() throws Exception {
        String body = "{\"jenis_izin_id\":\"011000000001\",\"id_izin_oss\":\"I-2\",\"nama\":\"Budi\"}";
        assertThat(send("POST", "/__simulator/faults",
                "{\"kind\":\"status\",\"status\":422,\"message\":\"nama tidak sesuai KTP\"}").statusCode()).isEqualTo(201);

        HttpResponse<String> refused = send("POST", "/api/v1/permohonan", body);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(Json.tree(refused.body()).path("message").asText()).isEqualTo("nama tidak sesuai KTP");

        send("DELETE", "/__simulator/faults", null);
        send("POST", "/__simulator/faults", "{\"kind\":\"reset\",\"once\":true}");
        assertThat(sendOrFailure("/api/v1/permohonan", body)).isEqualTo("IOException");
        assertThat(send("POST", "/api/v1/permohonan", body).statusCode()).isEqualTo(201);

        send("POST", "/__simulator/faults", "{\"on\":\"reads\",\"kind\":\"status\",\"status\":503,\"message\":\"sibuk\"}");
        assertThat(send("GET", "/api/TemplateData/keluaran/1.json", null).statusCode()).isEqualTo(503);
        // WireMock's own reset restores the simulator's stubs (they are its default mappings).
        sicantik.wireMock().resetToDefaultMappings();
        assertThat(send("GET", "/api/TemplateData/keluaran/1.json", null).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/v1/permohonan", body).statusCode()).isEqualTo(201);
    }

    @Test
    void aMissingTokenOrFieldIsRefusedLikeSiCantikWould() throws Exception {
        HttpResponse<String> noToken = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/permohonan"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(401);

        HttpResponse<String> noName = send("POST", "/api/v1/permohonan", "{\"jenis_izin_id\":\"1\",\"id_izin_oss\":\"I-3\"}");
        assertThat(noName.statusCode()).isEqualTo(422);
        assertThat(Json.tree(noName.body()).path("message").asText()).isEqualTo("nama wajib diisi");
    }

    private String sendOrFailure(String path, String body) throws InterruptedException {
        try {
            return String.valueOf(send("POST", path, body).statusCode());
        } catch (IOException e) {
            return "IOException";
        }
    }

    private HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer t")
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
