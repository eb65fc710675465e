package id.simpul.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.simpul.platform.SimpulProperties;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads OSS pushes tolerantly and checks them strictly (issue 3): unknown fields pass, keys lose
 * stray whitespace (the PIA's own {@code "tipe_dokumen "}), numbers and strings are both accepted
 * where either is meant; but what cannot be processed (not JSON, invalid UTF-8, duplicate keys,
 * absurd nesting, wrong structure, a missing or malformed NIB, a value longer than the store holds) is
 * refused with the field named. Refusals never quote the body: it carries NIKs and phone numbers.
 */
public final class OssPayloadReader {

    static final int MAX_DEPTH = 64;
    static final int MAX_STRING = 1_000_000;
    static final int MAX_NUMBER = 64;
    // What the store's columns hold of a push (V1 sync_ledger, V2 permit_document), not the PIA's nominal
    // lengths (string(25) for id_izin, string(3) for receiveFileDS.id_izin), which real OSS data may exceed.
    static final int ID_IZIN_MAX = 40;
    static final int OSS_ID_MAX = 40;
    static final int KD_DAERAH_MAX = 10;
    static final int FILE_URL_MAX = 4000;
    // A NIK is 16 digits, a passport number shorter; the applicant registry keeps its digits encrypted in
    // nik_cipher VARCHAR(200) (V20), which holds about 120.
    static final int IDENTITY_MAX = 64;
    private static final Pattern NIB = Pattern.compile("[0-9]{13}");
    /** The dates the mappings read ({@code c:date}): yyyy-MM-dd or dd-MM-yyyy, a time part after it ignored. */
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{2}-[0-9]{2}-[0-9]{4}");

    private static final ObjectMapper STRICT = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .maxStringLength(MAX_STRING)
                            .maxNumberLength(MAX_NUMBER)
                            .build())
                    .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private OssPayloadReader() {
    }

    /** Parses a push body and returns it with keys trimmed; refuses malformed input with an {@link OssInputException}. */
    public static ObjectNode read(byte[] body) {
        if (body == null || body.length == 0) {
            throw new OssInputException(400, "Body kosong: diharapkan objek JSON");
        }
        JsonNode root;
        try {
            root = STRICT.readTree(body);
        } catch (StreamConstraintsException e) {
            throw new OssInputException(400, "JSON terlalu dalam atau terlalu besar: " + limit(e));
        } catch (JsonProcessingException e) {
            throw new OssInputException(400, "Body bukan JSON yang valid: " + describe(e));
        } catch (IOException e) {
            // The reader's message may quote the body; a byte array fails here only on bytes that are not text.
            throw new OssInputException(400, "Body tidak dapat dibaca sebagai teks JSON");
        }
        if (root == null || root.isMissingNode()) {
            throw new OssInputException(400, "Body kosong: diharapkan objek JSON");
        }
        if (!root.isObject()) {
            throw new OssInputException(400, "Struktur salah: root harus objek JSON, diterima " + root.getNodeType());
        }
        return (ObjectNode) trimKeys(root, "");
    }

    /**
     * Checks a push's structure for its operation and returns the data object (for the NIB family
     * {@code dataNIB} / {@code dataNIBSTPW} / {@code dataNIBPSE}; for receiveFileDS its object).
     */
    public static ObjectNode requireData(ObjectNode root, OssOperation operation) {
        String rootKey = operation.rootKey();
        JsonNode data = root.get(rootKey);
        if (data == null || data.isNull()) {
            throw new OssInputException(400, "Field " + rootKey + " wajib diisi");
        }
        if (!data.isObject()) {
            throw new OssInputException(400, "Field " + rootKey + " harus objek, diterima " + data.getNodeType());
        }
        requireNib(data, rootKey);
        if (operation.kind() == OssOperation.Kind.FILE_DS) {
            requireText(data, rootKey, "id_izin");
            String url = requireText(data, rootKey, "file_izin");
            if (!url.matches("(?i)https?://\\S+")) {
                throw new OssInputException(400, "Field " + rootKey + ".file_izin harus URL http(s)");
            }
            requireFits(data, rootKey, "id_izin", ID_IZIN_MAX);
            requireFits(data, rootKey, "file_izin", FILE_URL_MAX);
            return (ObjectNode) data;
        }
        requireScalar(data, rootKey, "id_izin");
        requireScalar(data, rootKey, "kd_daerah");
        requireArrayOfObjects(data, rootKey, "data_checklist");
        requireArrayOfObjects(data, rootKey, "data_proyek");
        requireArrayOfObjects(data, rootKey, "penanggung_jwb");
        requireArrayOfObjects(data, rootKey, "pemegang_saham");
        requireArrayOfObjects(data, rootKey, "legalitas");
        JsonNode checklist = data.get("data_checklist");
        if (checklist != null && checklist.isArray()) {
            for (int i = 0; i < checklist.size(); i++) {
                String path = rootKey + ".data_checklist[" + i + "]";
                requireScalar(checklist.get(i), path, "id_izin");
                requireScalar(checklist.get(i), path, "kd_daerah");
                requireArrayOfObjects(checklist.get(i), path, "data_persyaratan");
            }
        }
        return (ObjectNode) data;
    }

    /**
     * Refuses a push whose permits for this region carry a value longer than the ledger records (id_izin,
     * oss_id, kd_daerah): refused now, OSS hears which field; found only when the push is recorded, it would
     * be acknowledged and then dead-lettered whole, its valid permits with it. Checklist entries for other
     * regions are only context and are not held to these limits. A receiveFileDS push routes no permit (its
     * lengths are checked by {@link #requireData}).
     *
     * @param data the data object {@link #requireData} returned
     */
    public static void requireStorable(ObjectNode data, OssOperation operation, SimpulProperties.Region region) {
        List<ObjectNode> routed = NibContent.routedToRegion(data, region);
        if (routed.isEmpty()) {
            return;
        }
        String rootKey = operation.rootKey();
        requireFits(data, rootKey, "oss_id", OSS_ID_MAX);
        JsonNode checklist = data.get("data_checklist");
        for (ObjectNode entry : routed) {
            // An entry of the checklist, or the permit dataNIB names itself when no entry is routed here.
            String path = rootKey;
            for (int i = 0; checklist != null && i < checklist.size(); i++) {
                if (checklist.get(i) == entry) {
                    path = rootKey + ".data_checklist[" + i + "]";
                    break;
                }
            }
            requireFits(entry, path, "id_izin", ID_IZIN_MAX);
            requireFits(entry, path, "kd_daerah", KD_DAERAH_MAX);
        }
        requireApplicant(data, rootKey);
    }

    /**
     * Refuses what the applicant of a permit this region receives cannot be made of: acknowledged, the permit was
     * mapped and then dead-lettered whole (the canonical schema takes an NPWP of 15 or 16 digits, a birth date as
     * yyyy-MM-dd and a person with a name), and a NIK longer than the applicant registry holds failed its write. The
     * fields are those the OSS mappings read ({@code mappings/oss/receiveNIB/default.jslt}); an absent one passes.
     */
    private static void requireApplicant(ObjectNode data, String rootKey) {
        requireNpwp(data, rootKey, "npwp_perseroan");
        requireDate(data, rootKey, "tgl_lahir_user_proses");
        JsonNode people = data.get("penanggung_jwb");
        JsonNode person = people != null && people.isArray() && !people.isEmpty() ? people.get(0) : null;
        String path = rootKey + ".penanggung_jwb[0]";
        if (person != null) {
            requireNpwp(person, path, "npwp_penanggung_jwb");
            // Not held to be text: the mapping takes a list of NIKs as its JSON text, which the registry keeps as it
            // keeps any malformed NIK. Only its length is what the registry cannot hold.
            JsonNode identity = person.get("no_identitas_penanggung_jwb");
            int length = identity == null ? 0 : identity.isContainerNode() ? identity.toString().length()
                    : text(identity) == null ? 0 : text(identity).length();
            if (length > IDENTITY_MAX) {
                throw new OssInputException(400, "Field " + path + ".no_identitas_penanggung_jwb terlalu panjang: "
                        + length + " karakter, paling banyak " + IDENTITY_MAX);
            }
            requireScalar(person, path, "nama_penanggung_jwb");
        }
        // An individual applies as the person answerable for the business (the mappings' rule: PIA Lampiran 18
        // jenis_pelaku_usaha 02, or Lampiran 2 jenis_perseroan 17), and a person has a name.
        boolean individual = "02".equals(text(data.get("jenis_pelaku_usaha"))) || "17".equals(text(data.get("jenis_perseroan")));
        if (individual && (person == null || text(person.get("nama_penanggung_jwb")) == null)) {
            throw new OssInputException(400, "Field " + path + ".nama_penanggung_jwb wajib diisi untuk pelaku usaha"
                    + " perseorangan");
        }
    }

    private static void requireNpwp(JsonNode data, String path, String field) {
        requireScalar(data, path, field);
        String value = text(data.get(field));
        int digits = value == null ? 0 : value.replaceAll("[^0-9]", "").length();
        if (digits != 0 && digits != 15 && digits != 16) {
            throw new OssInputException(400, "Field " + path + "." + field + " harus NPWP 15 atau 16 digit, diterima "
                    + digits + " digit");
        }
    }

    private static void requireDate(JsonNode data, String path, String field) {
        requireScalar(data, path, field);
        String value = text(data.get(field));
        if (value != null && !DATE.matcher(value).lookingAt()) {
            throw new OssInputException(400, "Field " + path + "." + field + " harus tanggal yyyy-MM-dd atau dd-MM-yyyy");
        }
    }

    /**
     * Refuses a push with a checklist entry of this region (its {@code kd_daerah} and {@code kewenangan}) that has
     * no {@code id_izin}: there is no key to record it under, and passed over as context it was acknowledged and
     * dropped, so OSS never sent it again. For pushes only: a NIB the hub fetched has no caller to tell, and its
     * other permits are not held back for it.
     *
     * @param data the data object {@link #requireData} returned
     */
    public static void requireRoutedIds(ObjectNode data, OssOperation operation, SimpulProperties.Region region) {
        JsonNode checklist = data.get("data_checklist");
        for (int i = 0; checklist != null && checklist.isArray() && i < checklist.size(); i++) {
            JsonNode entry = checklist.get(i);
            if (entry.isObject() && text(entry.get("id_izin")) == null
                    && region.serves(text(entry.get("kd_daerah")), text(entry.get("kewenangan")))) {
                throw new OssInputException(400, "Field " + operation.rootKey() + ".data_checklist[" + i
                        + "].id_izin wajib diisi");
            }
        }
    }

    private static void requireFits(JsonNode data, String path, String field, int max) {
        String value = text(data.get(field));
        if (value != null && value.length() > max) {
            throw new OssInputException(400, "Field " + path + "." + field + " terlalu panjang: " + value.length()
                    + " karakter, paling banyak " + max);
        }
    }

    /** The receiveNIB shape ({@code dataNIB}); kept for callers that only handle receiveNIB. */
    public static ObjectNode requireDataNib(ObjectNode root) {
        return requireData(root, OssOperation.RECEIVE_NIB);
    }

    private static void requireNib(JsonNode data, String rootKey) {
        JsonNode node = data.get("nib");
        if (node != null && node.isContainerNode()) {
            throw new OssInputException(400, "Field " + rootKey + ".nib harus teks 13 digit");
        }
        String nib = text(node);
        if (nib == null) {
            throw new OssInputException(400, "Field " + rootKey + ".nib wajib diisi");
        }
        if (!NIB.matcher(nib).matches()) {
            throw new OssInputException(400, "Field " + rootKey + ".nib harus 13 digit angka");
        }
    }

    private static String requireText(JsonNode data, String path, String field) {
        requireScalar(data, path, field);
        String value = text(data.get(field));
        if (value == null) {
            throw new OssInputException(400, "Field " + path + "." + field + " wajib diisi");
        }
        return value;
    }

    private static void requireScalar(JsonNode data, String path, String field) {
        JsonNode node = data.get(field);
        if (node != null && node.isContainerNode()) {
            throw new OssInputException(400, "Field " + path + "." + field + " harus teks, diterima "
                    + node.getNodeType());
        }
    }

    /** A scalar as trimmed text (numbers included), or null for null, missing or blank. */
    public static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode() || node.isContainerNode()) {
            return null;
        }
        String s = node.isNumber() ? node.numberValue().toString() : node.asText();
        if (node.isNumber() && node.isIntegralNumber()) {
            s = node.bigIntegerValue().toString();
        }
        s = s.strip();
        return s.isEmpty() ? null : s;
    }

    private static void requireArrayOfObjects(JsonNode parent, String path, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isTextual() && node.asText().isBlank()) {
            // Taken as no list, and handed on as none: a mapping iterating it would fail on "" after the push was
            // acknowledged ("For loop can't iterate over \"\""), dead-lettering the permit.
            ((ObjectNode) parent).remove(field);
            return;
        }
        if (!node.isArray()) {
            throw new OssInputException(400, "Field " + path + "." + field + " harus array, diterima "
                    + node.getNodeType());
        }
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isObject()) {
                throw new OssInputException(400, "Field " + path + "." + field + "[" + i + "] harus objek");
            }
        }
    }

    private static JsonNode trimKeys(JsonNode node, String path) {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String key = f.getKey().strip();
                if (out.has(key)) {
                    throw new OssInputException(400, "Field ganda: " + path + key);
                }
                out.set(key, trimKeys(f.getValue(), path + key + "."));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode(node.size());
            for (JsonNode element : node) {
                out.add(trimKeys(element, path));
            }
            return out;
        }
        if (node.isTextual() && node.textValue().indexOf('\u0000') >= 0) {
            // PostgreSQL's text cannot hold NUL: acknowledged, such a push would fail at its first write, and in a
            // name or address it would fail the applicant registry's write, which holds every later write behind it.
            throw new OssInputException(400, "Field " + (path.endsWith(".") ? path.substring(0, path.length() - 1) : path)
                    + " berisi karakter NUL (\\u0000), yang tidak dapat disimpan");
        }
        return node;
    }

    /**
     * What is wrong and where, never the parser's own message: it quotes the offending token ("Unrecognized
     * token 'NIK3171…'"), which can be a NIK or a phone number, and the refusal goes to the log and to OSS.
     */
    private static String describe(JsonProcessingException e) {
        String kind;
        if (e instanceof JsonEOFException) {
            kind = "body terpotong";
        } else if (e instanceof MismatchedInputException) {
            // The one mismatch reading a tree can meet: FAIL_ON_TRAILING_TOKENS.
            kind = "ada data setelah nilai JSON";
        } else if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")) {
            kind = "field ganda";
        } else {
            kind = "token tidak valid";
        }
        return e.getLocation() == null ? kind
                : kind + " (baris " + e.getLocation().getLineNr() + ", kolom " + e.getLocation().getColumnNr() + ")";
    }

    /**
     * Which of the reader's limits the body broke, in the hub's words: Jackson's own message names its classes
     * and methods ("from `StreamReadConstraints.getMaxNestingDepth()`"), which tell OSS nothing it can act on.
     */
    private static String limit(StreamConstraintsException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (message.startsWith("Document nesting depth")) {
            return "bersarang lebih dari " + MAX_DEPTH + " tingkat";
        }
        if (message.startsWith("String value length")) {
            return "teks lebih dari " + MAX_STRING + " karakter";
        }
        if (message.startsWith("Number value length")) {
            return "angka lebih dari " + MAX_NUMBER + " digit";
        }
        if (message.startsWith("Name length")) {
            return "nama field terlalu panjang";
        }
        return "melebihi batas baca body";
    }
}
