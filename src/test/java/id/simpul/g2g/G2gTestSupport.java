package id.simpul.g2g;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.json.Json;
import id.simpul.support.Fixtures;
import id.simpul.support.HubTestSupport;
import id.simpul.support.OssSender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The hub with fast G2G pollers, plus helpers to register agencies and receive permits. */
abstract class G2gTestSupport extends HubTestSupport {

    static final String BANYUASIN_NIB = "9120301234567";
    static final String BANYUASIN_IZIN = "I-202611210915001234567";
    static final String PALEMBANG_NIB = "9120301234600";
    static final String PALEMBANG_IZIN = "I-202611210915001234600";

    @Autowired
    protected JdbcClient jdbc;

    @DynamicPropertySource
    static void g2gProperties(DynamicPropertyRegistry registry) {
        registry.add("simpul.g2g.events.poll-interval", () -> "100ms");
        registry.add("simpul.g2g.events.settle", () -> "0s");
        registry.add("simpul.g2g.webhooks.poll-interval", () -> "100ms");
        registry.add("simpul.g2g.webhooks.initial-backoff", () -> "200ms");
        registry.add("simpul.g2g.webhooks.max-attempts", () -> "3");
        registry.add("simpul.g2g.webhooks.http-hosts[0]", () -> "localhost");
        // The tests' receivers run on this machine: loopback, which an unlisted host may not be.
        registry.add("simpul.g2g.webhooks.private-hosts[0]", () -> "localhost");
        registry.add("simpul.g2g.rate-limit.requests", () -> "10000");
    }

    /** Registers the agency of a fixture through the admin API and returns an API key of one of its systems. */
    String registerAgency(String fixture) {
        JsonNode agency = Json.tree(Fixtures.text("g2g/" + fixture));
        HttpResponse<String> created = ossSender.postAsAdmin("/api/v1/agencies", Json.write(agency));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> client = ossSender.postAsAdmin("/api/v1/agencies/" + agency.path("id").asText()
                + "/clients", "{\"system\":\"sistem-uji\"}");
        assertThat(client.statusCode()).as(client.body()).isEqualTo(201);
        return Json.tree(client.body()).path("apiKey").asText();
    }

    /** DELETE on the hub's API as the test admin. */
    HttpResponse<String> adminDelete(String path) {
        return OssSender.exchange(HttpClient.newHttpClient(), asAdmin(path).DELETE().build());
    }

    /** PUT on the hub's API as the test admin (e.g. an agency's new regions). */
    HttpResponse<String> adminPut(String path, String json) {
        return OssSender.exchange(HttpClient.newHttpClient(), asAdmin(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private HttpRequest.Builder asAdmin(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", OssSender.basic(OssSender.ADMIN, OssSender.ADMIN_PASSWORD));
    }

    /** The one audit row the hub wrote for a G2G request, found by its request id. */
    JsonNode auditRowOf(HttpResponse<byte[]> response) {
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        List<Map<String, Object>> rows = jdbc.sql("SELECT * FROM audit_log WHERE details LIKE :p")
                .param("p", "%request " + requestId + ";%").query().listOfRows();
        assertThat(rows).as("audit rows of request " + requestId).hasSize(1);
        return Json.toTree(rows.get(0));
    }

    G2gClient as(String apiKey) {
        return new G2gClient(port, apiKey);
    }

    /** Pushes an OSS fixture and waits until the ledger holds its canonical form. */
    void receive(String body, String nib) {
        assertThat(ossSender.receiveNib(body, nib).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> ossSender.get("/api/v1/trail?nib=" + nib).body(),
                b -> b.contains("\"canonical\":{"));
    }

    void receiveBanyuasinPermit() {
        receive(Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json"), BANYUASIN_NIB);
    }

    void receivePalembangPermit() {
        receive(Fixtures.text("g2g/receiveNIB-palembang.json"), PALEMBANG_NIB);
    }
}
