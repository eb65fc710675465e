package id.simpul.simulator;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import id.simpul.delivery.SplpEnvelope;
import id.simpul.platform.SimpulProperties;
import id.simpul.platform.json.Json;
import java.nio.file.Path;
import java.time.Clock;

/**
 * SiCantik behind SPLP ({@code splp}): the SPLP gateway checks {@code auth: Bearer <token>} and
 * {@code apikey}, opens the {@code {"data":"<hex>"}} AES-256-GCM envelope with key SHA-256(salt),
 * passes the request (and its {@code Idempotency-Key}) to SiCantik Cloud and seals the reply.
 * Paths under {@code /sicantik/1.0}: {@code POST /permohonan}, {@code GET /keluaran/{id}}.
 * A request it cannot decrypt is answered HTTP 400 "Gagal dekripsi payload" in plain JSON.
 */
public class SplpSimulator extends SiCantikCloudSimulator {

    public static final String BASE_PATH = "/sicantik/1.0";

    private final SplpEnvelope envelope;

    public SplpSimulator(String name, int port, Path dataDir, Clock clock, SimpulProperties.TargetSimulator settings) {
        super(name, port, dataDir, clock, settings, "7");
        if (settings == null || settings.salt() == null) {
            throw new SimulatorSettingsException("SPLP", "simpul.simulators.splp.salt");
        }
        this.envelope = new SplpEnvelope(settings.salt());
    }

    @Override
    public String flavour() {
        return "splp";
    }

    @Override
    protected Reply register(Request request) {
        Reply refused = gate(request);
        if (refused != null) {
            return refused;
        }
        String inner;
        try {
            inner = envelope.open(Json.tree(request.getBodyAsString()).path("data").asText(""));
        } catch (RuntimeException e) {
            return Reply.json(400, Json.MAPPER.createObjectNode().put("message", "Gagal dekripsi payload: " + e.getMessage()));
        }
        Reply reply = registerJson(inner, header(request, "Idempotency-Key").orElse(null));
        return sealed(reply.status(), reply.body());
    }

    @Override
    protected Reply outputs(Request request) {
        Reply refused = gate(request);
        if (refused != null) {
            return refused;
        }
        return sealed(200, Json.write(keluaran(query(request))));
    }

    private Reply gate(Request request) {
        boolean tokenOk = settings.token() == null
                || ("Bearer " + settings.token()).equals(header(request, "auth").orElse(""));
        boolean keyOk = settings.apiKey() == null || settings.apiKey().equals(header(request, "apikey").orElse(""));
        if (!tokenOk || !keyOk) {
            return Reply.json(401, Json.MAPPER.createObjectNode().put("message", "Invalid credentials"));
        }
        return null;
    }

    private Reply sealed(int status, String json) {
        JsonNode body = Json.MAPPER.createObjectNode().put("data", envelope.seal(json));
        return Reply.json(status, body);
    }

    @Override
    protected MappingBuilder writes() {
        return post(urlPathEqualTo(BASE_PATH + "/permohonan"));
    }

    @Override
    protected MappingBuilder reads() {
        return get(urlPathMatching(BASE_PATH + "/keluaran/.*"));
    }

    /** SiCantik's refusals travel sealed; the gateway's own errors (5xx) are plain. */
    @Override
    protected String errorBody(int status, String message) {
        if (status >= 400 && status < 500) {
            return Json.write(Json.MAPPER.createObjectNode().put("data", envelope.seal(Json.write(error(message)))));
        }
        return Json.write(Json.MAPPER.createObjectNode().put("message", message));
    }
}
