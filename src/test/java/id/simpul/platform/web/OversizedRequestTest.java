package id.simpul.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.json.Json;
import id.simpul.support.HubTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A request line or headers over Tomcat's limit ({@code server.max-http-request-header-size}, 8 KiB) are refused by
 * Tomcat before any filter or controller; its answer still has the caller's shape, names the limit and shows no
 * stack trace, and the hub stays up.
 */
class OversizedRequestTest extends HubTestSupport {

    private static final String NINE_KIB = "a".repeat(9 * 1024);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/v1/permits", "/g2g/v1/permits"})
    void aHeaderOverTheLimitIsAnsweredInTheApisErrorShape(String path) {
        Answer answer = send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + NINE_KIB + "\r\n\r\n");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.headers()).containsIgnoringCase("Content-Type: application/json");
        assertThat(Json.tree(answer.body()).path("error").asText())
                .isEqualTo("the request line or headers could not be read: longer than the server's limit of 8192"
                        + " bytes, or not valid HTTP");
    }

    @Test
    void aHeaderOverTheLimitOnAnOssPushIsAnsweredInThePiaShape() {
        Answer answer = send("POST /oss/receiveNIB HTTP/1.1\r\nHost: localhost\r\nToken: " + NINE_KIB
                + "\r\nContent-Length: 2\r\n\r\n{}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.headers()).containsIgnoringCase("Content-Type: application/json");
        JsonNode reply = Json.tree(answer.body()).path("responreceiveNIB");
        assertThat(reply.path("status").asText()).isEqualTo("2");
        assertThat(reply.path("keterangan").asText()).contains("header", "8192 byte");
    }

    @Test
    void aRequestLineOverTheLimitIsAnsweredWithoutAStackTraceAndTheHubStaysUp() {
        Answer answer = send("GET /oss/receiveNIB?x=" + NINE_KIB + " HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertThat(answer.status()).isEqualTo(400);
        // Tomcat could not read the path, so the answer cannot follow it: the APIs' shape, never an empty or HTML one.
        assertThat(Json.tree(answer.body()).path("error").asText()).contains("8192 bytes");
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("<html");
        String health = send("GET /actuator/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").body();
        assertThat(Json.tree(health).path("status").asText()).isEqualTo("UP");
    }

    record Answer(int status, String headers, String body) {
    }

    /** Raw bytes on a socket: HTTP clients refuse or split what this test must send as it is. */
    private Answer send(String request) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = raw.indexOf("\r\n\r\n");
            String headers = end < 0 ? raw : raw.substring(0, end);
            String body = end < 0 ? "" : raw.substring(end + 4);
            if (headers.toLowerCase().contains("transfer-encoding: chunked")) {
                body = unchunked(body);
            }
            return new Answer(Integer.parseInt(headers.substring(9, 12)), headers, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String unchunked(String chunked) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int eol = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, eol).trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(chunked, eol + 2, eol + 2 + size);
            at = eol + 2 + size + 2;
        }
        return out.toString();
    }
}
