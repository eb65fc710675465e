package id.simpul.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.simpul.canonical.PermitMessage;
import id.simpul.mapping.MappingException;
import id.simpul.mapping.Mappings;
import id.simpul.platform.SimpulProperties;
import id.simpul.platform.failure.PermanentFailureException;
import id.simpul.platform.json.Json;
import id.simpul.platform.ledger.Recorded;
import id.simpul.platform.ledger.SyncLedger;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns a durable OSS push into canonical permit messages, one per checklist entry routed to this
 * region, each recorded as a version in the sync ledger. A re-send with the same content is not
 * processed again; a redelivery after a crash is (the ledger may hold the row, but the permit may
 * not have reached the delivery queue).
 */
@Component("nibIntake")
public class NibIntake {

    public static final String FLOW = "oss-nib";
    public static final String LEDGER_ID = "SimpulLedgerId";
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
    public List<IntakeItem> record(String body,
                                   @Header(OssInbound.OPERATION) String operation,
                                   @Header(OssInbound.RECEIVED_AT) String receivedAt,
                                   @Header("JMSRedelivered") Boolean redelivered) {
        ObjectNode root = OssPayloadReader.read(body.getBytes(StandardCharsets.UTF_8));
        ObjectNode data = OssPayloadReader.requireDataNib(root);
        String nib = OssPayloadReader.text(data.get("nib"));
        List<ObjectNode> ours = NibContent.routedToRegion(data, region);
        if (ours.isEmpty()) {
            log.info("OSS {} nib={} carries no permit for this region; kept as context only", operation, nib);
            return List.of();
        }
        ObjectNode context = NibContent.context(data);
        String piaVersion = OssPayloadReader.text(data.get("versi_pia"));
        List<IntakeItem> out = new ArrayList<>(ours.size());
        for (ObjectNode entry : ours) {
            String idIzin = OssPayloadReader.text(entry.get("id_izin"));
            ObjectNode input = JsonNodeFactory.instance.objectNode();
            input.set("dataNIB", context);
            input.set("checklist", entry);
            // The same hash for the same content whether OSS pushed it or the sweep fetched it.
            String hash = NibContent.hash(context, entry);
            Recorded recorded = ledger.recordIncoming(FLOW, nib, idIzin, OssPayloadReader.text(data.get("oss_id")),
                    OssPayloadReader.text(entry.get("kd_daerah")), hash);
            if (!recorded.fresh() && !Boolean.TRUE.equals(redelivered)) {
                ledger.event(recorded.entry(), "DUPLICATE_IGNORED",
                        "OSS re-sent version " + recorded.entry().version() + " unchanged");
                log.info("OSS {} nib={} id_izin={} unchanged (version {}); not processed again", operation, nib,
                        idIzin, recorded.entry().version());
                continue;
            }
            input.putObject("meta")
                    .put("operation", operation)
                    .put("receivedAt", receivedAt)
                    .put("contentHash", hash)
                    .put("version", recorded.entry().version());
            out.add(new IntakeItem(recorded.entry().id(), operation, piaVersion, input));
        }
        return out;
    }

    /** Maps one recorded permit to the canonical model through {@code mappings/oss/<operation>/}. */
    public String convert(IntakeItem item) {
        PermitMessage message;
        try {
            JsonNode mapped = mappings.apply(FAMILY + item.operation(), item.piaVersion(), item.input());
            message = Json.convert(mapped, PermitMessage.class);
        } catch (MappingException | UncheckedIOException | IllegalArgumentException e) {
            throw new PermanentFailureException("cannot convert " + item.operation() + " to canonical: "
                    + e.getMessage(), e);
        }
        String json = Json.write(message);
        ledger.attachCanonical(item.ledgerId(), json);
        log.info("OSS {} nib={} id_izin={} converted as version {}", item.operation(), message.source().nib(),
                message.source().idIzin(), message.source().version());
        return json;
    }
}
