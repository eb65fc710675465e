package id.simpul.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.canonical.PermitMessage;
import id.simpul.mapping.MappingException;
import id.simpul.mapping.Mappings;
import id.simpul.platform.SimpulProperties;
import id.simpul.platform.SimpulProperties.Target;
import id.simpul.platform.failure.PermanentFailureException;
import id.simpul.platform.failure.SyncFailureException;
import id.simpul.platform.json.Json;
import id.simpul.platform.ledger.LedgerEntry;
import id.simpul.platform.ledger.LedgerState;
import id.simpul.platform.ledger.SyncLedger;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Pushes a canonical permit to the target that serves its region and records the outcome. A
 * version already delivered is not pushed again unless it is an operator's replay; even then the
 * idempotency key keeps the target from registering it twice.
 */
@Component("permitDelivery")
public class PermitDelivery {

    private static final Logger log = LoggerFactory.getLogger(PermitDelivery.class);

    private final List<Target> targets;
    private final Map<String, TargetAdapter> adapters;
    private final Mappings mappings;
    private final SyncLedger ledger;

    public PermitDelivery(SimpulProperties properties, List<TargetAdapter> adapters, Mappings mappings,
                          SyncLedger ledger) {
        this.targets = properties.targets();
        this.adapters = adapters.stream().collect(Collectors.toMap(TargetAdapter::flavour, Function.identity()));
        this.mappings = mappings;
        this.ledger = ledger;
        for (Target t : targets) {
            if (!this.adapters.containsKey(t.flavour())) {
                throw new IllegalStateException("target " + t.id() + " has unknown flavour " + t.flavour()
                        + "; known: " + this.adapters.keySet());
            }
        }
    }

    public void push(String canonicalJson, @Header("SimpulLedgerId") Long ledgerId) {
        PermitMessage message = Json.read(canonicalJson, PermitMessage.class);
        long id = ledgerId != null ? ledgerId : ledgerIdOf(message);
        LedgerEntry entry = ledger.get(id);
        // Even an operator's replay never registers a delivered version a second time.
        if (entry.state() == LedgerState.DELIVERED) {
            ledger.event(entry, message.replay() ? "REPLAY_SKIPPED" : "DUPLICATE_IGNORED",
                    "already delivered as " + entry.targetRef());
            log.info("id_izin={} v{} already delivered as {}; not pushed again", entry.idIzin(), entry.version(),
                    entry.targetRef());
            return;
        }
        Target target = targetFor(message.permit().kdDaerah());
        entry = ledger.startAttempt(id, target.id());
        try {
            RegistrationRequest request = new RegistrationRequest(entry.idIzin(), entry.version(),
                    RegistrationRequest.keyOf(entry.idIzin(), entry.version()), map(target, canonicalJson));
            TargetReceipt receipt = adapters.get(target.flavour()).register(target, request);
            ledger.delivered(id, target.id(), receipt.targetRef());
            log.info("id_izin={} v{} delivered to {} as {}", entry.idIzin(), entry.version(), target.id(),
                    receipt.targetRef());
        } catch (SyncFailureException e) {
            ledger.attemptFailed(id, e.kind().name(), e.getMessage());
            log.warn("id_izin={} v{} attempt {} to {} failed ({}): {}", entry.idIzin(), entry.version(),
                    entry.attempts(), target.id(), e.kind(), e.getMessage());
            throw e;
        }
    }

    private JsonNode map(Target target, String canonicalJson) {
        try {
            return mappings.applyFile(target.mapping(), Json.tree(canonicalJson));
        } catch (MappingException e) {
            throw new PermanentFailureException(e.getMessage(), e);
        }
    }

    private Target targetFor(String kdDaerah) {
        return targets.stream().filter(t -> t.serves(kdDaerah)).findFirst()
                .orElseThrow(() -> new PermanentFailureException("no target serves kd_daerah " + kdDaerah));
    }

    private long ledgerIdOf(PermitMessage message) {
        return ledger.findByHash(message.source().idIzin(), message.source().contentHash())
                .map(LedgerEntry::id)
                .orElseThrow(() -> new PermanentFailureException("no ledger row for id_izin "
                        + message.source().idIzin() + " v" + message.source().version()));
    }
}
