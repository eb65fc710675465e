package id.simpul.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import id.simpul.platform.json.Json;
import id.simpul.support.CapturedLog;
import id.simpul.support.HubTestSupport;
import id.simpul.support.OssSender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The staff API's errors: the caller's mistakes get their own status in the API's JSON shape, never a 500. */
class ApiErrorsTest extends HubTestSupport {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/v1/manual-entries/1/confirm", "/api/v1/dead-letters/1/discard"})
    void aBodyThatIsNotJsonIsRefusedWith415InTheApisErrorShapeAndNotLoggedAsAnError(String path) {
        HttpResponse<String> response;
        List<ILoggingEvent> errors;
        try (CapturedLog log = CapturedLog.start()) {
            response = OssSender.exchange(http, HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", OssSender.basic(OssSender.ADMIN, OssSender.ADMIN_PASSWORD))
                    .header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString("localNumber=503/PBG/2026")).build());
            errors = log.atLeast(Level.ERROR);
        }

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("application/json");
        assertThat(response.headers().firstValue("Accept").orElse("")).contains("application/json");
        assertThat(Json.tree(response.body()).path("error").asText()).contains("text/plain");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(errors).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"DELETE /api/v1/trail 405", "GET /api/v1/no-such-resource 404",
            "GET /api/v1/agencies/a%2Fb 400", "GET /api/v1/agencies/a//b 400"})
    void whatNeverReachesAControllerIsAnsweredInTheApisErrorShapeToo(String call) {
        String[] parts = call.split(" ");
        HttpResponse<String> response = OssSender.exchange(http, HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + parts[1])).timeout(Duration.ofSeconds(30))
                .header("Authorization", OssSender.basic(OssSender.ADMIN, OssSender.ADMIN_PASSWORD))
                .header("Accept", "application/json")
                .method(parts[0], HttpRequest.BodyPublishers.noBody()).build());

        assertThat(response.statusCode()).isEqualTo(Integer.parseInt(parts[2]));
        assertThat(Json.tree(response.body()).properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactly("error");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/v1/manual-entries?limit=sepuluh limit must be a whole number",
            "/api/v1/manual-entries/satu id must be a whole number"})
    void aParameterOfTheWrongTypeIsExplainedInTheCallersWordsNotJavas(String call) {
        String[] parts = call.split(" ", 2);
        HttpResponse<String> response = get(parts[0]);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.tree(response.body()).path("error").asText()).isEqualTo(parts[1]);
    }

    @org.junit.jupiter.api.Test
    void aBodyFieldOfTheWrongJsonTypeIsRefusedNamingTheFieldNotCoercedIntoAValue() {
        HttpResponse<String> response = ossSender.postAsAdmin("/api/v1/agencies", "{\"id\":\"dinas-angka\","
                + "\"name\":\"Dinas Angka\",\"scopes\":[\"permits:read\"],\"regions\":[\"1607\"],\"enabled\":12345}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(Json.tree(response.body()).path("error").asText()).isEqualTo("enabled must be true or false");
        assertThat(get("/api/v1/agencies/dinas-angka").statusCode()).isEqualTo(404);
    }

    @org.junit.jupiter.api.Test
    void theManualEntryQueueRefusesInTheApisErrorShape() {
        HttpResponse<String> response = get("/api/v1/manual-entries/999999");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Json.tree(response.body()).properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactly("error");
    }

    private HttpResponse<String> get(String path) {
        return OssSender.exchange(http, HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", OssSender.basic(OssSender.ADMIN, OssSender.ADMIN_PASSWORD))
                .header("Accept", "application/json").GET().build());
    }
}
