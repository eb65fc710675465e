package id.simpul.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import id.simpul.platform.json.Json;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stateful OSS simulator as a WireMock extension: the stubs in
 * {@code simulators/oss/mappings/} name this transformer, so WireMock still matches, journals and
 * serves {@code /__admin}, while the answers come from {@link OssSimulatorState}.
 *
 * <p>Operations: {@code POST /v1/kl/rba/{operation}}. Control endpoints on the same server:
 * <pre>
 * GET    /__simulator/state                 counts, active faults and quirks
 * POST   /__simulator/nib                   remember a NIB: {"dataNIB":{...}} as OSS pushed it
 * GET    /__simulator/nib/{nib}             the NIB as the simulator holds it (receiveNIB shape)
 * POST   /__simulator/nib/{nib}/change      change it: tgl_perubahan_nib = today, tipe_dokumen 5, and the
 *                                           body's fields (default: a suffix on alamat_perseroan)
 * POST   /__simulator/faults                {"type":"latency|http-5xx|http-504|malformed|reset|kode",
 *                                            "operation":"inqueryNIB", "latencyMs":3000, "status":503,
 *                                            "kode":403, "kodeAsString":true, "times":2}
 * DELETE /__simulator/faults                clear every fault
 * POST   /__simulator/quirks                {"kodeAsString":true, "alternateRoots":true}
 * POST   /__simulator/reset                 clear faults, quirks and every NIB, status and permit
 * </pre>
 */
public final class OssStateTransformer implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "oss-state";
    static final String API_PREFIX = "/v1/kl/rba/";
    static final String CONTROL_PREFIX = "/__simulator/";

    private static final Pattern NIB_PATH = Pattern.compile("nib/([^/]+)(/change)?");
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final OssSimulatorState state;
    private final OssSimulatorFaults faults;
    private final OssSimulatorReplies replies;

    public OssStateTransformer(OssSimulatorState state, OssSimulatorFaults faults) {
        this.state = state;
        this.faults = faults;
        this.replies = new OssSimulatorReplies(state, faults);
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        LoggedRequest request = serveEvent.getRequest();
        String path = URI.create(request.getUrl()).getPath();
        try {
            if (path.startsWith(CONTROL_PREFIX)) {
                return control(request, path.substring(CONTROL_PREFIX.length()));
            }
            int at = path.indexOf(API_PREFIX);
            if (at >= 0) {
                return operation(request, path.substring(at + API_PREFIX.length()));
            }
        } catch (IllegalArgumentException e) {
            return json(400, F.objectNode().put("error", e.getMessage()));
        }
        return json(404, F.objectNode().put("error", "no such simulator path " + path));
    }

    private ResponseDefinition operation(LoggedRequest request, String op) {
        if (!OssSimulatorReplies.OPERATIONS.contains(op)) {
            return json(404, F.objectNode().put("error", "operation " + op + " is not simulated"));
        }
        Optional<OssSimulatorFaults.Fault> fault = faults.take(op);
        if (fault.isEmpty()) {
            return reply(replies.answer(op, request.getBodyAsString(), request.getHeader("user_key")));
        }
        OssSimulatorFaults.Fault f = fault.get();
        return switch (f.type()) {
            case LATENCY -> ResponseDefinitionBuilder.like(
                    reply(replies.answer(op, request.getBodyAsString(), request.getHeader("user_key"))))
                    .withFixedDelay(f.latencyMs()).build();
            case HTTP_5XX -> new ResponseDefinitionBuilder().withStatus(f.status())
                    .withHeader("Content-Type", "text/html")
                    .withBody("<html><body><h1>" + f.status() + " Service Temporarily Unavailable</h1></body></html>")
                    .build();
            case HTTP_504 -> json(f.status(), replies.error(op, f.kode(), null, f.kodeAsString()));
            case MALFORMED -> new ResponseDefinitionBuilder().withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"respon" + op + "\": {\"kode\": 200, \"keterangan\": \"Sukses\", \"data")
                    .build();
            case RESET -> new ResponseDefinitionBuilder().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
            case KODE -> json(f.status(), replies.error(op, f.kode(), null, f.kodeAsString()));
        };
    }

    private ResponseDefinition control(LoggedRequest request, String path) {
        RequestMethod method = request.getMethod();
        boolean post = RequestMethod.POST.equals(method);
        boolean get = RequestMethod.GET.equals(method);
        if (path.equals("state") && get) {
            ObjectNode body = state.summary();
            body.setAll(faults.toJson());
            return json(200, body);
        }
        if (path.equals("faults")) {
            if (post) {
                OssSimulatorFaults.Fault fault = OssSimulatorFaults.Fault.fromJson(body(request));
                faults.add(fault);
                return json(201, fault.toJson());
            }
            if (RequestMethod.DELETE.equals(method)) {
                faults.clear();
                return json(200, faults.toJson());
            }
            return json(200, faults.toJson());
        }
        if (path.equals("quirks") && post) {
            JsonNode b = body(request);
            faults.quirks(b.path("kodeAsString").asBoolean(false), b.path("alternateRoots").asBoolean(false));
            return json(200, faults.toJson());
        }
        if (path.equals("reset") && post) {
            faults.clear();
            faults.quirks(false, false);
            state.clear();
            return json(200, state.summary());
        }
        if (path.equals("nib") && post) {
            String nib = state.remember(body(request));
            return json(201, F.objectNode().put("nib", nib));
        }
        Matcher m = NIB_PATH.matcher(path);
        if (m.matches()) {
            String nib = m.group(1);
            if (m.group(2) != null && post) {
                JsonNode b = body(request);
                return state.change(nib, b.isObject() ? (ObjectNode) b : null)
                        .map(d -> json(200, F.objectNode().put("nib", nib)
                                .put("tgl_perubahan_nib", d.path("tgl_perubahan_nib").asText())))
                        .orElseGet(() -> json(404, F.objectNode().put("error", "unknown NIB " + nib)));
            }
            if (get) {
                return state.nib(nib).map(d -> json(200, d))
                        .orElseGet(() -> json(404, F.objectNode().put("error", "unknown NIB " + nib)));
            }
        }
        return json(404, F.objectNode().put("error", "no such simulator endpoint " + method + " " + path));
    }

    private static JsonNode body(LoggedRequest request) {
        String body = request.getBodyAsString();
        if (body == null || body.isBlank()) {
            return F.objectNode();
        }
        try {
            return Json.tree(body);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("body is not JSON");
        }
    }

    private static ResponseDefinition reply(OssSimulatorReplies.Reply reply) {
        return json(reply.status(), reply.body());
    }

    private static ResponseDefinition json(int status, JsonNode body) {
        return new ResponseDefinitionBuilder().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(Json.write(body))
                .build();
    }
}
