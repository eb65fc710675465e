package id.simpul.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.SimpulProperties.Target;
import id.simpul.platform.failure.PermanentFailureException;
import id.simpul.platform.failure.TransientFailureException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * SiCantik's public output list ({@code GET …/api/TemplateData/keluaran/{id}.json}), read page by
 * page: {@code {"success":true,"message":"","data":{"data":[rows…],"count":[{"data":N}]}}}; a row
 * carries {@code no_permohonan}, {@code status}, {@code nama_proses}, {@code no_izin},
 * {@code tgl_penetapan}, …; dates as dd-MM-yyyy or yyyy-MM-dd. Used by every flavour that exposes it
 * (directly, through SPLP, or read-only for manual offices).
 */
final class Keluaran {

    static final int PAGE_SIZE = 100;
    private static final int MAX_PAGES = 200;

    private Keluaran() {
    }

    /** The path and query of one page, relative to the target's base URL ({@code prefix} before {@code /api}). */
    static String page(Target target, String prefix, int offset) {
        String id = target.backSync().outputsId();
        if (id == null || id.isBlank()) {
            throw new PermanentFailureException("target " + target.id()
                    + " has no back-sync.outputs-id (the SiCantik keluaran template listing its permits)");
        }
        return prefix + "/api/TemplateData/keluaran/" + id.strip() + ".json?limit=" + PAGE_SIZE + "&offset=" + offset;
    }

    /** Reads all pages; {@code fetch} takes an offset and returns that page's JSON. */
    static List<LocalStatus> readAll(String system, Function<Integer, JsonNode> fetch) {
        List<LocalStatus> all = new ArrayList<>();
        for (int page = 0; page < MAX_PAGES; page++) {
            JsonNode root = fetch.apply(all.size());
            if (!root.path("success").asBoolean(false)) {
                // Not the target's message: it can quote applicants' data, and this lands in the log.
                throw new TransientFailureException(system + " outputs not available, no success flag "
                        + TargetHttp.describe(root.toString()));
            }
            JsonNode rows = root.path("data").path("data");
            long count = root.path("data").path("count").path(0).path("data").asLong(rows.size());
            rows.forEach(row -> all.add(row(row)));
            if (rows.isEmpty() || all.size() >= count) {
                break;
            }
        }
        return all;
    }

    static LocalStatus row(JsonNode row) {
        return new LocalStatus(
                text(row, "no_permohonan"),
                text(row, "id_izin_oss"),
                text(row, "status"),
                text(row, "nama_proses"),
                text(row, "no_izin"),
                LocalStatus.isoDate(text(row, "tgl_penetapan")),
                LocalStatus.isoDate(text(row, "tgl_berlaku")),
                text(row, "nama_ttd"),
                text(row, "nip_ttd"),
                text(row, "jabatan_ttd"),
                text(row, "file_izin"),
                text(row, "keterangan"));
    }

    private static String text(JsonNode row, String field) {
        JsonNode v = row.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        String s = v.asText().strip();
        return s.isEmpty() ? null : s;
    }
}
