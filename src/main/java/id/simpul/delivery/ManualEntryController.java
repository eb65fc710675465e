package id.simpul.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.delivery.ManualEntries.ManualEntry;
import id.simpul.delivery.ManualEntries.ManualEntryException;
import id.simpul.platform.audit.AuditLog;
import id.simpul.platform.json.Json;
import id.simpul.platform.security.PersonalData;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The manual-entry queue for clerks: {@code GET /api/v1/manual-entries} lists what waits (or
 * {@code ?state=CONFIRMED|ALL}, {@code ?target=}); {@code POST /api/v1/manual-entries/{id}/confirm}
 * with {@code {"localNumber":"…","confirmedBy":"…"}} records the local number ({@code confirmedBy}
 * defaults to the signed-in account). As everywhere in the API, identity numbers, phones and e-mails
 * are masked unless the caller's role may see them, and an unmasked view is written to the audit
 * log; so is every confirmation.
 */
@RestController
@RequestMapping("/api/v1/manual-entries")
public class ManualEntryController {

    private final ManualEntries entries;
    private final AuditLog audit;
    private final PersonalData personalData;

    public ManualEntryController(ManualEntries entries, AuditLog audit, PersonalData personalData) {
        this.entries = entries;
        this.audit = audit;
        this.personalData = personalData;
    }

    public record Confirmation(String localNumber, String confirmedBy) {
    }

    public record Listing(String state, List<ManualEntry> entries) {
    }

    @GetMapping
    public Listing list(@RequestParam(defaultValue = ManualEntries.WAITING) String state,
                        @RequestParam(required = false) String target,
                        @RequestParam(defaultValue = "100") int limit, Authentication auth) {
        String s = state.strip().toUpperCase();
        if (!s.equals("ALL") && !s.equals(ManualEntries.WAITING) && !s.equals(ManualEntries.CONFIRMED)) {
            throw new ManualEntryException(400, "state must be WAITING, CONFIRMED or ALL");
        }
        List<ManualEntry> found = entries.list(s.equals("ALL") ? null : s, target, Math.max(1, Math.min(limit, 500)));
        return new Listing(s, found.stream().map(e -> shown(e, auth)).toList());
    }

    @GetMapping("/{id}")
    public ManualEntry get(@PathVariable long id, Authentication auth) {
        return shown(entries.find(id).orElseThrow(() -> new ManualEntryException(404, "no manual entry " + id)), auth);
    }

    @PostMapping("/{id}/confirm")
    public ManualEntry confirm(@PathVariable long id, @RequestBody(required = false) Confirmation body,
                               Authentication auth) {
        if (body == null) {
            throw new ManualEntryException(400, "body {\"localNumber\":\"…\",\"confirmedBy\":\"…\"} is required");
        }
        String account = auth == null ? null : auth.getName();
        String by = body.confirmedBy() == null || body.confirmedBy().isBlank() ? account : body.confirmedBy();
        return shown(entries.confirm(id, body.localNumber(), by, account), auth);
    }

    /** The entry as this caller may see it: masked, or unmasked and audited. */
    private ManualEntry shown(ManualEntry e, Authentication auth) {
        JsonNode fields = Json.toTree(e.fields());
        if (!PersonalData.containsPersonalData(fields)) {
            return e;
        }
        if (!PersonalData.mayUnmask(auth)) {
            return withFields(e, PersonalData.masked(fields));
        }
        audit.append(new AuditLog.Event(auth.getName(), "PERSONAL_DATA_VIEWED", "manual_entry", String.valueOf(e.id()),
                personalData.dataSubject(fields),
                "manual entry of id_izin " + e.idIzin() + " shown unmasked", null, null));
        return e;
    }

    @SuppressWarnings("unchecked")
    private static ManualEntry withFields(ManualEntry e, JsonNode fields) {
        return new ManualEntry(e.id(), e.ledgerId(), e.targetId(), e.nib(), e.idIzin(), e.version(),
                Json.MAPPER.convertValue(fields, Map.class), e.state(), e.localNumber(), e.confirmedBy(), e.createdAt(),
                e.confirmedAt());
    }
}
