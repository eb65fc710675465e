package id.simpul.platform.connector.oss;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.simpul.platform.connector.FailureClassifier;
import id.simpul.platform.failure.FailureKind;
import id.simpul.platform.json.Json;
import id.simpul.platform.security.PersonalData;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub as an OSS-RBA client (K/L/D side of the PIA): {@code POST {base}/{operation}} with header
 * {@code user_key}. Every reply is judged by the body's {@code kode} (number or string; 200 = success)
 * under whichever spelling of the root key OSS used, not only by the HTTP status:
 * <ul>
 *   <li>kode or HTTP 4xx (400 bad parameter, 401 invalid access, 403 illegal inquiry, 404 not found,
 *       405 refused) → {@link OssRefusedException} (permanent: the same request gets the same answer);</li>
 *   <li>kode 500/504, HTTP 5xx, a timeout, a broken connection, a reply that is not JSON or lacks its
 *       root or kode → {@link OssUnavailableException} (transient).</li>
 * </ul>
 * Neither bodies nor personal data are logged or put in exception messages; only the operation, the
 * kode and OSS's {@code keterangan}.
 */
public class OssClient {

    private static final Logger log = LoggerFactory.getLogger(OssClient.class);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final int MAX_REMARK = 200;

    private final String baseUrl;
    private final String userKey;
    private final Duration timeout;
    private final HttpClient http;
    private final MeterRegistry registry;

    public OssClient(String baseUrl, String userKey, Duration timeout, MeterRegistry registry) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.userKey = userKey;
        this.timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        this.registry = registry;
        this.http = HttpClient.newBuilder()
                .connectTimeout(this.timeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public OssClient(String baseUrl, String userKey, Duration timeout) {
        this(baseUrl, userKey, timeout, null);
    }

    /** {@code inqueryNIB} by NIB: the NIB's data as OSS holds it now. */
    public NibData inqueryNib(String nib) {
        return inqueryNib(InqueryNibRequest.byNib(nib));
    }

    public NibData inqueryNib(InqueryNibRequest request) {
        ObjectNode params = F.objectNode();
        putIfPresent(params, "nib", request.nib());
        putIfPresent(params, "oss_id", request.ossId());
        putIfPresent(params, "npwp", request.npwp());
        ObjectNode reply = call(OssOperation.INQUERY_NIB, params);
        return new NibData(words(reply.get("keterangan")),
                requireObject(OssOperation.INQUERY_NIB, reply, "dataNIB"));
    }

    /** {@code checkLicenseStatus}: where OSS says the permit stands. */
    public LicenseStatus checkLicenseStatus(String idIzin) {
        ObjectNode params = F.objectNode().put("id_izin", idIzin);
        ObjectNode reply = call(OssOperation.CHECK_LICENSE_STATUS, params);
        JsonNode d = requireObject(OssOperation.CHECK_LICENSE_STATUS, reply, "dataIZIN");
        return new LicenseStatus(OssJson.text(d.get("nib")), OssJson.text(d.get("id_proyek")),
                OssJson.text(d.get("id_izin")), OssJson.text(d.get("kd_status")), OssJson.text(d.get("uraian_status")),
                OssJson.text(d.get("file_lampiran")));
    }

    /** {@code inqueryLicense}: the permit, its projects and checklist; with requirement file URLs when asked. */
    public LicenseInquiry inqueryLicense(String idIzin, boolean withRequirements) {
        ObjectNode params = F.objectNode().put("id_izin", idIzin);
        if (withRequirements) {
            params.put("data_persyaratan", true);
        }
        ObjectNode reply = call(OssOperation.INQUERY_LICENSE, params);
        JsonNode d = requireObject(OssOperation.INQUERY_LICENSE, reply, "data");
        return new LicenseInquiry(OssJson.text(reply.get("message")), OssJson.text(d.get("oss_id")),
                OssJson.text(d.get("id_izin")), OssJson.text(d.get("kd_izin")), OssJson.text(d.get("kd_daerah")),
                OssJson.text(d.get("kewenangan")), list(d.get("data_proyek")), list(d.get("data_checklist")));
    }

    /** {@code fetchNIB}: the NIB's summary with projects and their KBLI and permits. */
    public NibData fetchNib(String nib) {
        ObjectNode params = F.objectNode().put("nib", nib);
        ObjectNode reply = call(OssOperation.FETCH_NIB, params);
        return new NibData(words(reply.get("keterangan")),
                requireObject(OssOperation.FETCH_NIB, reply, "dataNIB"));
    }

    /** {@code receiveLicenseStatus}: reports a permit's status to OSS. */
    public OssAck receiveLicenseStatus(LicenseStatusReport report) {
        ObjectNode reply = call(OssOperation.RECEIVE_LICENSE_STATUS, (ObjectNode) Json.toTree(report));
        return new OssAck(words(reply.get("keterangan")), null);
    }

    /** {@code receiveLicense}: sends the issued permit to OSS; the ack carries OSS's {@code nomor_izin}. */
    public OssAck receiveLicense(FinalLicense license) {
        ObjectNode reply = call(OssOperation.RECEIVE_LICENSE, (ObjectNode) Json.toTree(license));
        return new OssAck(words(reply.get("keterangan")), OssJson.text(reply.get("nomor_izin")));
    }

    /**
     * {@code receiveLicenseStatus} / {@code receiveLicense} with a body built elsewhere (back-sync's
     * crosswalk), with or without its root ({@code IZINSTATUS} / {@code IZINFINAL}).
     *
     * @return OSS's reply object (kode 200), as it answered
     */
    public ObjectNode report(OssOperation op, JsonNode body) {
        if (op != OssOperation.RECEIVE_LICENSE_STATUS && op != OssOperation.RECEIVE_LICENSE) {
            throw new IllegalArgumentException(op.path() + " is not a report to OSS");
        }
        JsonNode params = body.has(op.requestRoot()) ? body.get(op.requestRoot()) : body;
        if (!params.isObject()) {
            throw new IllegalArgumentException(op.path() + " needs an object under " + op.requestRoot());
        }
        return call(op, (ObjectNode) params);
    }

    /**
     * Sends {@code {"<REQUEST_ROOT>": params}} and returns the reply object under its root, or throws
     * the classified failure.
     */
    ObjectNode call(OssOperation op, ObjectNode params) {
        ObjectNode body = F.objectNode();
        body.set(op.requestRoot(), params);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/" + op.path()))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("user_key", userKey == null ? "" : userKey)
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .build();
        long started = System.nanoTime();
        String outcome = "failed";
        try {
            ObjectNode reply = judge(op, send(op, request));
            outcome = "ok";
            return reply;
        } catch (OssRefusedException e) {
            outcome = "refused";
            throw e;
        } finally {
            long nanos = System.nanoTime() - started;
            log.debug("OSS {} {} in {} ms", op.path(), outcome, nanos / 1_000_000);
            if (registry != null) {
                Timer.builder("simpul.oss.calls")
                        .description("Calls from the hub to OSS-RBA, by operation and outcome")
                        .tag("operation", op.path())
                        .tag("outcome", outcome)
                        .register(registry)
                        .record(Duration.ofNanos(nanos));
            }
        }
    }

    private HttpResponse<String> send(OssOperation op, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new OssUnavailableException(op, null, "OSS " + op.path() + " timed out after " + timeout, e);
        } catch (IOException e) {
            throw new OssUnavailableException(op, null, "OSS " + op.path() + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OssUnavailableException(op, null, "OSS " + op.path() + " call interrupted", e);
        }
    }

    private static ObjectNode judge(OssOperation op, HttpResponse<String> response) {
        int status = response.statusCode();
        JsonNode root = null;
        String unreadable = null;
        try {
            root = OssJson.parse(response.body());
        } catch (OssJson.MalformedReplyException e) {
            unreadable = e.getMessage();
        }
        ObjectNode reply = root == null ? null : replyObject(op, root);
        Integer kode = reply == null ? null : OssJson.kode(reply);
        String remark = reply == null ? null : remark(reply);
        boolean httpOk = status >= 200 && status < 300;
        if (!httpOk) {
            FailureKind kind = kode != null && kode != 200 ? classify(kode) : FailureClassifier.ofStatus(status);
            throw failure(op, kind, kode, "OSS " + op.path() + " answered HTTP " + status
                    + (kode == null ? "" : " kode " + kode) + describe(remark));
        }
        if (unreadable != null) {
            throw new OssUnavailableException(op, null,
                    "OSS " + op.path() + " answered HTTP " + status + " with a malformed body: " + unreadable, null);
        }
        if (reply == null) {
            throw new OssUnavailableException(op, null, "OSS " + op.path() + " answered without a "
                    + String.join("/", op.replyRoots()) + " object", null);
        }
        if (kode == null) {
            JsonNode success = reply.get("success");
            if (success != null && success.isBoolean()) {
                if (success.asBoolean()) {
                    return reply;
                }
                throw failure(op, FailureKind.PERMANENT, null, "OSS " + op.path() + " answered success=false"
                        + describe(remark));
            }
            throw new OssUnavailableException(op, null, "OSS " + op.path() + " answered without kode"
                    + describe(remark), null);
        }
        if (kode == 200) {
            return reply;
        }
        throw failure(op, classify(kode), kode, "OSS " + op.path() + " answered kode " + kode + describe(remark));
    }

    /** The object under the operation's root key, whichever spelling OSS used; a bare reply counts as itself. */
    private static ObjectNode replyObject(OssOperation op, JsonNode root) {
        if (!root.isObject()) {
            return null;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (op.isReplyRoot(f.getKey()) && f.getValue().isObject()) {
                return (ObjectNode) f.getValue();
            }
        }
        // Some gateways answer errors without the root: {"kode": 401, "keterangan": "..."}.
        return root.has("kode") ? (ObjectNode) root : null;
    }

    private static FailureKind classify(int kode) {
        return kode >= 400 && kode < 500 ? FailureClassifier.ofStatus(kode) : FailureKind.TRANSIENT;
    }

    private static RuntimeException failure(OssOperation op, FailureKind kind, Integer kode, String message) {
        return kind == FailureKind.PERMANENT
                ? new OssRefusedException(op, kode, message)
                : new OssUnavailableException(op, kode, message, null);
    }

    private static String remark(JsonNode reply) {
        String s = words(reply.get("keterangan"));
        return s != null ? s : words(reply.get("message"));
    }

    /**
     * OSS's words, with the NIKs, phone numbers and e-mail addresses they quote masked ("NIK … tidak sesuai
     * Dukcapil"): they end up in failure messages, the log, dead letters and the trail, which every role reads.
     */
    private static String words(JsonNode text) {
        return PersonalData.maskText(OssJson.text(text));
    }

    private static String describe(String remark) {
        if (remark == null) {
            return "";
        }
        String oneLine = remark.replaceAll("\\s+", " ");
        return ": " + (oneLine.length() > MAX_REMARK ? oneLine.substring(0, MAX_REMARK) + "…" : oneLine);
    }

    private static ObjectNode requireObject(OssOperation op, JsonNode reply, String field) {
        JsonNode node = reply.get(field);
        if (node == null || !node.isObject()) {
            throw new OssUnavailableException(op, 200, "OSS " + op.path() + " answered kode 200 without "
                    + field, null);
        }
        return (ObjectNode) node;
    }

    private static List<JsonNode> list(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(out::add);
        }
        return out;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, value.strip());
        }
    }
}
