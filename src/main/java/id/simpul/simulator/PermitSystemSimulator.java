package id.simpul.simulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import id.simpul.platform.SimpulProperties;
import id.simpul.platform.json.Json;
import id.simpul.simulator.LocalPermits.View;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A stateful simulator of one flavour of local permit system, on WireMock: the stubs under
 * {@code simulators/<name>/mappings/} and {@code simulators/permit-system/mappings/} send requests to
 * this simulator's response transformer ({@value #TRANSFORMER}), which keeps the registrations
 * ({@link LocalPermits}, kept in {@code <data-dir>/simulators/<name>/permits.jsonl} so they outlive a
 * restart of the hub) and moves them through the local workflow. The {@code /__admin} API stays
 * available; the simulator's own admin calls are under {@code /__simulator}:
 * <ul>
 *   <li>{@code GET /__simulator/permohonan} — every registration and where it stands;</li>
 *   <li>{@code POST /__simulator/permohonan/{no}/advance} — one step on, or {@code {"to":"Selesai"}}
 *       / {@code {"to":"Ditolak"}} / a step name;</li>
 *   <li>{@code POST /__simulator/faults} — {@code {"on":"writes|reads","kind":"status|reset|delay|drip|lose-reply",
 *       "status":503,"message":"…","millis":2000,"once":false}}; {@code DELETE /__simulator/faults} clears them.</li>
 * </ul>
 * Faults are WireMock stubs of priority 1 (visible and removable through {@code /__admin/mappings}),
 * except "lose-reply", which registers the permit and then resets the connection.
 */
public abstract class PermitSystemSimulator extends SimulatorServer {

    public static final String TRANSFORMER = "simpul-permit-system";
    static final DateTimeFormatter DMY = DateTimeFormatter.ofPattern("dd-MM-yyyy");
    static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

    protected final LocalPermits permits;
    protected final SimpulProperties.TargetSimulator settings;
    private final Faults writeFaults = new Faults(true);
    private final Faults readFaults = new Faults(false);

    protected PermitSystemSimulator(String name, int port, Path dataDir, Clock clock,
                                    SimpulProperties.TargetSimulator settings, LocalPermits.Workflow workflow,
                                    String numberPrefix) {
        this(name, port, dataDir, new Transformer(), clock, settings, workflow, numberPrefix);
    }

    private PermitSystemSimulator(String name, int port, Path dataDir, Transformer transformer, Clock clock,
                                  SimpulProperties.TargetSimulator settings, LocalPermits.Workflow workflow,
                                  String numberPrefix) {
        super(name, List.of("permit-system"), port, dataDir, transformer);
        transformer.owner = this;
        this.settings = settings == null ? new SimpulProperties.TargetSimulator(port, Duration.ZERO, null, null, null) : settings;
        this.permits = new LocalPermits(workflow, clock, this.settings.stepInterval(), numberPrefix,
                dataDir.resolve("simulators").resolve(name).resolve("permits.jsonl"));
    }

    /** A reply of the simulated system. */
    protected record Reply(int status, String contentType, String body) {
        static Reply json(int status, JsonNode body) {
            return new Reply(status, "application/json", Json.write(body));
        }
    }

    /** The flavour this simulator plays ({@code sicantik-cloud}, …). */
    public abstract String flavour();

    /** Handles a write (registration) request. */
    protected abstract Reply register(Request request);

    /** Handles a read of the outputs the hub polls. */
    protected abstract Reply outputs(Request request);

    /** The request pattern of writes, for fault stubs. */
    protected abstract MappingBuilder writes();

    /** The request pattern of output reads, for fault stubs. */
    protected abstract MappingBuilder reads();

    /** How this system words a refusal. */
    protected abstract String errorBody(int status, String message);

    /** Faults on writes (registrations). */
    public Faults faults() {
        return writeFaults;
    }

    /** Faults on reads of the outputs. */
    public Faults readFaults() {
        return readFaults;
    }

    public LocalPermits permits() {
        return permits;
    }

    /** How many registrations the system holds (a duplicate push must not add one). */
    public int registrations() {
        return permits.size();
    }

    /** How many write requests reached the system (including refused and faulted ones). */
    public int writeRequests() {
        return wireMock().countRequestsMatching(writes().build().getRequest()).getCount();
    }

    /** Moves a permit one local step on. */
    public View advance(String number) {
        return permits.advance(number, null).orElseThrow(() -> new IllegalArgumentException("no permohonan " + number));
    }

    /** Moves a permit to a step, "Selesai" or "Ditolak". */
    public View advance(String number, String to) {
        return permits.advance(number, to).orElseThrow(() -> new IllegalArgumentException("no permohonan " + number));
    }

    Reply handle(String op, Request request) {
        return switch (op) {
            case "register" -> register(request);
            case "outputs" -> outputs(request);
            case "list" -> list();
            case "advance" -> advanceCall(request);
            case "faults" -> faultsCall(request);
            default -> Reply.json(500, Json.MAPPER.createObjectNode().put("message", "unknown simulator op " + op));
        };
    }

    private Reply list() {
        ArrayNode rows = Json.MAPPER.createArrayNode();
        permits.all().forEach(v -> rows.add(row(v)));
        ObjectNode body = Json.MAPPER.createObjectNode().put("flavour", flavour()).put("count", rows.size());
        body.set("permohonan", rows);
        return Reply.json(200, body);
    }

    private Reply advanceCall(Request request) {
        String path = URI.create(request.getUrl()).getPath();
        String number = path.replaceAll("^/__simulator/permohonan/([^/]+)/advance$", "$1");
        String to = null;
        if (request.getBodyAsString() != null && !request.getBodyAsString().isBlank()) {
            to = Json.tree(request.getBodyAsString()).path("to").asText(null);
        }
        try {
            return permits.advance(number, to).map(v -> Reply.json(200, row(v)))
                    .orElseGet(() -> Reply.json(404, Json.MAPPER.createObjectNode().put("message", "no permohonan " + number)));
        } catch (IllegalArgumentException e) {
            return Reply.json(400, Json.MAPPER.createObjectNode().put("message", e.getMessage()));
        }
    }

    private Reply faultsCall(Request request) {
        if ("DELETE".equals(request.getMethod().getName())) {
            writeFaults.clear();
            readFaults.clear();
            return Reply.json(200, Json.MAPPER.createObjectNode().put("message", "faults cleared"));
        }
        JsonNode spec = Json.tree(request.getBodyAsString());
        Faults faults = "reads".equalsIgnoreCase(spec.path("on").asText("writes")) ? readFaults : writeFaults;
        boolean once = spec.path("once").asBoolean(false);
        switch (spec.path("kind").asText("")) {
            case "status" -> faults.respond(spec.path("status").asInt(503), spec.path("message").asText(""), once);
            case "reset" -> faults.resetConnections(once);
            case "delay" -> faults.delay(Duration.ofMillis(spec.path("millis").asLong(5000)));
            case "drip" -> faults.drip(Duration.ofMillis(spec.path("millis").asLong(5000)));
            case "lose-reply" -> permits.loseNextReplies(spec.path("times").asInt(1));
            default -> {
                return Reply.json(400, Json.MAPPER.createObjectNode()
                        .put("message", "kind must be status, reset, delay, drip or lose-reply"));
            }
        }
        return Reply.json(201, Json.MAPPER.createObjectNode().put("message", "fault added").set("fault", spec));
    }

    /** A registration as the outputs show it (SiCantik keluaran field names). */
    protected ObjectNode row(View v) {
        ObjectNode row = Json.MAPPER.createObjectNode();
        LocalPermits.Permit p = v.permit();
        row.put("no_permohonan", p.number());
        row.put("id_izin_oss", p.field("id_izin_oss"));
        row.put("jenis_izin_id", p.field("jenis_izin_id"));
        row.put("jenis_izin", p.field("nama_izin"));
        // As registered: a later version comes as "Perubahan", a withdrawal as "Pencabutan" / "Pembatalan".
        row.put("jenis_permohonan", p.field("jenis_permohonan") == null ? "Baru" : p.field("jenis_permohonan"));
        row.put("nama_proses", v.step().name());
        row.put("status", v.step().status());
        row.put("nama", p.field("nama"));
        row.put("no_identitas", p.field("no_identitas"));
        row.put("alamat", p.field("alamat"));
        row.put("no_hp", p.field("no_hp"));
        row.put("email", p.field("email"));
        row.put("tgl_pengajuan", DMY.format(p.registeredAt().atZone(JAKARTA)));
        row.put("tgl_penetapan", v.decidedOn() == null ? "" : DMY.format(v.decidedOn()));
        row.put("no_izin", v.noIzin() == null ? "" : v.noIzin());
        row.put("tgl_berlaku", v.validUntil() == null ? "" : DMY.format(v.validUntil()));
        boolean signed = v.decided() && !v.rejected();
        row.put("nama_ttd", signed ? "Drs. H. Ahmad Syarifuddin, M.Si." : "");
        row.put("nip_ttd", signed ? "196805121990031004" : "");
        row.put("jabatan_ttd", signed ? "Kepala DPMPTSP" : "");
        row.put("file_izin", signed ? "http://localhost:" + port() + "/__simulator/files/" + p.number() + ".pdf" : "");
        return row;
    }

    /** Query parameters of a request (first value of each). */
    protected static Map<String, String> query(Request request) {
        String raw = URI.create(request.getUrl()).getRawQuery();
        return form(raw);
    }

    /** {@code application/x-www-form-urlencoded} fields (first value of each). */
    protected static Map<String, String> form(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isBlank()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(key, value);
        }
        return out;
    }

    protected static int intParam(Map<String, String> query, String name, int fallback) {
        try {
            return Integer.parseInt(query.getOrDefault(name, String.valueOf(fallback)));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** The text fields of a JSON object (nested values as JSON text). */
    protected static Map<String, String> fields(JsonNode body) {
        Map<String, String> out = new LinkedHashMap<>();
        body.fields().forEachRemaining(f -> out.put(f.getKey(),
                f.getValue().isValueNode() ? f.getValue().asText() : Json.write(f.getValue())));
        return out;
    }

    protected static Optional<String> header(Request request, String name) {
        String value = request.getHeader(name);
        return Optional.ofNullable(value == null || value.isBlank() ? null : value);
    }

    /** Runtime faults of one kind of request, as WireMock stubs of priority 1 (metadata {@code simulatorFault}). */
    public final class Faults {
        private final boolean onWrites;

        Faults(boolean onWrites) {
            this.onWrites = onWrites;
        }

        private MappingBuilder stub() {
            return (onWrites ? writes() : reads()).atPriority(1)
                    .withMetadata(Map.of("simulatorFault", onWrites ? "writes" : "reads"));
        }

        private MappingBuilder once(MappingBuilder stub, boolean once) {
            return once ? stub.inScenario("fault-" + UUID.randomUUID()).whenScenarioStateIs(Scenario.STARTED)
                    .willSetStateTo("spent") : stub;
        }

        /** Answers with this status and message (in the system's own error shape). */
        public void respond(int status, String message, boolean once) {
            wireMock().stubFor(once(stub(), once).willReturn(aResponse().withStatus(status)
                    .withHeader("Content-Type", "application/json").withBody(errorBody(status, message))));
        }

        public void respond(int status, String message) {
            respond(status, message, false);
        }

        /** Resets the connection instead of answering. */
        public void resetConnections(boolean once) {
            wireMock().stubFor(once(stub(), once).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        }

        /** Processes the request normally but answers after {@code delay}. */
        public void delay(Duration delay) {
            wireMock().stubFor(stub().willReturn(aResponse().withTransformers(TRANSFORMER)
                    .withTransformerParameter("op", onWrites ? "register" : "outputs")
                    .withFixedDelay((int) delay.toMillis())));
        }

        /** Processes the request normally but drips the answer out over {@code total}. */
        public void drip(Duration total) {
            wireMock().stubFor(stub().willReturn(aResponse().withTransformers(TRANSFORMER)
                    .withTransformerParameter("op", onWrites ? "register" : "outputs")
                    .withChunkedDribbleDelay(10, (int) total.toMillis())));
        }

        /** The next {@code n} registrations succeed, but their replies are lost (connection reset). */
        public void loseNextReplies(int n) {
            permits.loseNextReplies(n);
        }

        /** Removes every fault of this kind. */
        public void clear() {
            wireMock().removeStubsByMetadata(matchingJsonPath("$.simulatorFault",
                    com.github.tomakehurst.wiremock.client.WireMock.equalTo(onWrites ? "writes" : "reads")));
            if (onWrites) {
                permits.loseNextReplies(0);
            }
        }
    }

    /** Sends stubbed requests to the simulator that owns this WireMock server. */
    static final class Transformer implements ResponseDefinitionTransformerV2 {
        volatile PermitSystemSimulator owner;

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            LoggedRequest request = serveEvent.getRequest();
            String op = serveEvent.getTransformerParameters().getString("op", "");
            Reply reply;
            try {
                reply = owner.handle(op, request);
            } catch (RuntimeException e) {
                reply = Reply.json(400, Json.MAPPER.createObjectNode().put("message", "simulator: " + e.getMessage()));
            }
            ResponseDefinition original = serveEvent.getResponseDefinition();
            ResponseDefinitionBuilder out = ResponseDefinitionBuilder.responseDefinition()
                    .withStatus(reply.status())
                    .withHeader("Content-Type", reply.contentType())
                    .withBody(reply.body());
            if (original.getFixedDelayMilliseconds() != null) {
                out.withFixedDelay(original.getFixedDelayMilliseconds());
            }
            if (original.getChunkedDribbleDelay() != null) {
                out.withChunkedDribbleDelay(original.getChunkedDribbleDelay().getNumberOfChunks(),
                        original.getChunkedDribbleDelay().getTotalDuration());
            }
            if ("register".equals(op) && reply.status() < 300 && owner.permits.takeLostReply()) {
                out.withFault(Fault.CONNECTION_RESET_BY_PEER);
            }
            return out.build();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return TRANSFORMER;
        }
    }

}
