package id.simpul.intake;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.platform.json.Json;
import id.simpul.support.Fixtures;
import id.simpul.support.HubTestSupport;
import id.simpul.support.OssSender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** The push token through the real endpoint, in each header form senders use. */
class OssPushAuthenticationTest extends HubTestSupport {

    private static final String NIB = "9120301234567";
    private final HttpClient http = HttpClient.newHttpClient();
    private final String body = Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json");

    @Test
    void validTokenInTokenHeaderIsAccepted() {
        assertAccepted(send("Token", OssSender.todaysToken(NIB)));
    }

    @Test
    void validTokenInLowerCaseTokenHeaderIsAccepted() {
        assertAccepted(send("token", OssSender.todaysToken(NIB)));
    }

    @Test
    void validTokenAsBearerIsAccepted() {
        assertAccepted(send("Authorization", "Bearer " + OssSender.todaysToken(NIB)));
    }

    @Test
    void wrongTokenIsRefusedWith401InThePiaShape() {
        assertRefused(send("Token", "0".repeat(40)), "Token tidak valid");
    }

    @Test
    void anotherNibsTokenIsRefused() {
        assertRefused(send("Token", OssSender.todaysToken("9120301234568")), "Token tidak valid");
    }

    @Test
    void aThreeDayOldTokenIsRefused() {
        LocalDate threeDaysAgo = ZonedDateTime.now(OssToken.JAKARTA).toLocalDate().minusDays(3);
        assertRefused(send("Token", OssToken.compute(OssSender.USERNAME, OssSender.PASSWORD, NIB, threeDaysAgo)),
                "Token tidak valid");
    }

    @Test
    void anAbsentTokenIsRefused() {
        assertRefused(send(null, null), "Token wajib dikirim");
    }

    @Test
    void todaysTokenComingBackWithADifferentBodyIsAcceptedButFlaggedInTheTrail() {
        String nib = "9120301237777";
        String first = body.replace(NIB, nib).replace("I-202611210915001234567", "I-202611210915007777001");
        String token = OssSender.todaysToken(nib);
        assertAccepted(send("Token", token, first));
        // A captured token replayed with another body still authenticates (the PIA binds only the NIB).
        assertAccepted(send("Token", token, first.replace("Jl. Palembang-Betung Km. 14 No. 7", "Jl. Lain No. 1")));

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> ossSender.get("/api/v1/trail?nib=" + nib).body(), t -> t.contains("TOKEN_REUSED"));
        assertThat(ossSender.get("/actuator/prometheus").body()).contains("outcome=\"token_reused\"");
    }

    private void assertAccepted(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.tree(response.body()).path("responreceiveNIB").path("status").asText()).isEqualTo("1");
    }

    private void assertRefused(HttpResponse<String> response, String keterangan) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Json.tree(response.body()).path("responreceiveNIB").path("status").asText()).isEqualTo("2");
        assertThat(Json.tree(response.body()).path("responreceiveNIB").path("keterangan").asText())
                .contains(keterangan);
    }

    private HttpResponse<String> send(String header, String value) {
        return send(header, value, body);
    }

    private HttpResponse<String> send(String header, String value, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oss/receiveNIB"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (header != null) {
            request.header(header, value);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
