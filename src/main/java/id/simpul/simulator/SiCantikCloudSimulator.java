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
 * The office's own permits (registered at its counter for types OSS does not handle, {@link OfficePermits}) are
 * listed by {@code GET /api/v1/izin-daerah?since=<cursor>&limit=n} (bearer token): the permits changed after
 * the cursor, oldest change first, and the cursor to ask from next; the hub's own registrations are not in it.
 */
public class SiCantikCloudSimulator extends PermitSystemSimulator {

    static final LocalPermits.Workflow WORKFLOW = new LocalPermits.Workflow(List.of(
            new Step("Proses", "Entri Data"), new Step("Proses", "Verifikasi"), new Step("Proses", "Penetapan Izin"),
            new Step("Selesai", "Penyerahan")), new Step("Ditolak", "Penetapan Izin"));
    static final List<String> REQUIRED = List.of("jenis_izin_id", "id_izin_oss", "nama");
    static final String OFFICE_PERMITS_PATH = "/api/v1/izin-daerah";
    static final int MAX_OFFICE_PAGE = 200;

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
        if (!authorised(request)) {
            return Reply.json(401, error("Token tidak valid"));
        }
        return registerJson(request.getBodyAsString(), header(request, "Idempotency-Key").orElse(null));
    }

    /** The bearer token the simulator was given, when it was given one. */
    private boolean authorised(Request request) {
        String expected = settings.token();
        return expected == null || expected.isBlank()
                || ("Bearer " + expected).equals(header(request, "Authorization").orElse(""));
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
        if (OFFICE_PERMITS_PATH.equals(java.net.URI.create(request.getUrl()).getPath())) {
            return officePermits(request);
        }
        return Reply.json(200, keluaran(query(request)));
    }

    /** {@code {"success":true,"message":"","data":{"items":[…],"next":"<cursor>"}}}. */
    private Reply officePermits(Request request) {
        if (!authorised(request)) {
            return Reply.json(401, error("Token tidak valid"));
        }
        Map<String, String> query = query(request);
        String since = query.getOrDefault("since", "");
        if (!since.isBlank() && !since.matches("-?[0-9]{1,19}(\\.[0-9A-Za-z]{0,40})?")) {
            return Reply.json(400, error("since tidak valid"));
        }
        int limit = Math.min(MAX_OFFICE_PAGE, Math.max(1, intParam(query, "limit", 50)));
        List<LocalPermits.View> changed = permits.officeChangesAfter(since, limit);
        ArrayNode items = Json.MAPPER.createArrayNode();
        changed.forEach(v -> items.add(officeRow(v)));
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.set("items", items);
        data.put("next", changed.isEmpty() ? since : changed.get(changed.size() - 1).cursor());
        ObjectNode root = Json.MAPPER.createObjectNode().put("success", true).put("message", "");
        root.set("data", data);
        return Reply.json(200, root);
    }

    /** An office permit as the office lists it: the keluaran fields and what the counter recorded besides. */
    ObjectNode officeRow(LocalPermits.View v) {
        ObjectNode row = row(v);
        row.remove("id_izin_oss");
        LocalPermits.Permit p = v.permit();
        for (String field : OfficePermits.FIELDS) {
            if (p.field(field) != null) {
                row.put(field, p.field(field));
            }
        }
        row.put("diperbarui", v.updatedAt().toString());
        return row;
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
        // The office's own list is a read too: read faults answer it as they answer the keluaran.
        return get(urlPathMatching("/api/TemplateData/keluaran/.*|" + OFFICE_PERMITS_PATH));
    }

    @Override
    protected String errorBody(int status, String message) {
        return Json.write(error(message));
    }

    protected static ObjectNode error(String message) {
        return Json.MAPPER.createObjectNode().put("success", false).put("message", message);
    }
}
