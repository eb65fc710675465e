package id.simpul.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.SimpulProperties.Target;
import id.simpul.platform.failure.FailureKind;
import id.simpul.platform.failure.PermanentFailureException;
import id.simpul.platform.failure.TransientFailureException;
import id.simpul.platform.connector.FailureClassifier;
import id.simpul.platform.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * SiCantik Cloud ({@code sicantik-cloud} flavour): JSON over HTTPS with a bearer token.
 * {@code POST {base}/api/v1/permohonan} with an {@code Idempotency-Key} header answers
 * {@code {"success":true,"data":{"no_permohonan":"..."}}}.
 */
@Component
public class SiCantikClient implements TargetAdapter {

    static final String REGISTER_PATH = "/api/v1/permohonan";

    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

    @Override
    public String flavour() {
        return "sicantik-cloud";
    }

    @Override
    public TargetReceipt register(Target target, RegistrationRequest request) {
        HttpRequest http = HttpRequest.newBuilder(URI.create(target.baseUrl() + REGISTER_PATH))
                .timeout(target.readTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + target.token())
                .header("Idempotency-Key", request.idempotencyKey())
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(request.body())))
                .build();
        HttpResponse<String> response;
        try {
            response = client(target).send(http, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TransientFailureException(target.id() + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailureException(target.id() + " call interrupted", e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return receipt(target, response.body());
        }
        String message = target.id() + " answered HTTP " + status + ": " + abbreviate(response.body());
        if (FailureClassifier.ofStatus(status) == FailureKind.PERMANENT) {
            throw new PermanentFailureException(message);
        }
        throw new TransientFailureException(message);
    }

    private static TargetReceipt receipt(Target target, String body) {
        JsonNode node;
        try {
            node = Json.tree(body);
        } catch (RuntimeException e) {
            // A 2xx we cannot read may still have registered the permit: retry; the idempotency key
            // makes the retry safe.
            throw new TransientFailureException(target.id() + " answered 2xx with an unreadable body: " + abbreviate(body), e);
        }
        if (!node.path("success").asBoolean(false)) {
            throw new PermanentFailureException(target.id() + " refused: " + node.path("message").asText(abbreviate(body)));
        }
        String ref = node.path("data").path("no_permohonan").asText(null);
        if (ref == null || ref.isBlank()) {
            throw new TransientFailureException(target.id() + " answered success without no_permohonan");
        }
        return new TargetReceipt(ref);
    }

    private HttpClient client(Target target) {
        return clients.computeIfAbsent(target.id(), id -> HttpClient.newBuilder()
                .connectTimeout(target.connectTimeout() == null ? Duration.ofSeconds(5) : target.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build());
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String oneLine = s.replaceAll("\\s+", " ").strip();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
