package id.simpul.reconciliation;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.audit.AuditLog;
import id.simpul.platform.json.Json;
import id.simpul.platform.security.PersonalData;
import org.springframework.security.core.Authentication;
import id.simpul.platform.ledger.LedgerEntry;
import id.simpul.platform.ledger.SyncLedger;
import id.simpul.platform.ledger.TrailEvent;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * "Where is this permit?": every version received for a NIB or id_izin (from push or poll), with
 * its canonical form and its timeline, plus events about the permit that belong to no version.
 */
@RestController
@RequestMapping("/api/v1/trail")
public class TrailController {

    private final SyncLedger ledger;
    private final AuditLog audit;
    private final PersonalData personalData;

    public TrailController(SyncLedger ledger, AuditLog audit, PersonalData personalData) {
        this.ledger = ledger;
        this.audit = audit;
        this.personalData = personalData;
    }

    public record TrailEntry(LedgerEntry entry, JsonNode canonical, List<TrailEvent> events) {
    }

    public record Trail(String nib, String idIzin, List<TrailEntry> entries, List<TrailEvent> otherEvents) {
    }

    @GetMapping
    public ResponseEntity<?> trail(@RequestParam(required = false) String nib,
                                   @RequestParam(required = false) String idIzin,
                                   @RequestParam(required = false) String applicantId,
                                   @RequestParam(defaultValue = "20") int recent,
                                   Authentication auth) {
        List<LedgerEntry> rows;
        List<TrailEvent> other = List.of();
        if (nib != null && !nib.isBlank()) {
            if (!nib.strip().matches("[0-9]{13}")) {
                return ResponseEntity.badRequest().body(Map.of("error", "nib must be 13 digits"));
            }
            rows = ledger.byNib(nib.strip());
            other = ledger.orphanEvents(nib.strip(), null);
        } else if (applicantId != null && !applicantId.isBlank()) {
            if (!applicantId.strip().matches("[A-Za-z0-9_-]{1,40}")) {
                return ResponseEntity.badRequest().body(Map.of("error", "applicantId is not a valid id"));
            }
            rows = ledger.byApplicantId(applicantId.strip());
        } else if (idIzin != null && !idIzin.isBlank()) {
            rows = ledger.byIdIzin(idIzin.strip());
            other = ledger.orphanEvents(null, idIzin.strip());
        } else {
            rows = ledger.recent(Math.max(1, Math.min(recent, 200)));
        }
        boolean unmasked = PersonalData.mayUnmask(auth);
        List<TrailEntry> entries = rows.stream()
                .map(e -> new TrailEntry(e, canonical(e, unmasked, auth), TrailTimeline.shown(ledger.events(e.id()),
                        e.id(), e.idIzin(), "trail", auth, audit, personalData)))
                .toList();
        List<TrailEvent> otherShown = TrailTimeline.shown(other, null, idIzin != null ? idIzin : nib, "trail", auth,
                audit, personalData);
        return ResponseEntity.ok(new Trail(nib, idIzin, entries, otherShown));
    }

    /** The version's canonical form; personal data masked unless the role may see it, and then audited. */
    private JsonNode canonical(LedgerEntry entry, boolean unmasked, Authentication auth) {
        JsonNode canonical = ledger.canonical(entry.id()).map(Json::tree).orElse(null);
        if (canonical == null || !PersonalData.containsPersonalData(canonical)) {
            return canonical;
        }
        if (!unmasked) {
            return PersonalData.masked(canonical);
        }
        audit.append(new AuditLog.Event(auth.getName(), "PERSONAL_DATA_VIEWED", "ledger", String.valueOf(entry.id()),
                personalData.dataSubject(canonical),
                "trail of id_izin " + entry.idIzin() + " shown unmasked", null, null));
        return canonical;
    }
}
