package id.simpul.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.simpul.canonical.CodeLists;
import id.simpul.platform.json.Json;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated OSS's answers to the K/L/D → OSS operations, from {@link OssSimulatorState}, in the
 * shapes of the PIA 4.3.22 examples: {@code inqueryNIB}, {@code fetchNIB}, {@code checkLicenseStatus},
 * {@code inqueryLicense}, {@code receiveLicenseStatus}, {@code receiveLicense}. Business errors come
 * as HTTP 200 with the {@code kode} in the body, as OSS does; a missing {@code user_key} as HTTP 401.
 */
final class OssSimulatorReplies {

    static final List<String> OPERATIONS = List.of("inqueryNIB", "checkLicenseStatus", "inqueryLicense", "fetchNIB",
            "receiveLicenseStatus", "receiveLicense");

    /** PIA Lampiran 9. */
    private static final Map<Integer, String> KETERANGAN = Map.of(
            200, "Sukses",
            400, "Data Parameter Salah",
            401, "User Akses Tidak Valid",
            403, "Ilegal Inquery /Akses",
            404, "Data / Service Tidak Ditemukan",
            405, "Akses Service Ditolak",
            500, "Proses Payload Data Di Sistem OSS Gagal",
            504, "Proses Payload Data Di Sistem OSS Timeout");

    /** PIA Lampiran 10, the statuses the simulator names. */
    private static final Map<String, String> STATUS = Map.ofEntries(
            Map.entry("05", "Proses Penapisan"), Map.entry("09", "Telah Melengkapi Persyaratan"),
            Map.entry("10", "Dokumen Lengkap"), Map.entry("11", "Dokumen Belum Lengkap"),
            Map.entry("12", "Pemenuhan Komitmen"), Map.entry("20", "Validasi"), Map.entry("40", "Inspeksi"),
            Map.entry("45", "Persyaratan terverifikasi"), Map.entry("49", "Pengambilan Nomor"),
            Map.entry("50", "Disetujui"), Map.entry("52", "Terbit Sementara"),
            Map.entry("57", "Disetujui secara otomatis oleh sistem OSS"), Map.entry("90", "Ditolak"),
            Map.entry("93", "Penolakan Persyaratan"));

    /** receiveLicenseStatus' IZINSTATUS fields the PIA does not mark optional ({@code [..]} in its field table). */
    private static final List<String> IZINSTATUS_REQUIRED = List.of("nib", "id_produk", "id_proyek", "oss_id",
            "id_izin", "kd_izin", "kd_instansi", "kd_status", "tgl_status", "nip_status", "nama_status", "keterangan");

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    record Reply(int status, ObjectNode body) {
    }

    private final OssSimulatorState state;
    private final OssSimulatorFaults faults;

    OssSimulatorReplies(OssSimulatorState state, OssSimulatorFaults faults) {
        this.state = state;
        this.faults = faults;
    }

    Reply answer(String op, String body, String userKey) {
        if (userKey == null || userKey.isBlank()) {
            return new Reply(401, error(op, 401, null));
        }
        JsonNode params;
        try {
            JsonNode root = Json.tree(body == null || body.isBlank() ? "{}" : body);
            params = field(root, requestRoot(op));
        } catch (RuntimeException e) {
            return new Reply(200, error(op, 400, "Format JSON tidak valid"));
        }
        if (params == null || !params.isObject()) {
            return new Reply(200, error(op, 400, "Parameter " + requestRoot(op) + " tidak ditemukan"));
        }
        return switch (op) {
            case "inqueryNIB" -> inqueryNib(params);
            case "fetchNIB" -> fetchNib(params);
            case "checkLicenseStatus" -> checkLicenseStatus(params);
            case "inqueryLicense" -> inqueryLicense(params);
            case "receiveLicenseStatus" -> receiveLicenseStatus(params);
            case "receiveLicense" -> receiveLicense(params);
            default -> new Reply(404, error(op, 404, null));
        };
    }

    /** A PIA error reply for the operation, kode as number or string as the quirks say (or as forced). */
    ObjectNode error(String op, int kode, String keterangan, Boolean kodeAsString) {
        String text = keterangan != null ? keterangan : KETERANGAN.getOrDefault(kode, "Gagal");
        boolean asString = kodeAsString != null ? kodeAsString : faults.kodeAsString();
        if (op.equals("inqueryLicense")) {
            ObjectNode inner = F.objectNode();
            putKode(inner, "code", kode, asString);
            inner.put("success", false).put("message", text).putNull("data");
            return root(op, inner, false);
        }
        ObjectNode inner = F.objectNode();
        putKode(inner, "kode", kode, asString);
        inner.put("keterangan", text);
        switch (op) {
            case "inqueryNIB" -> inner.putArray("dataNIB");
            case "checkLicenseStatus" -> inner.putObject("dataIZIN").put("id_izin", "");
            case "receiveLicenseStatus" -> inner.putObject("dataNIB");
            case "fetchNIB" -> inner.putNull("dataNIB");
            default -> { }
        }
        return root(op, inner, false);
    }

    ObjectNode error(String op, int kode, String keterangan) {
        return error(op, kode, keterangan, null);
    }

    private Reply inqueryNib(JsonNode p) {
        String nib = text(p.get("nib"));
        String npwp = text(p.get("npwp"));
        if (nib == null && npwp == null) {
            return new Reply(200, error("inqueryNIB", 400, "Parameter nib atau npwp wajib diisi"));
        }
        Optional<ObjectNode> data = nib != null ? state.nib(nib) : state.nibByNpwp(npwp);
        if (data.isEmpty()) {
            return new Reply(200, error("inqueryNIB", 400, "Data NIB tidak ditemukan"));
        }
        return new Reply(200, ok("inqueryNIB", "", "dataNIB", asInqueryNib(data.get())));
    }

    /**
     * A pushed receiveNIB as inqueryNIB returns it: no routing fields at the top (id_izin, kd_izin,
     * kd_daerah, kewenangan live in data_checklist), the 16-digit NPWP ({@code 0} + 15), the guide's own
     * {@code "tipe_dokumen "} key with a trailing space, without the push's {@code flag_perubahan_data_teknis}
     * and its products' halal/SNI fields, and each checklist entry as the PIA lists it for
     * inqueryNIB: its OSS status and technical data, without the push's {@code kbli_konversi} and
     * {@code data_produk_halal}, and with the licence the region issued ({@code no_izin}, {@code tgl_izin},
     * {@code file_izin}) once it has reported one (receiveLicense).
     */
    private ObjectNode asInqueryNib(ObjectNode pushed) {
        ObjectNode d = pushed.deepCopy();
        for (String routing : List.of("id_izin", "kd_izin", "kd_daerah", "kewenangan")) {
            d.remove(routing);
        }
        String npwp = OssSimulatorState.npwp15(d.path("npwp_perseroan").asText(null));
        if (npwp != null && npwp.length() == 15) {
            d.put("npwp_perseroan", "0" + npwp);
        }
        if (!d.has("jenis_perubahan_terakhir")) {
            d.put("jenis_perubahan_terakhir", "");
        }
        // What the PIA's inqueryNIB example does not return of a push (its receiveNIB example has them).
        d.remove("flag_perubahan_data_teknis");
        for (JsonNode project : d.path("data_proyek")) {
            for (JsonNode product : project.path("data_proyek_produk")) {
                if (product instanceof ObjectNode p) {
                    p.remove(List.of("flag_memiliki_halal", "nomor_sertifikat_halal", "masa_berlaku_sertifikat_halal",
                            "flag_memiliki_sni", "nomor_sni", "masa_berlaku_sni", "flag_self_declare", "tipe_cakupan"));
                }
            }
        }
        JsonNode tipe = d.remove("tipe_dokumen");
        d.set("tipe_dokumen ", tipe == null ? F.textNode("9") : tipe);
        if (d.get("data_checklist") instanceof ArrayNode checklist) {
            for (JsonNode e : checklist) {
                ObjectNode entry = (ObjectNode) e;
                String idIzin = text(entry.get("id_izin"));
                entry.put("status_checklist", idIzin == null ? "" : currentStatus(idIzin)[0]);
                entry.put("file_izin_oss", "");
                entry.remove(List.of("kbli_konversi", "data_produk_halal"));
                entry.putObject("data_teknis");
                Optional<ObjectNode> issued = idIzin == null ? Optional.empty() : state.license(idIzin);
                entry.put("no_izin", issued.map(l -> text(l.get("nomor_izin"))).orElse(""));
                entry.put("tgl_izin", issued.map(l -> text(l.get("tgl_terbit_izin"))).orElse(""));
                entry.put("file_izin", issued.map(l -> text(l.get("file_izin"))).orElse(""));
            }
        }
        return d;
    }

    private Reply fetchNib(JsonNode p) {
        String nib = text(p.get("nib"));
        if (nib == null) {
            ObjectNode body = error("fetchNIB", 400, "parameter tidak ditemukan");
            ((ObjectNode) body.get(rootKey("fetchNIB", false))).putArray("meta").addObject()
                    .put("message", "nib is required").put("field", "nib");
            return new Reply(200, body);
        }
        Optional<ObjectNode> found = state.nib(nib);
        if (found.isEmpty()) {
            return new Reply(200, error("fetchNIB", 400, "Data NIB tidak ditemukan"));
        }
        ObjectNode d = found.get();
        ObjectNode out = F.objectNode();
        out.put("_id", nib);
        for (String f : List.of("nib", "tgl_pengajuan_nib", "tgl_terbit_nib", "tgl_perubahan_nib", "oss_id",
                "jenis_pelaku_usaha", "skala_usaha", "status_penanaman_modal", "nama_perseroan", "alamat_perseroan",
                "rt_rw_perseroan", "perseroan_daerah_id")) {
            out.set(f, d.get(f) == null ? F.nullNode() : d.get(f));
        }
        out.set("jenis_perusahaan", d.get("jenis_perseroan"));
        ArrayNode projects = out.putArray("data_proyek");
        for (JsonNode pr : d.path("data_proyek")) {
            ObjectNode project = projects.addObject()
                    .put("id_proyek", text(pr.get("id_proyek")))
                    .put("kd_resiko", text(pr.get("skala_resiko")))
                    .put("jenis_proyek", text(pr.get("jenis_proyek")))
                    .put("uraian_usaha", text(pr.get("uraian_usaha")));
            ArrayNode kbli = project.putArray("kbli");
            for (JsonNode e : d.path("data_checklist")) {
                String idProyek = text(e.get("id_proyek"));
                if (idProyek == null || !idProyek.equals(text(pr.get("id_proyek")))) {
                    continue;
                }
                String idIzin = text(e.get("id_izin"));
                kbli.addObject()
                        .put("kbli", text(pr.get("kbli")))
                        .put("nama_kbli", text(pr.get("uraian_usaha")))
                        .put("id_izin", idIzin)
                        .put("no_izin", state.license(idIzin).map(l -> text(l.get("nomor_izin"))).orElse(null))
                        .put("kd_izin", text(e.get("kd_izin")))
                        .put("tipe_oss", "RBA")
                        .put("jenis_perizinan", text(e.get("jenis_izin")))
                        .putNull("tgl_masa_berlaku");
            }
        }
        ObjectNode body = ok("fetchNIB", "", "dataNIB", out);
        ((ObjectNode) body.get(rootKey("fetchNIB", true))).putNull("meta");
        return new Reply(200, body);
    }

    private Reply checkLicenseStatus(JsonNode p) {
        String idIzin = text(p.get("id_izin"));
        if (idIzin == null) {
            return new Reply(200, error("checkLicenseStatus", 400, "Parameter id_izin wajib diisi"));
        }
        Optional<ObjectNode> data = state.nibOfIzin(idIzin).flatMap(state::nib);
        if (data.isEmpty()) {
            return new Reply(200, error("checkLicenseStatus", 400, "Data izin tidak ditemukan"));
        }
        ObjectNode entry = checklistEntry(data.get(), idIzin);
        String[] status = currentStatus(idIzin);
        ObjectNode izin = F.objectNode()
                .put("nib", text(data.get().get("nib")))
                .put("id_proyek", text(entry.get("id_proyek")))
                .put("id_izin", idIzin)
                .put("kd_status", status[0])
                .put("uraian_status", status[1])
                .put("file_lampiran", status[2] == null ? "" : status[2]);
        return new Reply(200, ok("checkLicenseStatus", "Sukses", "dataIZIN", izin));
    }

    private Reply inqueryLicense(JsonNode p) {
        String idIzin = text(p.get("id_izin"));
        if (idIzin == null) {
            ObjectNode body = error("inqueryLicense", 400, "Parameter tidak ditemukan");
            ((ObjectNode) body.get("dataLicense")).putArray("meta").addObject()
                    .put("message", "INQUERYLICENSE.id_izin is not allowed to be empty").put("field", "id_izin");
            return new Reply(200, body);
        }
        Optional<ObjectNode> found = state.nibOfIzin(idIzin).flatMap(state::nib);
        if (found.isEmpty()) {
            return new Reply(200, error("inqueryLicense", 404, null));
        }
        ObjectNode d = found.get();
        ObjectNode entry = checklistEntry(d, idIzin).deepCopy();
        if (!p.path("data_persyaratan").asBoolean(false)) {
            entry.remove("data_persyaratan");
        }
        state.license(idIzin).ifPresent(l -> entry.put("no_izin", text(l.get("nomor_izin")))
                .put("tgl_izin", text(l.get("tgl_terbit_izin"))));
        ObjectNode data = F.objectNode()
                .put("oss_id", text(d.get("oss_id")))
                .put("id_izin", idIzin)
                .put("kd_izin", text(entry.get("kd_izin")))
                .put("kd_daerah", text(entry.get("kd_daerah")))
                .put("kewenangan", text(entry.get("kewenangan")));
        ArrayNode projects = data.putArray("data_proyek");
        for (JsonNode pr : d.path("data_proyek")) {
            if (text(entry.get("id_proyek")) == null || text(entry.get("id_proyek")).equals(text(pr.get("id_proyek")))) {
                ObjectNode project = pr.deepCopy();
                project.remove("data_lokasi_proyek");
                projects.add(project);
            }
        }
        data.putArray("data_checklist").add(entry);
        ObjectNode inner = F.objectNode().put("success", true);
        putKode(inner, "code", 200, faults.kodeAsString());
        inner.put("message", "Berhasil mendapatkan data izin");
        inner.set("data", data);
        inner.putNull("meta");
        return new Reply(200, root("inqueryLicense", inner, true));
    }

    private Reply receiveLicenseStatus(JsonNode p) {
        Optional<String> wrong = izinStatusProblem(p);
        if (wrong.isPresent()) {
            return new Reply(200, error("receiveLicenseStatus", 400, "Data Parameter Salah: " + wrong.get()));
        }
        String idIzin = text(p.get("id_izin"));
        String kdStatus = text(p.get("kd_status"));
        if (state.nibOfIzin(idIzin).isEmpty()) {
            return new Reply(200, error("receiveLicenseStatus", 400, "Data izin tidak ditemukan"));
        }
        state.status(idIzin, kdStatus, STATUS.getOrDefault(kdStatus, text(p.get("keterangan"))),
                text(p.get("file_lampiran")), "receiveLicenseStatus");
        return new Reply(200, ok("receiveLicenseStatus", "Sukses", "dataNIB", F.objectNode()));
    }

    /**
     * What OSS would refuse in an IZINSTATUS, or empty. The PIA's field table (receiveLicenseStatus) marks
     * only {@code persetujuan_form}, {@code file_lampiran} and {@code data_pnbp} optional; every other field
     * must be sent, even empty, as the guide's own example does. The ids, the status (a Lampiran 10 code)
     * and its time ("YYYY-MM-DD HH:II:SS") cannot be empty. Accepting less would let a sender that leaves
     * fields out pass here and fail at OSS.
     */
    static Optional<String> izinStatusProblem(JsonNode p) {
        for (String field : IZINSTATUS_REQUIRED) {
            if (!p.has(field) || p.get(field).isContainerNode()) {
                return Optional.of("IZINSTATUS." + field + " wajib dikirim");
            }
        }
        for (String field : List.of("nib", "id_izin", "kd_status", "tgl_status")) {
            if (text(p.get(field)) == null) {
                return Optional.of("IZINSTATUS." + field + " tidak boleh kosong");
            }
        }
        String kdStatus = text(p.get("kd_status"));
        if (!kdStatus.matches("\\d{2}") || CodeLists.pia().list(CodeLists.STATUS_IZIN)
                .flatMap(l -> l.entry(kdStatus)).isEmpty()) {
            return Optional.of("IZINSTATUS.kd_status " + kdStatus + " bukan kode status izin (Lampiran 10)");
        }
        if (!text(p.get("tgl_status")).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}")) {
            return Optional.of("IZINSTATUS.tgl_status harus berformat YYYY-MM-DD HH:II:SS");
        }
        return Optional.empty();
    }

    private Reply receiveLicense(JsonNode p) {
        String idIzin = text(p.get("id_izin"));
        if (idIzin == null) {
            return new Reply(200, error("receiveLicense", 400, "Parameter id_izin wajib diisi"));
        }
        if (state.nibOfIzin(idIzin).isEmpty()) {
            return new Reply(200, error("receiveLicense", 400, "Data izin tidak ditemukan"));
        }
        String nomor = state.license(idIzin, (ObjectNode) p);
        String kdStatus = text(p.get("status_izin")) == null ? "50" : text(p.get("status_izin"));
        state.status(idIzin, kdStatus, STATUS.getOrDefault(kdStatus, "Izin terbit"), text(p.get("file_izin")),
                "receiveLicense");
        ObjectNode inner = F.objectNode();
        putKode(inner, "kode", 200, faults.kodeAsString());
        inner.put("keterangan", "Sukses")
                .put("nomor_izin", nomor)
                .put("jenis_perizinan", text(p.get("jenis_perizinan")))
                .put("file_lampiran", text(p.get("file_lampiran")));
        return new Reply(200, root("receiveLicense", inner, true));
    }

    /** [kd_status, uraian_status, file_lampiran]: the latest reported, or 09 for a permit OSS routed but nobody updated. */
    private String[] currentStatus(String idIzin) {
        return state.status(idIzin)
                .map(s -> new String[] {text(s.get("kd_status")), text(s.get("uraian_status")), text(s.get("file_lampiran"))})
                .orElse(new String[] {"09", STATUS.get("09"), null});
    }

    private static ObjectNode checklistEntry(ObjectNode data, String idIzin) {
        for (JsonNode e : data.path("data_checklist")) {
            if (idIzin.equals(text(e.get("id_izin")))) {
                return (ObjectNode) e;
            }
        }
        // A push without checklist names its permit at the top.
        ObjectNode synthetic = F.objectNode();
        for (String f : List.of("id_izin", "kd_izin", "kd_daerah", "kewenangan")) {
            synthetic.set(f, data.get(f));
        }
        return synthetic;
    }

    private ObjectNode ok(String op, String keterangan, String dataField, JsonNode data) {
        ObjectNode inner = F.objectNode();
        putKode(inner, "kode", 200, faults.kodeAsString());
        inner.put("keterangan", keterangan);
        inner.set(dataField, data);
        return root(op, inner, true);
    }

    private ObjectNode root(String op, ObjectNode inner, boolean success) {
        ObjectNode root = F.objectNode();
        root.set(rootKey(op, success), inner);
        return root;
    }

    /**
     * The root key as the guide's examples spell it (checkLicenseStatus: {@code responcheckStatusLicense}
     * on success, {@code responsecheckStatusLicense} on error); with the alternate-roots quirk, the
     * field table's spelling ({@code responcheckLicenseStatus}) or {@code response<op>}.
     */
    private String rootKey(String op, boolean success) {
        boolean alternate = faults.alternateRoots();
        return switch (op) {
            case "inqueryLicense" -> "dataLicense";
            case "checkLicenseStatus" -> alternate ? "responcheckLicenseStatus"
                    : success ? "responcheckStatusLicense" : "responsecheckStatusLicense";
            default -> (alternate ? "response" : "respon") + op;
        };
    }

    private static String requestRoot(String op) {
        return switch (op) {
            case "receiveLicenseStatus" -> "IZINSTATUS";
            case "receiveLicense" -> "IZINFINAL";
            default -> op.toUpperCase();
        };
    }

    private static void putKode(ObjectNode node, String field, int kode, boolean asString) {
        if (asString) {
            node.put(field, String.valueOf(kode));
        } else {
            node.put(field, kode);
        }
    }

    /** A field by name, ignoring case (senders write INQUERYNIB, inqueryNIB, ...). */
    private static JsonNode field(JsonNode root, String name) {
        if (root == null || !root.isObject()) {
            return null;
        }
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (n.strip().equalsIgnoreCase(name)) {
                return root.get(n);
            }
        }
        return null;
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isContainerNode()) {
            return null;
        }
        String s = node.asText().strip();
        return s.isEmpty() ? null : s;
    }
}
