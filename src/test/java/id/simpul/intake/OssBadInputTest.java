package id.simpul.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.json.Json;
import id.simpul.support.CapturedLog;
import id.simpul.support.Fixtures;
import id.simpul.support.HubTestSupport;
import id.simpul.support.OssSender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bad OSS pushes through the real HTTP endpoint (cases in fixtures/oss/bad-input/cases.tsv): each
 * is refused with a 4xx in the PIA shape naming the problem, writes nothing, and the hub stays up.
 */
class OssBadInputTest extends HubTestSupport {

    private static final String TOKEN_NIB = "9120301234567";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    JdbcClient jdbc;

    static Stream<Arguments> cases() {
        return Fixtures.text("oss/bad-input/cases.tsv").lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("\t"))
                .map(c -> Arguments.of(c[0], c[1], c[2], Integer.parseInt(c[3]), c[4]));
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("cases")
    void badPushIsRefusedInThePiaShapeNamingTheProblem(String name, String operation, String input, int status,
                                                       String keterangan) {
        HttpResponse<String> response = post(operation, body(input));

        assertThat(response.statusCode()).as(name).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("application/json");
        JsonNode reply = Json.tree(response.body()).path("respon" + operation);
        assertThat(reply.path("status").asText()).as(name).isEqualTo("2");
        assertThat(reply.path("keterangan").asText()).as(name).contains(keterangan);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ")
                // A Java class or method the parser named ("from `StreamReadConstraints.getMaxNestingDepth()`").
                .doesNotContainPattern("\\w\\.\\w+\\(\\)");
    }

    @Test
    void anUnquotedNikIsRefusedByWhereTheBodyBreaksWithItsDigitsInNeitherTheReplyNorTheLog() {
        String nik = "3171014501900002";
        HttpResponse<String> response;
        List<String> logged;
        try (CapturedLog log = CapturedLog.start()) {
            response = post("receiveNIB", body("nik-unquoted.json"));
            logged = log.lines();
        }

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode reply = Json.tree(response.body()).path("responreceiveNIB");
        assertThat(reply.path("status").asText()).isEqualTo("2");
        assertThat(reply.path("keterangan").asText()).contains("bukan JSON", "baris 2, kolom");
        assertThat(response.body()).doesNotContain(nik);
        assertThat(logged).anyMatch(line -> line.contains("OSS receiveNIB refused (400)"))
                .noneMatch(line -> line.contains(nik));
    }

    @Test
    void aKeyOrAnAddressNamedByANikIsRefusedWithItsDigitsMaskedInTheReplyAndTheLog() {
        String nik = "3171014501900002";
        byte[] twice = ("{\"dataNIB\":{\"nib\":\"" + TOKEN_NIB + "\",\"" + nik + "\":1,\" " + nik + "\":2}}")
                .getBytes(StandardCharsets.UTF_8);
        List<HttpResponse<String>> responses;
        List<String> logged;
        try (CapturedLog log = CapturedLog.start()) {
            responses = List.of(post("receiveNIB", twice), post(nik, twice), post("receiveNIB/" + nik, twice));
            logged = log.lines();
        }

        assertThat(responses).extracting(HttpResponse::statusCode).containsExactly(400, 404, 404);
        assertThat(responses.get(0).body()).contains("Field ganda: dataNIB.3171**********02");
        assertThat(responses.get(1).body()).contains("Layanan 3171**********02 tidak dikenal");
        assertThat(responses).allSatisfy(r -> assertThat(r.body()).doesNotContain(nik));
        assertThat(logged).anyMatch(line -> line.contains("OSS receiveNIB refused (400)"))
                .anyMatch(line -> line.contains("/oss/receiveNIB/3171**********02"))
                .noneMatch(line -> line.contains(nik));
    }

    @Test
    void casesCoverAtLeastThirtyKindsOfBadInput() {
        assertThat(cases().count()).isGreaterThanOrEqualTo(30);
    }

    @AfterAll
    static void nothingWasWrittenAndTheHubIsHealthy(@Autowired JdbcClient jdbc, @Autowired org.springframework.core.env.Environment env) {
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sync_ledger").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM permit_document").query(Long.class).single()).isZero();
        String health = new OssSender(Integer.parseInt(env.getProperty("local.server.port"))).get("/actuator/health").body();
        assertThat(Json.tree(health).path("status").asText()).isEqualTo("UP");
    }

    private HttpResponse<String> post(String operation, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oss/" + operation))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Token", OssSender.todaysToken(TOKEN_NIB))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] body(String input) {
        return switch (input) {
            case "gen:empty" -> new byte[0];
            case "gen:deep-nesting" -> ("{\"dataNIB\":{\"nib\":\"" + TOKEN_NIB + "\",\"x\":" + "[".repeat(10_000)
                    + "]".repeat(10_000) + "}}").getBytes(StandardCharsets.UTF_8);
            case "gen:ten-mib" -> {
                byte[] filler = new byte[10 * 1024 * 1024];
                Arrays.fill(filler, (byte) 'a');
                yield ("{\"dataNIB\":{\"nib\":\"" + TOKEN_NIB + "\",\"keterangan\":\"" + new String(filler, StandardCharsets.US_ASCII)
                        + "\"}}").getBytes(StandardCharsets.US_ASCII);
            }
            case "gen:one-mib-text" -> ("{\"dataNIB\":{\"nib\":\"" + TOKEN_NIB + "\",\"nama_perseroan\":\""
                    + "x".repeat(1024 * 1024) + "\"}}").getBytes(StandardCharsets.US_ASCII);
            case "gen:filds-url-4001" -> {
                String url = "https://oss.go.id/file/";
                yield ("{\"receiveFileDS\":{\"id_izin\":\"I-202611210915001234567\",\"nib\":\"" + TOKEN_NIB
                        + "\",\"file_izin\":\"" + url + "a".repeat(4001 - url.length()) + "\"}}").getBytes(StandardCharsets.UTF_8);
            }
            case "gen:invalid-utf8" -> {
                byte[] prefix = ("{\"dataNIB\":{\"nib\":\"" + TOKEN_NIB + "\",\"nama_perseroan\":\"PT ").getBytes(StandardCharsets.UTF_8);
                byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF};
                byte[] suffix = "\"}}".getBytes(StandardCharsets.UTF_8);
                byte[] all = new byte[prefix.length + bad.length + suffix.length];
                System.arraycopy(prefix, 0, all, 0, prefix.length);
                System.arraycopy(bad, 0, all, prefix.length, bad.length);
                System.arraycopy(suffix, 0, all, prefix.length + bad.length, suffix.length);
                yield all;
            }
            default -> Fixtures.text("oss/bad-input/" + input).getBytes(StandardCharsets.UTF_8);
        };
    }
}
