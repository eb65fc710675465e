package id.simpul.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.SimpulProperties.Target;
import id.simpul.platform.failure.PermanentFailureException;
import id.simpul.platform.json.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * SiCantik through SPLP, the government's service-connection platform ({@code splp} flavour).
 * Headers {@code auth: Bearer <token>} and {@code apikey: <key>}; request and reply bodies are the
 * {@link SplpEnvelope} {@code {"data":"<hex>"}} around SiCantik Cloud's JSON. The base URL includes
 * the SPLP service path; {@code POST {base}/permohonan} registers (SPLP passes the
 * {@code Idempotency-Key} through), {@code GET {base}/keluaran/{id}} lists outputs.
 *
 * <p>An envelope that cannot be opened, either way, means the salt differs from the agency's:
 * permanent, and said so.
 */
@Component
public class SplpClient implements TargetAdapter {

    static final String REGISTER_PATH = "/permohonan";

    private final TargetHttp http;

    public SplpClient(TargetHttp http) {
        this.http = http;
    }

    @Override
    public String flavour() {
        return "splp";
    }

    /** SPLP passes the {@code Idempotency-Key} through to SiCantik, which answers it with the same number. */
    @Override
    public boolean idempotentByKey() {
        return true;
    }

    @Override
    public TargetReceipt register(Target target, RegistrationRequest request) {
        SplpEnvelope envelope = envelope(target);
        String sealed = Json.write(Json.MAPPER.createObjectNode().put("data", envelope.seal(Json.write(request.body()))));
        HttpRequest post = headers(target, HttpRequest.newBuilder(URI.create(target.baseUrl() + REGISTER_PATH)))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", request.idempotencyKey())
                .POST(HttpRequest.BodyPublishers.ofString(sealed))
                .build();
        HttpResponse<String> response = http.send(target.id(), target.connectTimeout(), target.readTimeout(), post);
        String inner = unwrap(target, envelope, response);
        return SiCantikClient.receipt(target.id(), response.statusCode(), inner);
    }

    @Override
    public List<LocalStatus> outputs(Target target) {
        SplpEnvelope envelope = envelope(target);
        return Keluaran.readAll(target.id(), offset -> {
            String id = target.backSync().outputsId();
            if (id == null || id.isBlank()) {
                throw new PermanentFailureException("target " + target.id() + " has no back-sync.outputs-id");
            }
            HttpRequest get = headers(target, HttpRequest.newBuilder(URI.create(target.baseUrl() + "/keluaran/"
                    + id.strip() + "?limit=" + Keluaran.PAGE_SIZE + "&offset=" + offset))).GET().build();
            HttpResponse<String> response = http.send(target.id(), target.connectTimeout(), target.readTimeout(), get);
            return SiCantikClient.readable(target.id(), unwrap(target, envelope, response));
        });
    }

    private static HttpRequest.Builder headers(Target target, HttpRequest.Builder builder) {
        return builder.header("Accept", "application/json")
                .header("auth", "Bearer " + target.token())
                .header("apikey", target.apiKey() == null ? "" : target.apiKey());
    }

    /**
     * The SiCantik JSON inside a reply. 2xx replies must carry an envelope we can open; error replies
     * carry either an envelope (SiCantik's own refusal) or the gateway's plain JSON.
     */
    private static String unwrap(Target target, SplpEnvelope envelope, HttpResponse<String> response) {
        int status = response.statusCode();
        JsonNode body;
        try {
            body = Json.tree(response.body());
        } catch (RuntimeException e) {
            body = null;
        }
        String data = body != null && body.path("data").isTextual() ? body.path("data").asText() : null;
        if (data != null) {
            String inner;
            try {
                inner = envelope.open(data);
            } catch (SplpEnvelope.UnreadableEnvelopeException e) {
                throw new PermanentFailureException("SPLP envelope could not be decrypted (" + e.getMessage()
                        + "): check simpul.targets[id=" + target.id() + "].splp.salt");
            }
            if (TargetHttp.ok(status)) {
                return inner;
            }
            throw TargetHttp.failure(target.id() + " via SPLP", status, inner);
        }
        if (TargetHttp.ok(status)) {
            // A 2xx without an envelope may still have registered the permit: readable() makes it transient.
            return response.body();
        }
        String message = body == null ? response.body() : body.path("message").asText(response.body());
        if (status == 400 && message != null && message.toLowerCase(Locale.ROOT).contains("dekripsi")) {
            throw new PermanentFailureException("SPLP could not decrypt our request (HTTP 400): check simpul.targets[id="
                    + target.id() + "].splp.salt");
        }
        throw TargetHttp.failure(target.id() + " SPLP gateway", status, response.body());
    }

    private static SplpEnvelope envelope(Target target) {
        if (target.splp() == null || target.splp().salt() == null || target.splp().salt().isEmpty()) {
            throw new PermanentFailureException("target " + target.id()
                    + " has no SPLP salt: set simpul.targets[id=" + target.id() + "].splp.salt (from the environment)");
        }
        return new SplpEnvelope(target.splp().salt());
    }
}
