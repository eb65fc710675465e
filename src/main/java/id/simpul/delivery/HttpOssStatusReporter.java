package id.simpul.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.SimpulProperties;
import id.simpul.platform.failure.PermanentFailureException;
import id.simpul.platform.failure.TransientFailureException;
import id.simpul.platform.json.Json;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * {@link OssStatusReporter} over HTTP: {@code POST {simpul.oss.outbound.base-url}/receiveLicenseStatus}
 * and {@code /receiveLicense} with header {@code user_key}. The reply is judged by its body's
 * {@code kode} — a number or a string, under {@code respon<operation>} whatever its spelling
 * ({@code responreceiveLicenseStatus}, {@code responreceiveStatusLicense}, …) or at the root —
 * and only by the HTTP status when the body has none.
 */
@Component
public class HttpOssStatusReporter implements OssStatusReporter {

    static final String OSS = "OSS";
    private static final Set<Integer> REFUSALS = Set.of(400, 401, 403, 404, 405);

    private final SimpulProperties.Outbound outbound;
    private final TargetHttp http;

    public HttpOssStatusReporter(SimpulProperties properties, TargetHttp http) {
        this.outbound = properties.oss().outbound();
        this.http = http;
    }

    @Override
    public OssReply reportStatus(JsonNode izinStatusBody) {
        return post("receiveLicenseStatus", izinStatusBody);
    }

    @Override
    public OssReply reportFinal(JsonNode izinFinalBody) {
        return post("receiveLicense", izinFinalBody);
    }

    private OssReply post(String operation, JsonNode body) {
        Duration timeout = outbound.timeout() == null ? Duration.ofSeconds(10) : outbound.timeout();
        HttpRequest request = HttpRequest.newBuilder(URI.create(outbound.baseUrl() + "/" + operation))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("user_key", outbound.userKey() == null ? "" : outbound.userKey())
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .build();
        HttpResponse<String> response = http.send(OSS, Duration.ofSeconds(5), timeout, request);
        return judge(operation, response.statusCode(), response.body());
    }

    /** The verdict on an OSS reply: accepted, refused (permanent) or failed (transient). */
    static OssReply judge(String operation, int httpStatus, String body) {
        JsonNode root;
        try {
            root = Json.tree(body);
        } catch (RuntimeException e) {
            root = null;
        }
        JsonNode reply = replyObject(root);
        OptionalInt kode = kodeOf(reply);
        String keterangan = reply == null ? "" : reply.path("keterangan").asText("");
        if (kode.isEmpty()) {
            if (!TargetHttp.ok(httpStatus)) {
                throw TargetHttp.failure(OSS + " " + operation, httpStatus, body);
            }
            throw new TransientFailureException(OSS + " " + operation + " answered HTTP " + httpStatus
                    + " without a kode: " + TargetHttp.abbreviate(body));
        }
        int k = kode.getAsInt();
        if (k == 200) {
            return new OssReply(k, keterangan, body);
        }
        String message = OSS + " " + operation + " answered kode " + k + (keterangan.isBlank() ? "" : ": " + keterangan)
                + " (HTTP " + httpStatus + ")";
        if (REFUSALS.contains(k)) {
            throw new PermanentFailureException(message);
        }
        throw new TransientFailureException(message);
    }

    /** {@code respon…} object holding the kode, whatever the spelling; or the root itself. */
    private static JsonNode replyObject(JsonNode root) {
        if (root == null || !root.isObject()) {
            return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().strip().toLowerCase(Locale.ROOT).startsWith("respon") && field.getValue().isObject()) {
                return field.getValue();
            }
        }
        return root;
    }

    private static OptionalInt kodeOf(JsonNode reply) {
        if (reply == null) {
            return OptionalInt.empty();
        }
        JsonNode kode = reply.get("kode");
        if (kode == null || kode.isNull()) {
            return OptionalInt.empty();
        }
        if (kode.isNumber()) {
            return OptionalInt.of(kode.asInt());
        }
        try {
            return OptionalInt.of(Integer.parseInt(kode.asText().strip()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
