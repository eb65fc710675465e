package id.simpul.intake;

import com.fasterxml.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.simpul.platform.json.Json;
import id.simpul.platform.ledger.LedgerEntry;
import id.simpul.platform.ledger.LedgerState;
import id.simpul.platform.ledger.SyncLedger;
import id.simpul.platform.ledger.TrailEvent;
import id.simpul.support.CapturedLog;
import id.simpul.support.Fixtures;
import id.simpul.support.HubTestSupport;
import id.simpul.support.OssSender;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** What a caller of the OSS endpoints controls (headers, path, method) and what it must not. */
@TestPropertySource(properties = "simpul.oss.inbound.max-body-bytes=65536")
class OssInboundTest extends HubTestSupport {

    private static final String NIB = "9120301237070";
    private static final String ID_IZIN = "I-202611210915007070001";

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    SyncLedger ledger;

    @Autowired
    MeterRegistry registry;

    @Test
    void simpulHeadersSentByTheCallerAreDroppedSoAForgedReplayOfADeliveredPermitIsStillADuplicate() {
        String body = Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json")
                .replace("9120301234567", NIB).replace("I-202611210915001234567", ID_IZIN);
        assertAccepted(push(body, "simpultokenreused", "true"));
        LedgerEntry entry = await().atMost(Duration.ofSeconds(60)).until(() -> ledger.byNib(NIB),
                entries -> entries.size() == 1 && entries.get(0).state() == LedgerState.DELIVERED).get(0);

        assertAccepted(push(body, "SimpulReplay", "true"));

        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.events(entry.id()),
                events -> events.stream().anyMatch(e -> e.kind().equals("DUPLICATE_IGNORED")
                        && e.detail().contains("unchanged")));
        assertThat(ledger.events(entry.id()).stream().map(TrailEvent::kind))
                .doesNotContain("REPLAYED", "REPLAY_SKIPPED", "TOKEN_REUSED");
        sicantik.wireMock().verify(1, postRequestedFor(urlPathEqualTo("/api/v1/permohonan"))
                .withRequestBody(containing(NIB)));
    }

    @Test
    void unknownOperationsAreCountedUnderOneTagAndNeverUnderTheirPath() {
        String body = Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json");
        assertThat(send(post("/oss/receiveNIBForged", body)).statusCode()).isEqualTo(404);
        // Refused by the size guard, before the route: the same rule there.
        assertThat(send(post("/oss/anyMadeUpOperation", "x".repeat(65537))).statusCode()).isEqualTo(413);

        List<String> flows = registry.find("simpul.messages").meters().stream()
                .map(Meter::getId).map(id -> id.getTag("flow")).toList();
        assertThat(flows).contains("oss-unknown")
                .noneMatch(flow -> flow.contains("receiveNIBForged") || flow.contains("anyMadeUpOperation"));
    }

    /**
     * The PIA sends {@code application/json}; whatever type a sender declares, the body is read as the JSON push
     * it is. A form type used to send it to Camel's form parser, which answered an HTML 500 and logged the whole
     * body (NIK, phone numbers) at WARN.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=UTF-8",
            "multipart/form-data; boundary=oss", "text/plain", "application/json; charset=UTF-8"})
    void aPushIsReadAsJsonWhateverContentTypeItDeclaresAndItsPersonalDataNeverReachesTheLog(String contentType) {
        String nib = "9120301238080";
        String body = Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json")
                .replace("9120301234567", nib).replace("I-202611210915001234567", "I-202611210915008080001");
        HttpResponse<String> response;
        List<String> logged;
        try (CapturedLog log = CapturedLog.start()) {
            response = send(HttpRequest.newBuilder(uri("/oss/receiveNIB"))
                    .header("Content-Type", contentType)
                    .header("Token", OssSender.todaysToken(nib))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            logged = log.lines();
        }

        assertThat(logged).noneMatch(line -> line.contains("1607111204780003") || line.contains("7788")
                || line.contains("Sukamoro"));
        assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("application/json");
        assertAccepted(response);
        assertThat(logged).anyMatch(line -> line.contains("OSS receiveNIB accepted nib=" + nib));
    }

    /** The route takes one path segment; any other path under /oss/ used to get Spring's own 404 body. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/oss/receiveNIB/", "/oss/receiveNIB/extra", "/oss/", "/oss/receiveNIB%2Fextra",
            "/oss/receiveNIB%2f"})
    void aPathOtherThanOneOperationIsRefusedWith404InThePiaShape(String path) {
        HttpResponse<String> response = send(post(path, Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json")));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("application/json");
        JsonNode reply = Json.tree(response.body());
        String root = reply.fieldNames().next();
        assertThat(root).startsWith("respon");
        assertThat(reply.path(root).path("status").asText()).isEqualTo("2");
        assertThat(reply.path(root).path("keterangan").asText()).contains("tidak dikenal");
    }

    @Test
    void aRequestOtherThanPostIsRefusedWith405InThePiaShape() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/oss/receiveNIB")).GET().build());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
        assertThat(Json.tree(response.body()).path("responreceiveNIB").path("status").asText()).isEqualTo("2");
        assertThat(Json.tree(response.body()).path("responreceiveNIB").path("keterangan").asText())
                .contains("POST");
    }

    private void assertAccepted(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.tree(response.body()).path("responreceiveNIB").path("status").asText()).isEqualTo("1");
    }

    private HttpResponse<String> push(String body, String header, String value) {
        return send(HttpRequest.newBuilder(uri("/oss/receiveNIB"))
                .header("Content-Type", "application/json")
                .header("Token", OssSender.todaysToken(NIB))
                .header(header, value)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest request) {
        return OssSender.exchange(http, request);
    }
}
