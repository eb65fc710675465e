package id.simpul.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.simpul.intake.OssToken;
import id.simpul.platform.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the simulated OSS knows: every NIB it pushed (in {@code receiveNIB} shape, keys trimmed), the
 * statuses and final permits the region reported back, and which NIB each {@code id_izin} belongs
 * to, and where its pushes stand ({@link OssPushScheduler}). Kept in
 * {@code <data-dir>/simulators/oss/state.jsonl} so a restarted hub finds the same OSS: each change appends one
 * line ({@link JsonLines}), since a demo left running for days pushes thousands of NIBs and rewriting all of them
 * at every push grew with the demo's age. The file is compacted when loaded.
 */
public final class OssSimulatorState {

    private static final Logger log = LoggerFactory.getLogger(OssSimulatorState.class);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final Path file;
    private final Clock clock;
    private final Map<String, ObjectNode> nibs = new LinkedHashMap<>();
    /** id_izin → latest status: kd_status, uraian_status, file_lampiran, source operation. */
    private final Map<String, ObjectNode> statuses = new LinkedHashMap<>();
    /** id_izin → the IZINFINAL the region sent, with the nomor_izin OSS gave it. */
    private final Map<String, ObjectNode> licenses = new LinkedHashMap<>();
    private final Map<String, String> nibOfIzin = new LinkedHashMap<>();
    private long sequence;
    /** Where the push side stands (generator position, re-send cadence); null before its first push. */
    private ObjectNode pusher;
    /** Lines in the file, compacted or not: bounds it while the hub runs. */
    private long linesInFile;

    /**
     * @param file where the state is kept across restarts; null keeps it in memory only
     */
    public OssSimulatorState(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
        load();
    }

    /** Remembers a NIB as pushed ({@code {"dataNIB":{...}}} or the dataNIB itself); a later push replaces it. */
    public synchronized String remember(JsonNode push) {
        return remember(push, null);
    }

    /** Remembers a NIB the push side generated, with where the push side stands after it, in one write. */
    public synchronized String remember(JsonNode push, ObjectNode pusher) {
        JsonNode data = push.has("dataNIB") ? push.get("dataNIB") : push;
        if (!data.isObject() || !data.hasNonNull("nib")) {
            throw new IllegalArgumentException("dataNIB.nib is required");
        }
        ObjectNode trimmed = (ObjectNode) trimKeys(data);
        String nib = trimmed.get("nib").asText().strip();
        nibs.put(nib, trimmed);
        index(nib, trimmed);
        if (pusher != null) {
            this.pusher = pusher.deepCopy();
        }
        save(nibRecord(nib, trimmed, pusher));
        return nib;
    }

    public synchronized boolean knows(String nib) {
        return nib != null && nibs.containsKey(nib.strip());
    }

    public synchronized Optional<ObjectNode> nib(String nib) {
        ObjectNode data = nib == null ? null : nibs.get(nib.strip());
        return Optional.ofNullable(data == null ? null : data.deepCopy());
    }

    /** The n-th NIB pushed (n modulo how many; oldest first), empty when none was. */
    public synchronized Optional<ObjectNode> nibAt(int n) {
        if (nibs.isEmpty()) {
            return Optional.empty();
        }
        return nibs.values().stream().skip(Math.floorMod(n, nibs.size())).findFirst().map(ObjectNode::deepCopy);
    }

    /** The NIB whose {@code npwp_perseroan} is this NPWP, in its 15- or 16-digit form, formatted or not. */
    public synchronized Optional<ObjectNode> nibByNpwp(String npwp) {
        String wanted = npwp15(npwp);
        if (wanted == null) {
            return Optional.empty();
        }
        return nibs.values().stream().filter(d -> wanted.equals(npwp15(d.path("npwp_perseroan").asText(""))))
                .findFirst().map(ObjectNode::deepCopy);
    }

    public synchronized Optional<String> nibOfIzin(String idIzin) {
        return Optional.ofNullable(idIzin == null ? null : nibOfIzin.get(idIzin.strip()));
    }

    /**
     * Changes a NIB as OSS would when the business updates it: {@code tgl_perubahan_nib} becomes today,
     * {@code tipe_dokumen} 5 (update), and the given fields take their new values (by default the
     * company address gets a suffix, so the content really differs).
     */
    public synchronized Optional<ObjectNode> change(String nib, ObjectNode fields) {
        return change(nib, fields, null);
    }

    /** Changes a NIB for the push side, with where the push side stands after it, in one write. */
    public synchronized Optional<ObjectNode> change(String nib, ObjectNode fields, ObjectNode pusher) {
        ObjectNode data = nibs.get(nib);
        if (data == null) {
            return Optional.empty();
        }
        if (pusher != null) {
            this.pusher = pusher.deepCopy();
        }
        sequence++;
        data.put("tgl_perubahan_nib", LocalDate.now(clock.withZone(OssToken.JAKARTA)).toString());
        data.put("tipe_dokumen", "5");
        if (fields == null || fields.isEmpty()) {
            data.put("alamat_perseroan", data.path("alamat_perseroan").asText("").replaceAll(" \\(perubahan \\d+\\)$", "")
                    + " (perubahan " + sequence + ")");
        } else {
            fields.fields().forEachRemaining(f -> data.set(f.getKey().strip(), f.getValue()));
        }
        index(nib, data);
        save(nibRecord(nib, data, pusher).put(SEQUENCE, sequence));
        return Optional.of(data.deepCopy());
    }

    /** Stores a status the region reported ({@code IZINSTATUS} or the {@code status_izin} of an {@code IZINFINAL}). */
    public synchronized void status(String idIzin, String kdStatus, String uraian, String fileLampiran, String source) {
        ObjectNode s = F.objectNode()
                .put("kd_status", kdStatus)
                .put("uraian_status", uraian)
                .put("file_lampiran", fileLampiran)
                .put("source", source)
                .put("at", clock.instant().toString());
        statuses.put(idIzin, s);
        save(F.objectNode().put(STATUS, idIzin).set(VALUE, s));
    }

    public synchronized Optional<ObjectNode> status(String idIzin) {
        ObjectNode s = statuses.get(idIzin);
        return Optional.ofNullable(s == null ? null : s.deepCopy());
    }

    /** Stores a final permit and returns the nomor_izin OSS gives it (the one sent, or a new one). */
    public synchronized String license(String idIzin, ObjectNode izinFinal) {
        ObjectNode copy = izinFinal.deepCopy();
        String nomor = copy.path("nomor_izin").asText("").strip();
        if (nomor.isEmpty()) {
            sequence++;
            nomor = String.format("503/%05d/DPMPTSP/%d", sequence, LocalDate.now(clock).getYear());
            copy.put("nomor_izin", nomor);
        }
        licenses.put(idIzin, copy);
        save(F.objectNode().put(LICENSE, idIzin).put(SEQUENCE, sequence).set(VALUE, copy));
        return nomor;
    }

    /** Where the push side stood at its last push, if it made one. */
    public synchronized Optional<ObjectNode> pusher() {
        return Optional.ofNullable(pusher == null ? null : pusher.deepCopy());
    }

    public synchronized Optional<ObjectNode> license(String idIzin) {
        ObjectNode l = licenses.get(idIzin);
        return Optional.ofNullable(l == null ? null : l.deepCopy());
    }

    public synchronized ObjectNode summary() {
        ObjectNode s = F.objectNode();
        s.put("nibs", nibs.size());
        s.put("permits", nibOfIzin.size());
        s.put("statuses", statuses.size());
        s.put("licenses", licenses.size());
        return s;
    }

    /** Forgets everything but where the push side stands, so it does not push the same NIBs again (tests). */
    public synchronized void clear() {
        nibs.clear();
        statuses.clear();
        licenses.clear();
        nibOfIzin.clear();
        if (file != null) {
            JsonLines.rewrite(file, List.of(header()));
            linesInFile = 1;
        }
    }

    /** The 15-digit NPWP: digits only, a 16-digit {@code 0}+15 form shortened; null when there are no digits. */
    static String npwp15(String npwp) {
        if (npwp == null) {
            return null;
        }
        String digits = npwp.replaceAll("[^0-9]", "");
        if (digits.length() == 16 && digits.charAt(0) == '0') {
            return digits.substring(1);
        }
        return digits.isEmpty() ? null : digits;
    }

    private void index(String nib, ObjectNode data) {
        if (data.hasNonNull("id_izin")) {
            nibOfIzin.put(data.get("id_izin").asText().strip(), nib);
        }
        JsonNode checklist = data.get("data_checklist");
        if (checklist instanceof ArrayNode entries) {
            for (JsonNode e : entries) {
                String idIzin = e.path("id_izin").asText("").strip();
                if (!idIzin.isEmpty()) {
                    nibOfIzin.put(idIzin, nib);
                }
            }
        }
    }

    private static JsonNode trimKeys(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = F.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                out.set(f.getKey().strip(), trimKeys(f.getValue()));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = F.arrayNode();
            node.forEach(e -> out.add(trimKeys(e)));
            return out;
        }
        return node;
    }

    private static final String NIB = "nib";
    private static final String STATUS = "status";
    private static final String LICENSE = "license";
    private static final String VALUE = "value";
    private static final String SEQUENCE = "sequence";
    private static final String PUSHER = "pusher";
    /** Lines appended beyond twice the compacted size before the file is compacted while running. */
    static final int COMPACT_AFTER = 1000;

    /** A NIB's line; it carries where the push side stands after it, so that both are kept or neither. */
    private static ObjectNode nibRecord(String nib, ObjectNode data, ObjectNode pusher) {
        ObjectNode record = F.objectNode().put(NIB, nib);
        record.set(VALUE, data);
        if (pusher != null) {
            record.set(PUSHER, pusher);
        }
        return record;
    }

    /** The first line of a compacted file: the sequence and where the push side stands. */
    private ObjectNode header() {
        ObjectNode header = F.objectNode().put(SEQUENCE, sequence);
        if (pusher != null) {
            header.set(PUSHER, pusher);
        }
        return header;
    }

    private void load() {
        if (file == null) {
            return;
        }
        try {
            if (!Files.exists(file) && loadBeforeJsonLines()) {
                compact();
                Files.delete(legacyFile());
                return;
            }
            JsonLines.Loaded loaded = JsonLines.read(file);
            int unreadable = loaded.unreadable();
            for (JsonNode record : loaded.records()) {
                if (!apply(record)) {
                    unreadable++;
                }
            }
            if (loaded.records().isEmpty() && unreadable == 0) {
                return;
            }
            log.info("OSS simulator state loaded: {} NIB(s), {} status(es), {} final permit(s){}", nibs.size(),
                    statuses.size(), licenses.size(),
                    unreadable == 0 ? "" : " (" + unreadable + " unreadable line(s) skipped)");
            linesInFile = loaded.records().size() + loaded.unreadable();
            if (linesInFile > items()) {
                compact();
            }
        } catch (IOException | RuntimeException e) {
            log.warn("OSS simulator state {} unreadable, starting empty: {}", file, e.toString());
        }
    }

    /** Applies one line; false when it is not one this state writes. */
    private boolean apply(JsonNode record) {
        if (record.path(SEQUENCE).isNumber()) {
            sequence = record.get(SEQUENCE).asLong();
        }
        if (record.path(PUSHER).isObject()) {
            pusher = (ObjectNode) record.get(PUSHER);
        }
        JsonNode value = record.path(VALUE);
        if (record.path(NIB).isTextual() && value.isObject()) {
            nibs.put(record.get(NIB).asText(), (ObjectNode) value);
            index(record.get(NIB).asText(), (ObjectNode) value);
        } else if (record.path(STATUS).isTextual() && value.isObject()) {
            statuses.put(record.get(STATUS).asText(), (ObjectNode) value);
        } else if (record.path(LICENSE).isTextual() && value.isObject()) {
            licenses.put(record.get(LICENSE).asText(), (ObjectNode) value);
        } else {
            return record.has(SEQUENCE);
        }
        return true;
    }

    /** {@code state.json} beside {@code state.jsonl}: the whole state in one document, as builds before kept it. */
    private Path legacyFile() {
        String name = file.getFileName().toString();
        return file.resolveSibling(name.endsWith(".jsonl") ? name.substring(0, name.length() - 1) : name + ".json");
    }

    private boolean loadBeforeJsonLines() throws IOException {
        Path legacy = legacyFile();
        if (!Files.isRegularFile(legacy)) {
            return false;
        }
        JsonNode root = Json.tree(Files.readString(legacy));
        root.path("nibs").fields().forEachRemaining(f -> {
            nibs.put(f.getKey(), (ObjectNode) f.getValue());
            index(f.getKey(), (ObjectNode) f.getValue());
        });
        root.path("statuses").fields().forEachRemaining(f -> statuses.put(f.getKey(), (ObjectNode) f.getValue()));
        root.path("licenses").fields().forEachRemaining(f -> licenses.put(f.getKey(), (ObjectNode) f.getValue()));
        sequence = root.path(SEQUENCE).asLong(0);
        pusher = root.path(PUSHER).isObject() ? (ObjectNode) root.get(PUSHER) : null;
        log.info("OSS simulator state of an earlier build ({}) moved to {}: {} NIB(s)", legacy, file, nibs.size());
        return true;
    }

    /** One line per NIB, status and final permit, after the header. */
    private void compact() {
        List<JsonNode> records = new ArrayList<>();
        records.add(header());
        nibs.forEach((nib, data) -> records.add(nibRecord(nib, data, null)));
        statuses.forEach((idIzin, value) -> records.add(F.objectNode().put(STATUS, idIzin).set(VALUE, value)));
        licenses.forEach((idIzin, value) -> records.add(F.objectNode().put(LICENSE, idIzin).set(VALUE, value)));
        JsonLines.rewrite(file, records);
        linesInFile = records.size();
    }

    /** Lines a compacted file has: the header, then one per NIB, status and final permit. */
    private int items() {
        return 1 + nibs.size() + statuses.size() + licenses.size();
    }

    private void save(ObjectNode record) {
        if (file == null) {
            return;
        }
        JsonLines.append(file, List.of(record));
        // Every push's line carries where the pushes stand (up to some hundred NIBs it may change): a demo
        // left running for days would otherwise grow its file by tens of MB a day until the next start.
        if (++linesInFile > 2L * items() + COMPACT_AFTER) {
            compact();
        }
    }
}
