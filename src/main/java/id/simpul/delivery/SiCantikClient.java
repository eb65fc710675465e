package id.simpul.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.SimpulProperties.Target;
import id.simpul.platform.failure.PermanentFailureException;
import id.simpul.platform.failure.TransientFailureException;
import id.simpul.platform.json.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * SiCantik Cloud ({@code sicantik-cloud} flavour): JSON over HTTPS with a bearer token.
 * {@code POST {base}/api/v1/permohonan} with an {@code Idempotency-Key} header answers
 * {@code {"success":true,"data":{"no_permohonan":"..."}}}; the same key answers the same number.
 * Outputs: the public keluaran list. The office's own permits (types OSS does not handle):
 * {@code GET {base}/api/v1/izin-daerah?since=<cursor>&limit=n}, {@link #localPermits}.
 */
@Component
public class SiCantikClient implements TargetAdapter {

    static final String REGISTER_PATH = "/api/v1/permohonan";
    public static final String LOCAL_PERMITS_PATH = "/api/v1/izin-daerah";

    /** A read of the office's own permits changed after {@code since} (its cursor; null or blank = from the start). */
    public record LocalPermitsRequest(String since, int limit) {
    }

    /** The office's answer: items (SiCantik field names, as listed) and the cursor to ask from next. */
    public record LocalPermitsPage(List<JsonNode> items, String next) {
    }

    private final TargetHttp http;

    public SiCantikClient(TargetHttp http) {
        this.http = http;
    }

    @Override
    public String flavour() {
        return "sicantik-cloud";
    }

    /** The same {@code Idempotency-Key} answers the same {@code no_permohonan}. */
    @Override
    public boolean idempotentByKey() {
        return true;
    }

    @Override
    public TargetReceipt register(Target target, RegistrationRequest request) {
        HttpRequest post = HttpRequest.newBuilder(URI.create(target.baseUrl() + REGISTER_PATH))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + target.token())
                .header("Idempotency-Key", request.idempotencyKey())
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(request.body())))
                .build();
        HttpResponse<String> response = http.send(target.id(), target.connectTimeout(), target.readTimeout(), post);
        if (!TargetHttp.ok(response.statusCode())) {
            throw TargetHttp.failure(target.id(), response.statusCode(), response.body());
        }
        return receipt(target.id(), response.statusCode(), response.body());
    }

    @Override
    public List<LocalStatus> outputs(Target target) {
        return Keluaran.readAll(target.id(), offset -> getJson(target, Keluaran.page(target, "", offset)));
    }

    /**
     * The office's own permits changed after the request's cursor. A refusal (4xx, or {@code success:false}) is
     * permanent; a server error, a timeout or a reply without {@code data.items} is transient: the same cursor is
     * asked again next time.
     */
    public LocalPermitsPage localPermits(Target target, LocalPermitsRequest request) {
        String since = request.since() == null ? "" : request.since();
        JsonNode node = getJson(target, LOCAL_PERMITS_PATH + "?since="
                + java.net.URLEncoder.encode(since, java.nio.charset.StandardCharsets.UTF_8) + "&limit=" + request.limit());
        if (!node.path("success").asBoolean(false)) {
            throw new PermanentFailureException(target.id() + " refused the read of its own permits "
                    + TargetHttp.describe(Json.write(node)));
        }
        JsonNode items = node.path("data").path("items");
        if (!items.isArray()) {
            throw new TransientFailureException(target.id() + " answered its own permits without data.items");
        }
        List<JsonNode> list = new java.util.ArrayList<>();
        items.forEach(list::add);
        String next = node.path("data").path("next").asText("");
        return new LocalPermitsPage(List.copyOf(list), next.isBlank() ? since : next);
    }

    private JsonNode getJson(Target target, String pathAndQuery) {
        HttpRequest.Builder get = HttpRequest.newBuilder(URI.create(target.baseUrl() + pathAndQuery))
                .header("Accept", "application/json").GET();
        if (target.token() != null && !target.token().isBlank()) {
            get.header("Authorization", "Bearer " + target.token());
        }
        HttpResponse<String> response = http.send(target.id(), target.connectTimeout(), target.readTimeout(), get.build());
        if (!TargetHttp.ok(response.statusCode())) {
            throw TargetHttp.failure(target.id(), response.statusCode(), response.body());
        }
        return readable(target.id(), response.body());
    }

    /** A SiCantik Cloud registration reply (also what SPLP carries inside its envelope). */
    static TargetReceipt receipt(String system, int status, String body) {
        JsonNode node = readable(system, body);
        if (!node.path("success").asBoolean(false)) {
            throw new PermanentFailureException(system + " refused the registration " + TargetHttp.describe(body));
        }
        String ref = node.path("data").path("no_permohonan").asText(null);
        if (ref == null || ref.isBlank()) {
            throw new TransientFailureException(system + " answered success without no_permohonan");
        }
        // 200 instead of 201: the key was known, the target returned the registration it already had.
        return new TargetReceipt(ref, status == 200);
    }

    /** A 2xx we cannot read may still have registered the permit: retry; the idempotency key makes it safe. */
    static JsonNode readable(String system, String body) {
        JsonNode node;
        try {
            node = Json.tree(body);
        } catch (RuntimeException e) {
            throw new TransientFailureException(system + " answered 2xx with a body that is not JSON ("
                    + (body == null ? 0 : body.length()) + " characters, " + TargetHttp.jsonPosition(e) + ")");
        }
        if (node == null || !node.isObject()) {
            throw new TransientFailureException(system + " answered 2xx without a JSON object "
                    + TargetHttp.describe(body));
        }
        return node;
    }
}
