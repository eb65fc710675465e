package id.simpul.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import id.simpul.platform.SimpulProperties;
import id.simpul.platform.json.ContentHash;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a NIB's content is, whichever way it reached the hub: pushed by OSS ({@code receiveNIB}) or
 * fetched by the hub ({@code inqueryNIB}, for the sweep and backfills). The two shapes differ; this
 * class brings an inquery to the push's shape and defines the content hash so that the same NIB
 * gives the same hash both ways, and a real change a new one.
 */
public final class NibContent {

    /** Top-level receiveNIB fields naming the permit a push is about; inqueryNIB has them only in data_checklist. */
    static final List<String> ROUTING = List.of("id_izin", "kd_izin", "kd_daerah", "kewenangan");
    /**
     * Checklist fields an inqueryNIB answer carries that a push does not, or carries with another meaning,
     * so they never enter a version fetched by the hub. In a push, {@code no_izin}, {@code tgl_izin} and
     * {@code file_izin} are a licence issued before OSS; in an inquiry they are the licence the region
     * issued through the hub (PIA field tables of both operations), which must not come back to the region
     * as if it were the applicant's old licence.
     */
    private static final Set<String> INQUERY_ONLY_CHECKLIST = Set.of("status_checklist", "file_izin_oss", "data_teknis",
            "no_izin", "tgl_izin", "file_izin");
    /**
     * Checklist fields only one of the two shapes carries with the push's meaning: the inquiry's own fields
     * and the push's {@code kbli_konversi} and {@code data_produk_halal}, which inqueryNIB does not return.
     * {@link #hashes} leaves them out of the shared hash, so that the sweep does not take a fetched NIB for
     * new content only because it lacks them.
     */
    private static final Set<String> ONE_SIDED_CHECKLIST = Stream.concat(INQUERY_ONLY_CHECKLIST.stream(),
            Stream.of("kbli_konversi", "data_produk_halal")).collect(Collectors.toUnmodifiableSet());
    /**
     * Fields outside the checklist only one shape may carry. In the PIA's examples of the two operations, a
     * push has {@code flag_perubahan_data_teknis} and, for each product of a project
     * ({@code data_proyek[].data_proyek_produk[]}), its halal and SNI certificates and {@code tipe_cakupan};
     * the inquiry has neither. {@code jenis_perubahan_terakhir} is in both examples but in neither field table,
     * so a sender of another PIA version may leave it out on one side (a fetched NIB keeps it).
     * {@link #hashes} leaves them out of the shared hash.
     */
    private static final Set<String> ONE_SIDED_CONTEXT = Set.of("flag_perubahan_data_teknis",
            "jenis_perubahan_terakhir");
    private static final Set<String> ONE_SIDED_PRODUCT = Set.of("flag_memiliki_halal", "nomor_sertifikat_halal",
            "masa_berlaku_sertifikat_halal", "flag_memiliki_sni", "nomor_sni", "masa_berlaku_sni", "flag_self_declare",
            "tipe_cakupan");
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private NibContent() {
    }

    /**
     * The checklist entries meant for this region: its place and an authority level the office holds
     * ({@link SimpulProperties.Region#serves(String, String)}). When OSS sends no checklist, the permit
     * named in dataNIB itself (id_izin, kd_izin, kd_daerah) is the one routed to us, by place only:
     * dataNIB's own {@code kewenangan} is coded differently in receiveNIBSTPW and receiveNIBPSE
     * (02 province, 03 regency) than in every checklist (01 province, 02 regency).
     */
    public static List<ObjectNode> routedToRegion(ObjectNode data, SimpulProperties.Region region) {
        List<ObjectNode> ours = new ArrayList<>();
        JsonNode checklist = data.get("data_checklist");
        if (checklist instanceof ArrayNode entries) {
            for (JsonNode e : entries) {
                String idIzin = OssPayloadReader.text(e.get("id_izin"));
                if (idIzin != null && e.isObject() && region.serves(OssPayloadReader.text(e.get("kd_daerah")),
                        OssPayloadReader.text(e.get("kewenangan")))) {
                    ours.add((ObjectNode) e);
                }
            }
        }
        String ownIzin = OssPayloadReader.text(data.get("id_izin"));
        if (ours.isEmpty() && ownIzin != null && region.serves(OssPayloadReader.text(data.get("kd_daerah")))) {
            ObjectNode synthetic = F.objectNode();
            for (String field : ROUTING) {
                synthetic.put(field, OssPayloadReader.text(data.get(field)));
            }
            ours.add(synthetic);
        }
        return ours;
    }

    /** dataNIB without its checklist: the business and its people, shared by every permit of the NIB. */
    public static ObjectNode context(ObjectNode data) {
        ObjectNode context = data.deepCopy();
        context.remove("data_checklist");
        return context;
    }

    /**
     * Both content hashes of one permit of a NIB: its context and its checklist entry, with NPWPs compared
     * by their 15 digits (formatted {@code 09.254.294.3-312.000}, plain, or inqueryNIB's {@code 0}+15)
     * and without the push's routing fields (the entry carries the permit's own), on top of
     * {@link ContentHash}'s rules (key order, "5" and 5, "" and null do not matter). The context is
     * written out once for both:
     * <ul>
     * <li>{@code content}: the version's identity. A push that changes only
     * {@code kbli_konversi} is a new version.</li>
     * <li>{@code shared}: the same without the fields only one of receiveNIB and inqueryNIB carries with the
     * push's meaning: in the checklist, and {@link #ONE_SIDED_CONTEXT} / {@link #ONE_SIDED_PRODUCT} outside
     * it. The sweep and the backfill compare fetched content by it. Without
     * it, a permit whose push carried {@code kbli_konversi}, or that the region had issued (the inquiry
     * then carries the region's licence number and file), looked changed to the sweep and went to the
     * region a second time as a new version.</li>
     * </ul>
     */
    public static Hashes hashes(ObjectNode context, ObjectNode checklistEntry) {
        ObjectNode c = (ObjectNode) normaliseNpwp(context.deepCopy());
        ROUTING.forEach(c::remove);
        String dataNib = ContentHash.canonical(c);
        ObjectNode entry = (ObjectNode) normaliseNpwp(checklistEntry.deepCopy());
        String content = ContentHash.ofMembers(new TreeMap<>(Map.of("dataNIB", dataNib,
                "checklist", ContentHash.canonical(entry))));
        ONE_SIDED_CHECKLIST.forEach(entry::remove);
        String shared = ContentHash.ofMembers(new TreeMap<>(Map.of("dataNIB", withoutOneSided(c, dataNib),
                "checklist", ContentHash.canonical(entry))));
        return new Hashes(content, shared);
    }

    /**
     * The context's canonical text without {@link #ONE_SIDED_CONTEXT} and {@link #ONE_SIDED_PRODUCT};
     * {@code canonical} itself when it has none of them.
     */
    private static String withoutOneSided(ObjectNode context, String canonical) {
        ObjectNode c = null;
        for (String field : ONE_SIDED_CONTEXT) {
            if (context.has(field)) {
                c = c == null ? context.deepCopy() : c;
                c.remove(field);
            }
        }
        if (context.get("data_proyek") instanceof ArrayNode projects) {
            for (int i = 0; i < projects.size(); i++) {
                if (!(projects.get(i).get("data_proyek_produk") instanceof ArrayNode products)) {
                    continue;
                }
                for (int j = 0; j < products.size(); j++) {
                    JsonNode product = products.get(j);
                    if (product.isObject() && ONE_SIDED_PRODUCT.stream().anyMatch(product::has)) {
                        c = c == null ? context.deepCopy() : c;
                        ((ObjectNode) c.get("data_proyek").get(i).get("data_proyek_produk").get(j))
                                .remove(ONE_SIDED_PRODUCT);
                    }
                }
            }
        }
        return c == null ? canonical : ContentHash.canonical(c);
    }

    /** A permit's content hashes; see {@link #hashes}. */
    public record Hashes(String content, String shared) {
    }

    /**
     * An inqueryNIB {@code dataNIB} in receiveNIB's shape: keys without whitespace ({@code "tipe_dokumen "},
     * {@code "nm_ dokumen"}), NPWPs in their 15-digit form, inquery-only checklist fields dropped, and the
     * top-level routing fields of the first checklist entry routed to this region, as OSS pushes them.
     */
    public static ObjectNode fromInquery(ObjectNode inquery, SimpulProperties.Region region) {
        ObjectNode data = (ObjectNode) normaliseNpwp(cleanKeys(inquery));
        if (data.get("data_checklist") instanceof ArrayNode entries) {
            for (JsonNode e : entries) {
                if (e instanceof ObjectNode entry) {
                    INQUERY_ONLY_CHECKLIST.forEach(entry::remove);
                }
            }
        }
        List<ObjectNode> ours = routedToRegion(data, region);
        if (!ours.isEmpty() && OssPayloadReader.text(data.get("id_izin")) == null) {
            ObjectNode first = ours.get(0);
            for (String field : ROUTING) {
                JsonNode value = first.get(field);
                data.set(field, value == null ? F.nullNode() : value);
            }
        }
        return data;
    }

    /** Every {@code npwp*} value as 15 digits when it is an NPWP in any of its written forms. */
    private static JsonNode normaliseNpwp(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            List<Map.Entry<String, JsonNode>> replaced = new ArrayList<>();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (f.getKey().startsWith("npwp") && f.getValue().isValueNode() && !f.getValue().isNull()) {
                    String npwp15 = npwp15(f.getValue().asText());
                    if (npwp15 != null) {
                        replaced.add(Map.entry(f.getKey(), TextNode.valueOf(npwp15)));
                    }
                } else {
                    normaliseNpwp(f.getValue());
                }
            }
            replaced.forEach(r -> object.set(r.getKey(), r.getValue()));
        } else if (node instanceof ArrayNode array) {
            array.forEach(NibContent::normaliseNpwp);
        }
        return node;
    }

    /** 15 digits for {@code 99.999.999.9-999.999}, {@code 999999999999999} or {@code 0}+15; null for anything else. */
    static String npwp15(String text) {
        if (text == null || !text.matches("[0-9.\\- ]+")) {
            return null;
        }
        String digits = text.replaceAll("[^0-9]", "");
        if (digits.length() == 16 && digits.charAt(0) == '0') {
            return digits.substring(1);
        }
        return digits.length() == 15 ? digits : null;
    }

    private static ObjectNode cleanKeys(ObjectNode node) {
        return (ObjectNode) cleanKeys((JsonNode) node);
    }

    private static JsonNode cleanKeys(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = F.objectNode();
            node.fields().forEachRemaining(f -> out.set(f.getKey().replaceAll("\\s+", ""), cleanKeys(f.getValue())));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = F.arrayNode();
            node.forEach(e -> out.add(cleanKeys(e)));
            return out;
        }
        return node;
    }
}
