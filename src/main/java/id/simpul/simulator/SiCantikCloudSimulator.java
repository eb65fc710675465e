package id.simpul.simulator;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import id.simpul.platform.SimpulProperties;
import id.simpul.platform.json.Json;
import id.simpul.simulator.LocalPermits.Step;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * SiCantik Cloud ({@code sicantik-cloud}): {@code POST /api/v1/permohonan} (bearer token, JSON,
 * {@code Idempotency-Key}: the same key answers the same {@code no_permohonan} with HTTP 200) and the
 * keluaran list {@code GET /api/TemplateData/keluaran/{id}.json?limit=&offset=}. Local steps: Entri
 * Data → Verifikasi → Penetapan Izin → Selesai (Penyerahan, with {@code no_izin}); or Ditolak.
 */
public class SiCantikCloudSimulator extends PermitSystemSimulator {

    static final LocalPermits.Workflow WORKFLOW = new LocalPermits.Workflow(List.of(
            new Step("Proses", "Entri Data"), new Step("Proses", "Verifikasi"), new Step("Proses", "Penetapan Izin"),
            new Step("Selesai", "Penyerahan")), new Step("Ditolak", "Penetapan Izin"));
    static final List<String> REQUIRED = List.of("jenis_izin_id", "id_izin_oss", "nama");

    public SiCantikCloudSimulator(String name, int port, Path dataDir, Clock clock,
                                  SimpulProperties.TargetSimulator settings) {
        super(name, port, dataDir, clock, settings, WORKFLOW, "");
    }

    protected SiCantikCloudSimulator(String name, int port, Path dataDir, Clock clock,
                                     SimpulProperties.TargetSimulator settings, String numberPrefix) {
        super(name, port, dataDir, clock, settings, WORKFLOW, numberPrefix);
    }

    @Override
    public String flavour() {
        return "sicantik-cloud";
    }

    @Override
    protected Reply register(Request request) {
        String expected = settings.token();
        if (expected != null && !expected.isBlank()
                && !("Bearer " + expected).equals(header(request, "Authorization").orElse(""))) {
            return Reply.json(401, error("Token tidak valid"));
        }
        return registerJson(request.getBodyAsString(), header(request, "Idempotency-Key").orElse(null));
    }

    /** SiCantik Cloud's registration on a JSON body (also behind SPLP). */
    protected Reply registerJson(String body, String idempotencyKey) {
        JsonNode json;
        try {
            json = Json.tree(body);
        } catch (RuntimeException e) {
            return Reply.json(400, error("Format data tidak valid"));
        }
        if (json == null || !json.isObject()) {
            return Reply.json(400, error("Format data tidak valid"));
        }
        Map<String, String> fields = fields(json);
        for (String field : REQUIRED) {
            if (fields.getOrDefault(field, "").isBlank()) {
                return Reply.json(422, error(field + " wajib diisi"));
            }
        }
        LocalPermits.Registered registered = permits.register(fields, idempotencyKey);
        ObjectNode data = Json.MAPPER.createObjectNode()
                .put("no_permohonan", registered.permit().number())
                .put("jenis_izin_id", fields.get("jenis_izin_id"))
                .put("status", "Proses");
        ObjectNode reply = Json.MAPPER.createObjectNode().put("success", true)
                .put("message", registered.existing() ? "Permohonan sudah terdaftar" : "Permohonan berhasil didaftarkan");
        reply.set("data", data);
        return Reply.json(registered.existing() ? 200 : 201, reply);
    }

    @Override
    protected Reply outputs(Request request) {
        return Reply.json(200, keluaran(query(request)));
    }

    /** The keluaran page: {@code {"success":true,"message":"","data":{"data":[…],"count":[{"data":N}]}}}. */
    protected ObjectNode keluaran(Map<String, String> query) {
        int limit = Math.max(1, intParam(query, "limit", 100));
        int offset = Math.max(0, intParam(query, "offset", 0));
        List<LocalPermits.View> all = permits.all();
        ArrayNode rows = Json.MAPPER.createArrayNode();
        all.stream().skip(offset).limit(limit).forEach(v -> rows.add(row(v)));
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.set("data", rows);
        data.putArray("count").addObject().put("data", all.size());
        ObjectNode root = Json.MAPPER.createObjectNode().put("success", true).put("message", "");
        root.set("data", data);
        return root;
    }

    @Override
    protected MappingBuilder writes() {
        return post(urlPathEqualTo("/api/v1/permohonan"));
    }

    @Override
    protected MappingBuilder reads() {
        return get(urlPathMatching("/api/TemplateData/keluaran/.*"));
    }

    @Override
    protected String errorBody(int status, String message) {
        return Json.write(error(message));
    }

    protected static ObjectNode error(String message) {
        return Json.MAPPER.createObjectNode().put("success", false).put("message", message);
    }
}
