package id.simpul.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.SimpulProperties.Target;
import id.simpul.platform.failure.PermanentFailureException;
import id.simpul.platform.failure.TransientFailureException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

/**
 * The older on-premise SiCantik backoffice ({@code sicantik-backoffice} flavour): form POST
 * {@code /backoffice/api/pendaftaran} answering {@code {"status":"success","no_pendaftaran":"…"}},
 * and a read-only list {@code GET /backoffice/api/pendaftaran} answering XML. Header
 * {@code X-API-KEY}.
 *
 * <p>It knows no idempotency key, so every push looks before it creates: the key travels as the form
 * field {@code no_referensi}, and the list filtered by {@code id_izin_oss} is searched for it first.
 * Two pushes of one version at once would both find nothing and both create: {@link #idempotentByKey()}
 * is false, so the hub lets one attempt at a time run under a lease on the version (ADR 0005).
 */
@Component
public class BackofficeClient implements TargetAdapter {

    static final String PATH = "/backoffice/api/pendaftaran";
    static final String KEY_FIELD = "no_referensi";

    private final TargetHttp http;

    public BackofficeClient(TargetHttp http) {
        this.http = http;
    }

    @Override
    public String flavour() {
        return "sicantik-backoffice";
    }

    @Override
    public TargetReceipt register(Target target, RegistrationRequest request) {
        Optional<String> existing = list(target, "id_izin_oss=" + encode(request.idIzin())).stream()
                .filter(row -> request.idempotencyKey().equals(row.get(KEY_FIELD)))
                .map(row -> row.get("no_pendaftaran"))
                .filter(no -> no != null && !no.isBlank())
                .findFirst();
        if (existing.isPresent()) {
            return new TargetReceipt(existing.get(), true);
        }
        Map<String, String> form = new LinkedHashMap<>();
        flatten("", request.body(), form);
        form.put(KEY_FIELD, request.idempotencyKey());
        HttpRequest post = HttpRequest.newBuilder(URI.create(target.baseUrl() + PATH))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("X-API-KEY", target.apiKey() == null ? "" : target.apiKey())
                .POST(HttpRequest.BodyPublishers.ofString(formEncode(form)))
                .build();
        HttpResponse<String> response = http.send(target.id(), target.connectTimeout(), target.readTimeout(), post);
        if (!TargetHttp.ok(response.statusCode())) {
            throw TargetHttp.failure(target.id(), response.statusCode(), response.body());
        }
        JsonNode node = SiCantikClient.readable(target.id(), response.body());
        if (!"success".equalsIgnoreCase(node.path("status").asText())) {
            throw new PermanentFailureException(target.id() + " refused the registration "
                    + TargetHttp.describe(response.body()));
        }
        String no = node.path("no_pendaftaran").asText(null);
        if (no == null || no.isBlank()) {
            throw new TransientFailureException(target.id() + " answered success without no_pendaftaran");
        }
        return new TargetReceipt(no);
    }

    @Override
    public List<LocalStatus> outputs(Target target) {
        List<LocalStatus> all = new ArrayList<>();
        for (int page = 0; page < 200; page++) {
            List<Map<String, String>> rows = list(target, "limit=" + Keluaran.PAGE_SIZE + "&offset=" + all.size());
            rows.forEach(row -> all.add(new LocalStatus(row.get("no_pendaftaran"), row.get("id_izin_oss"),
                    row.get("status"), row.get("tahapan"), row.get("no_izin"),
                    LocalStatus.isoDate(row.get("tgl_penetapan")), LocalStatus.isoDate(row.get("tgl_berlaku")),
                    row.get("nama_ttd"), row.get("nip_ttd"), row.get("jabatan_ttd"), row.get("file_izin"),
                    row.get("keterangan"))));
            if (rows.size() < Keluaran.PAGE_SIZE) {
                break;
            }
        }
        return all;
    }

    /** The XML list: {@code <daftar_pendaftaran total="N"><pendaftaran><no_pendaftaran>…</…></pendaftaran>…}. */
    private List<Map<String, String>> list(Target target, String query) {
        HttpRequest get = HttpRequest.newBuilder(URI.create(target.baseUrl() + PATH + "?" + query))
                .header("Accept", "application/xml")
                .header("X-API-KEY", target.apiKey() == null ? "" : target.apiKey())
                .GET().build();
        HttpResponse<String> response = http.send(target.id(), target.connectTimeout(), target.readTimeout(), get);
        if (!TargetHttp.ok(response.statusCode())) {
            throw TargetHttp.failure(target.id(), response.statusCode(), response.body());
        }
        return parseList(target.id(), response.body());
    }

    static List<Map<String, String>> parseList(String system, String xml) {
        Document doc;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            // The parser's message may quote the list, which holds applicants' data: size and position only.
            String where = e instanceof SAXParseException p
                    ? "at line " + p.getLineNumber() + ", column " + p.getColumnNumber() : "position unknown";
            throw new TransientFailureException(system + " answered an unreadable list ("
                    + (xml == null ? 0 : xml.length()) + " characters, " + where + ")");
        }
        List<Map<String, String>> rows = new ArrayList<>();
        NodeList items = doc.getElementsByTagName("pendaftaran");
        for (int i = 0; i < items.getLength(); i++) {
            Map<String, String> row = new LinkedHashMap<>();
            NodeList fields = items.item(i).getChildNodes();
            for (int j = 0; j < fields.getLength(); j++) {
                Node field = fields.item(j);
                if (field instanceof Element e) {
                    String text = e.getTextContent().strip();
                    row.put(e.getTagName(), text.isEmpty() ? null : text);
                }
            }
            rows.add(row);
        }
        return rows;
    }

    /** Form fields the way PHP reads them: {@code a[b]}, {@code a[0][b]}; nulls are left out. */
    static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> flatten(prefix.isEmpty() ? f.getKey() : prefix + "[" + f.getKey() + "]",
                    f.getValue(), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(prefix + "[" + i + "]", node.get(i), out);
            }
        } else {
            out.put(prefix, node.asText());
        }
    }

    private static String formEncode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
