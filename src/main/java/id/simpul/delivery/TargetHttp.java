package id.simpul.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.connector.FailureClassifier;
import id.simpul.platform.failure.FailureKind;
import id.simpul.platform.failure.PermanentFailureException;
import id.simpul.platform.failure.SyncFailureException;
import id.simpul.platform.failure.TransientFailureException;
import id.simpul.platform.json.Json;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * HTTP for the connectors: one client per remote system, a deadline for the whole exchange (a reply
 * that drips in slowly times out like one that never comes), and failures classified once:
 * I/O errors and timeouts are transient, HTTP statuses follow {@link FailureClassifier}.
 */
@Component
public class TargetHttp {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.-]{1,40}");
    private static final Pattern DIGIT_RUN = Pattern.compile("[0-9]{5}");

    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

    /** Sends a request and returns the reply whatever its status; throws only when no reply came. */
    public HttpResponse<String> send(String system, Duration connectTimeout, Duration readTimeout, HttpRequest request) {
        HttpClient client = clients.computeIfAbsent(system, s -> HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build());
        CompletableFuture<HttpResponse<String>> reply = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            return reply.get(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            reply.cancel(true);
            throw new TransientFailureException(system + " did not answer within " + readTimeout, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof IOException) {
                throw new TransientFailureException(system + " unreachable: " + cause, cause);
            }
            throw new TransientFailureException(system + " call failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply.cancel(true);
            throw new TransientFailureException(system + " call interrupted", e);
        }
    }

    /**
     * The failure for a non-2xx reply: its status, size and reason code, never its text. A target's
     * reply can quote the applicant's NIK or phone number, and these messages are logged and shown
     * to every role (dead letters, trail).
     */
    public static SyncFailureException failure(String system, int status, String body) {
        String text = system + " answered HTTP " + status + " " + describe(body);
        return FailureClassifier.ofStatus(status) == FailureKind.PERMANENT
                ? new PermanentFailureException(text)
                : new TransientFailureException(text);
    }

    public static boolean ok(int status) {
        return status >= 200 && status < 300;
    }

    /** What IT staff may learn of a reply: "(123 characters, code KBLI_INVALID)". */
    public static String describe(String body) {
        String code = reasonCode(body);
        return "(" + (body == null ? 0 : body.length()) + " characters" + (code == null ? "" : ", code " + code) + ")";
    }

    /**
     * The reply's reason code ({@code code}, {@code kode}, {@code error_code} or {@code errorCode} at
     * the top of a JSON object) when it is a short token that cannot be a NIK or a phone number (no
     * run of 5 digits, no spaces); null otherwise.
     */
    static String reasonCode(String body) {
        JsonNode node;
        try {
            node = body == null || body.isBlank() ? null : Json.tree(body);
        } catch (RuntimeException e) {
            return null;
        }
        if (node == null || !node.isObject()) {
            return null;
        }
        for (String field : List.of("code", "kode", "error_code", "errorCode")) {
            JsonNode value = node.get(field);
            if (value != null && value.isValueNode() && !value.isNull()) {
                String code = value.asText();
                if (CODE.matcher(code).matches() && !DIGIT_RUN.matcher(code).find()) {
                    return code;
                }
            }
        }
        return null;
    }

    /** Where a reply stopped being valid JSON ("at line 1, column 7"): the parser's own message may quote it. */
    public static String jsonPosition(Throwable parseError) {
        for (Throwable c = parseError; c != null; c = c.getCause()) {
            if (c instanceof JsonProcessingException j && j.getLocation() != null) {
                return "at line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr();
            }
        }
        return "position unknown";
    }
}
