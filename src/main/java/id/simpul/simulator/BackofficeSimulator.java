package id.simpul.simulator;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import id.simpul.platform.SimpulProperties;
import id.simpul.platform.json.Json;
import id.simpul.simulator.LocalPermits.Step;
import id.simpul.simulator.LocalPermits.View;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The older on-premise SiCantik backoffice ({@code sicantik-backoffice}): form POST
 * {@code /backoffice/api/pendaftaran} (header {@code X-API-KEY}) answering
 * {@code {"status":"success","no_pendaftaran":"<16 digits>"}}, and the XML list
 * {@code GET /backoffice/api/pendaftaran?id_izin_oss=&limit=&offset=}. It knows no idempotency key:
 * every POST is a new registration, so the hub must look before it creates. Local steps in its own
 * words: PENDAFTARAN → VERIFIKASI BERKAS → PENETAPAN → SELESAI (PENYERAHAN); or DITOLAK.
 */
public class BackofficeSimulator extends PermitSystemSimulator {

    static final LocalPermits.Workflow WORKFLOW = new LocalPermits.Workflow(List.of(
            new Step("DIPROSES", "PENDAFTARAN"), new Step("DIPROSES", "VERIFIKASI BERKAS"),
            new Step("DIPROSES", "PENETAPAN"), new Step("SELESAI", "PENYERAHAN")), new Step("DITOLAK", "PENETAPAN"));
    static final String PATH = "/backoffice/api/pendaftaran";

    public BackofficeSimulator(String name, int port, Path dataDir, Clock clock,
                               SimpulProperties.TargetSimulator settings) {
        super(name, port, dataDir, clock, settings, WORKFLOW, "9");
    }

    @Override
    public String flavour() {
        return "sicantik-backoffice";
    }

    private Reply gate(Request request) {
        String key = settings.apiKey();
        if (key != null && !key.isBlank() && !key.equals(header(request, "X-API-KEY").orElse(""))) {
            return new Reply(401, "application/json", errorBody(401, "API key tidak valid"));
        }
        return null;
    }

    @Override
    protected Reply register(Request request) {
        Reply refused = gate(request);
        if (refused != null) {
            return refused;
        }
        Map<String, String> fields = form(request.getBodyAsString());
        for (String required : List.of("jenis_izin_id", "nama_pemohon")) {
            if (fields.getOrDefault(required, "").isBlank()) {
                return new Reply(400, "application/json", errorBody(400, required + " wajib diisi"));
            }
        }
        // The backoffice's own field names, plus the ones its keluaran shows.
        Map<String, String> stored = new LinkedHashMap<>(fields);
        stored.put("nama", fields.get("nama_pemohon"));
        stored.put("alamat", fields.get("alamat_pemohon"));
        LocalPermits.Registered registered = permits.register(stored, null);
        return Reply.json(200, Json.MAPPER.createObjectNode().put("status", "success")
                .put("no_pendaftaran", registered.permit().number()));
    }

    @Override
    protected Reply outputs(Request request) {
        Reply refused = gate(request);
        if (refused != null) {
            return refused;
        }
        Map<String, String> query = query(request);
        String idIzin = query.get("id_izin_oss");
        int limit = Math.max(1, intParam(query, "limit", 100));
        int offset = Math.max(0, intParam(query, "offset", 0));
        List<View> rows = permits.all().stream()
                .filter(v -> idIzin == null || idIzin.equals(v.permit().field("id_izin_oss")))
                .toList();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<daftar_pendaftaran total=\"").append(rows.size()).append("\">\n");
        rows.stream().skip(offset).limit(limit).forEach(v -> {
            xml.append("  <pendaftaran>\n");
            xmlRow(v).forEach((k, val) -> xml.append("    <").append(k).append('>').append(escape(val))
                    .append("</").append(k).append(">\n"));
            xml.append("  </pendaftaran>\n");
        });
        xml.append("</daftar_pendaftaran>\n");
        return new Reply(200, "application/xml", xml.toString());
    }

    private Map<String, String> xmlRow(View v) {
        ObjectNode cloud = row(v);
        Map<String, String> row = new LinkedHashMap<>();
        row.put("no_pendaftaran", v.permit().number());
        row.put("id_izin_oss", v.permit().field("id_izin_oss"));
        row.put("no_referensi", v.permit().field("no_referensi"));
        row.put("jenis_izin_id", v.permit().field("jenis_izin_id"));
        row.put("nama_pemohon", v.permit().field("nama_pemohon"));
        row.put("nama_perusahaan", v.permit().field("nama_perusahaan"));
        row.put("status", v.step().status());
        row.put("tahapan", v.step().name());
        row.put("tgl_pendaftaran", v.permit().registeredAt().atZone(JAKARTA).toLocalDate().toString());
        row.put("tgl_penetapan", v.decidedOn() == null ? "" : v.decidedOn().toString());
        row.put("no_izin", v.noIzin() == null ? "" : v.noIzin());
        row.put("tgl_berlaku", v.validUntil() == null ? "" : v.validUntil().toString());
        row.put("nama_ttd", cloud.path("nama_ttd").asText());
        row.put("nip_ttd", cloud.path("nip_ttd").asText());
        row.put("jabatan_ttd", cloud.path("jabatan_ttd").asText());
        row.put("file_izin", cloud.path("file_izin").asText());
        return row;
    }

    private static String escape(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    protected MappingBuilder writes() {
        return post(urlPathEqualTo(PATH));
    }

    @Override
    protected MappingBuilder reads() {
        return get(urlPathEqualTo(PATH));
    }

    @Override
    protected String errorBody(int status, String message) {
        return Json.write(Json.MAPPER.createObjectNode().put("status", "error").put("message", message));
    }
}
