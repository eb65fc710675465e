package id.simpul.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.simpul.canonical.CanonicalSchemas;
import id.simpul.canonical.PermitMessage;
import id.simpul.mapping.MappingException;
import id.simpul.mapping.Mappings;
import id.simpul.platform.SimpulProperties;
import id.simpul.platform.failure.PermanentFailureException;
import id.simpul.platform.json.ContentHash;
import id.simpul.platform.json.Json;
import id.simpul.platform.ledger.IncomingContent;
import id.simpul.platform.ledger.LedgerEntry;
import id.simpul.platform.ledger.LedgerState;
import id.simpul.platform.ledger.Recorded;
import id.simpul.platform.ledger.SyncLedger;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns a durable OSS push into canonical permit messages, one per checklist entry routed to this
 * region, each recorded as a version in the sync ledger. A re-send with the same content is not
 * processed again; a redelivery after a crash is (the ledger may hold the row, but the permit may
 * not have reached the delivery queue), and so is any version the ledger holds but whose conversion
 * never completed, however the message comes back. A replayed permit that was mapped but whose
 * conversion stopped before its canonical form was stored comes back as that canonical message
 * ({@link #RESUME}) and goes through the steps after the mapping only.
 */
@Component("nibIntake")
public class NibIntake {

    public static final String FLOW = "oss-nib";
    public static final String LEDGER_ID = "SimpulLedgerId";
    /** Set by an operator's replay only (the inbound guard drops {@code Simpul…} headers): the body is a mapped permit. */
    public static final String RESUME = "SimpulResumeConversion";
    /** The source of a version OSS pushed; the sweep and backfills send what they fetched under their own name. */
    private static final String PUSH = "push";
    private static final String FAMILY = "oss/";

    private static final Logger log = LoggerFactory.getLogger(NibIntake.class);

    private final Mappings mappings;
    private final SyncLedger ledger;
    private final SimpulProperties.Region region;

    public NibIntake(Mappings mappings, SyncLedger ledger, SimpulProperties properties) {
        this.mappings = mappings;
        this.ledger = ledger;
        this.region = properties.region();
    }

    /**
     * Records each permit of a push routed to this region as a ledger version.
     *
     * @return the permits to convert and deliver; empty when everything was seen before
     */
    // All permits of a push or none: a failure part-way (a concurrent resend recorded one of them
    // first) leaves no half-recorded push and no trail events for it; the retry records it afresh.
    @Transactional
    public List<IntakeItem> record(String body,
                                   @Header(OssInbound.OPERATION) String operation,
                                   @Header(OssInbound.RECEIVED_AT) String receivedAt,
                                   @Header(OssInbound.TOKEN_REUSED) Boolean tokenReused,
                                   @Header(OssInbound.SOURCE) String source,
                                   @Header("SimpulReplay") Boolean replay,
                                   @Header("JMSRedelivered") Boolean redelivered,
                                   @Header(RESUME) Boolean resume,
                                   @Header(LEDGER_ID) Long ledgerId) {
        if (Boolean.TRUE.equals(resume)) {
            return List.of(resumed(body, ledgerId));
        }
        OssOperation op = OssOperation.of(operation).orElseThrow(
                () -> new PermanentFailureException("not an OSS push operation: " + operation));
        ObjectNode data;
        try {
            data = OssPayloadReader.requireData(OssPayloadReader.read(body.getBytes(StandardCharsets.UTF_8)), op);
            // Admission refused such pushes already; a NIB the sweep or a backfill fetched gets here without
            // admission, and content that cannot be stored does not become storable by retrying.
            OssPayloadReader.requireStorable(data, op, region);
        } catch (OssInputException e) {
            throw new PermanentFailureException(e.getMessage(), e);
        }
        String nib = OssPayloadReader.text(data.get("nib"));
        List<ObjectNode> inputs = mappingInputs(data, region);
        if (inputs.isEmpty()) {
            log.info("OSS {} nib={} carries no permit for this region; kept as context only", operation, nib);
            return List.of();
        }
        String piaVersion = OssPayloadReader.text(data.get("versi_pia"));
        List<IntakeItem> out = new ArrayList<>(inputs.size());
        for (ObjectNode input : inputs) {
            ObjectNode entry = (ObjectNode) input.get("checklist");
            String idIzin = OssPayloadReader.text(entry.get("id_izin"));
            // The same hash for the same content whether OSS pushed it or the sweep fetched it; the shared
            // hash is kept so that the sweep can tell a fetched NIB it already holds (NibRefresh).
            NibContent.Hashes hashes = NibContent.hashes((ObjectNode) input.get("dataNIB"), entry);
            String hash = hashes.content();
            Recorded recorded = ledger.recordIncoming(FLOW, nib, idIzin, OssPayloadReader.text(data.get("oss_id")),
                    OssPayloadReader.text(entry.get("kd_daerah")),
                    new IncomingContent(hash, hashes.shared(), !PUSH.equals(sourceOf(source))));
            if (Boolean.TRUE.equals(tokenReused)) {
                ledger.event(recorded.entry(), "TOKEN_REUSED", "today's OSS token came with a different body: "
                        + "a same-day change or a replayed token; check with OSS if unexpected");
            }
            if (Boolean.TRUE.equals(replay)) {
                ledger.event(recorded.entry(), "REPLAYED", "operator replay of version " + recorded.entry().version()
                        + " re-enters conversion");
            } else if (!recorded.fresh() && !Boolean.TRUE.equals(redelivered) && neverConverted(recorded)) {
                // An earlier attempt recorded the version and stopped before converting it (a hard crash
                // the broker does not report as a redelivery, a retry after a partial failure): nothing
                // else would ever pass it on.
                ledger.event(recorded.entry(), "CONVERSION_RESUMED", operation + " from " + sourceOf(source)
                        + " found version " + recorded.entry().version() + " recorded but never converted");
                log.warn("OSS {} nib={} id_izin={} version {} was recorded but never converted; converting it now",
                        operation, nib, idIzin, recorded.entry().version());
            } else if (!recorded.fresh() && !Boolean.TRUE.equals(redelivered)) {
                ledger.event(recorded.entry(), "DUPLICATE_IGNORED", operation + " from " + sourceOf(source)
                        + " repeated version " + recorded.entry().version() + " unchanged");
                log.info("OSS {} nib={} id_izin={} unchanged (version {}); not processed again", operation, nib,
                        idIzin, recorded.entry().version());
                continue;
            }
            input.set("meta", meta(operation, sourceOf(source), receivedAt, hash, recorded.entry().version()));
            out.add(new IntakeItem(recorded.entry().id(), operation, piaVersion, input));
        }
        return out;
    }

    /** The ledger version a recorded permit is (the route's {@code SimpulLedgerId}). */
    public long ledgerIdOf(IntakeItem item) {
        return item.ledgerId();
    }

    /** The region whose target the permit goes to (the route's {@code SimpulKdDaerah}). */
    public String regionOf(PermitMessage message) {
        return message.permit().kdDaerah();
    }

    /**
     * Keeps the canonical form (with the master applicant id, once matched) on the ledger version it
     * belongs to, and passes it on as JSON: the one serialisation of the message in conversion.
     */
    public String attach(PermitMessage message, @Header(LEDGER_ID) Long ledgerId) {
        String canonicalJson = Json.write(message);
        ledger.attachCanonical(ledgerId, message, canonicalJson);
        return canonicalJson;
    }

    /**
     * The replayed dead letter of a permit whose conversion stopped after its mapping (its applicant could
     * not be matched, or its canonical form not stored), sent back only while its version has no canonical
     * form. The dead letter kept the mapped message, not the OSS input, so there is nothing to map again.
     */
    private IntakeItem resumed(String body, Long ledgerId) {
        PermitMessage message = Json.read(body, PermitMessage.class);
        LedgerEntry entry = ledger.get(ledgerId);
        ledger.event(entry, "REPLAYED", "operator replay of version " + entry.version()
                + " resumes conversion after the mapping");
        return new IntakeItem(entry.id(), message.source().operation(), message.source().piaVersion(), null, message);
    }

    /**
     * Maps one recorded permit to the canonical model through {@code mappings/oss/<operation>/}. The
     * message stays an object until {@link #attach} stores it.
     */
    public PermitMessage convert(IntakeItem item) {
        if (item.mapped() != null) {
            return item.mapped();
        }
        PermitMessage message;
        try {
            JsonNode mapped = mappings.apply(FAMILY + item.operation(), item.piaVersion(), item.input());
            List<String> errors = CanonicalSchemas.v1().validate("permit-message", mapped);
            if (!errors.isEmpty()) {
                // Named by file: with a <versi_pia>.jslt beside default.jslt the operation alone does not say which.
                Path file = mappings.select(FAMILY + item.operation(), item.piaVersion());
                throw new PermanentFailureException("mapping " + mappings.root().relativize(file) + " for "
                        + item.operation() + " produced a message that breaks canonical schema permit-message.v1: "
                        + String.join("; ", errors));
            }
            message = Json.convert(mapped, PermitMessage.class);
        } catch (MappingException | UncheckedIOException | IllegalArgumentException e) {
            throw new PermanentFailureException("cannot convert " + item.operation() + " to canonical: "
                    + e.getMessage(), e);
        }
        log.info("OSS {} nib={} id_izin={} converted as version {}", item.operation(), message.source().nib(),
                message.source().idIzin(), message.source().version());
        return message;
    }

    /**
     * Whether one fetched permit ({@code context} and its checklist {@code entry}) converts to the permit a
     * stored canonical form holds, leaving out what differs per version ({@code source}, the applicant id,
     * the replay flag). A version recorded before shared hashes can be compared with fetched content only
     * this way. Content that cannot be converted is not the same: intake then reports it as it would.
     */
    public boolean convertsTo(ObjectNode context, ObjectNode entry, String piaVersion, String storedCanonical) {
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        input.set("dataNIB", context);
        input.set("checklist", entry);
        input.set("meta", meta("receiveNIB", "sweep", null, null, 0));
        try {
            JsonNode mapped = mappings.apply(FAMILY + "receiveNIB", piaVersion, input);
            return ContentHash.of(permitOnly(Json.toTree(Json.convert(mapped, PermitMessage.class))))
                    .equals(ContentHash.of(permitOnly(Json.tree(storedCanonical))));
        } catch (MappingException | UncheckedIOException | IllegalArgumentException e) {
            return false;
        }
    }

    private static JsonNode permitOnly(JsonNode canonical) {
        ObjectNode permit = ((ObjectNode) canonical).deepCopy();
        permit.remove(List.of("source", "applicantId", "replay"));
        return permit;
    }

    /**
     * {@link #attach} stores the canonical form just before the permit goes to its delivery queue, so a
     * version still {@code RECEIVED} without one never got there. A converted version is left to the
     * delivery side (it may be waiting in a queue): a resend of it stays a duplicate. A crash between
     * attach and the JMS commit comes back as a redelivery (the broker persists the delivery count).
     * A resend racing the first conversion may convert the version twice; delivery's DELIVERED check
     * and idempotency key still register it once.
     */
    private boolean neverConverted(Recorded recorded) {
        return recorded.entry().state() == LedgerState.RECEIVED && ledger.canonical(recorded.entry().id()).isEmpty();
    }

    private static String sourceOf(String source) {
        return source == null ? PUSH : source;
    }

    /** The {@code meta} object every OSS mapping receives beside {@code dataNIB} and {@code checklist}. */
    public static ObjectNode meta(String operation, String source, String receivedAt, String contentHash, int version) {
        return JsonNodeFactory.instance.objectNode()
                .put("operation", operation)
                .put("source", source)
                .put("receivedAt", receivedAt)
                .put("contentHash", contentHash)
                .put("version", version);
    }

    /** Every place, at the authority level a region office holds by default: a sample's permits, wherever they are. */
    private static final SimpulProperties.Region ANY_PLACE = new SimpulProperties.Region(List.of(""), null);

    /**
     * What the OSS mapping receives for each permit of a sample push ({@code check-mappings}), as if OSS had
     * pushed it: read and checked as a push is, every regency-level permit in it taken, whatever the region.
     *
     * @throws OssInputException (with OSS's answer) when the sample is not a push of that operation
     * @throws IllegalArgumentException for an operation that is not a NIB-family push
     */
    public static List<ObjectNode> sampleInputs(String operation, byte[] body, String receivedAt) {
        OssOperation op = OssOperation.of(operation).filter(o -> o.kind() == OssOperation.Kind.NIB)
                .orElseThrow(() -> new IllegalArgumentException("not an OSS NIB-family push operation: " + operation));
        List<ObjectNode> inputs = mappingInputs(OssPayloadReader.requireData(OssPayloadReader.read(body), op), ANY_PLACE);
        for (ObjectNode input : inputs) {
            input.set("meta", meta(operation, PUSH, receivedAt, NibContent.hashes((ObjectNode) input.get("dataNIB"),
                    (ObjectNode) input.get("checklist")).content(), 1));
        }
        return inputs;
    }

    /**
     * One mapping input per permit of a push routed to this region: {@code dataNIB} (without the
     * checklist, the context every permit shares) and the routed {@code checklist} entry.
     */
    public static List<ObjectNode> mappingInputs(ObjectNode data, SimpulProperties.Region region) {
        ObjectNode context = NibContent.context(data);
        List<ObjectNode> inputs = new ArrayList<>();
        for (ObjectNode entry : NibContent.routedToRegion(data, region)) {
            ObjectNode input = JsonNodeFactory.instance.objectNode();
            input.set("dataNIB", context);
            input.set("checklist", entry);
            inputs.add(input);
        }
        return inputs;
    }
}
