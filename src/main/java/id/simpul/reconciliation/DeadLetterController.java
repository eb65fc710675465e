package id.simpul.reconciliation;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.canonical.CanonicalSchemas;
import id.simpul.platform.audit.AuditLog;
import id.simpul.platform.json.Json;
import id.simpul.platform.json.JsonDiff;
import id.simpul.platform.ledger.SyncLedger;
import id.simpul.platform.security.PersonalData;
import id.simpul.platform.web.ApiException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * The IT staff's dead-letter queue: list and filter, inspect (personal data masked unless the role
 * allows), replay one or many (a dry run counts), discard with a reason, or correct the canonical
 * message and replay it (validated against its schema; the change kept as a diff). Every action is
 * audited.
 */
@RestController
@RequestMapping("/api/v1/dead-letters")
public class DeadLetterController {

    private static final int MAX_PAGE = 200;
    private static final int MAX_BULK = 200_000;

    private final DeadLetterStore store;
    private final DeadLetterReplayer replayer;
    private final AuditLog audit;
    private final PersonalData personalData;
    private final SyncLedger ledger;

    public DeadLetterController(DeadLetterStore store, DeadLetterReplayer replayer, AuditLog audit,
                                PersonalData personalData, SyncLedger ledger) {
        this.store = store;
        this.replayer = replayer;
        this.audit = audit;
        this.personalData = personalData;
        this.ledger = ledger;
    }

    public record Summary(long id, String nib, String idIzin, String flow, String step, String targetId,
                          String errorClass, String errorMessage, int attempts, String state, String createdAt) {
        static Summary of(DeadLetter d) {
            return new Summary(d.id(), d.nib(), d.idIzin(), d.flow(), d.step(), d.targetId(), d.errorClass(),
                    d.errorMessage(), d.attempts(), d.state(), String.valueOf(d.createdAt()));
        }
    }

    @GetMapping
    public Map<String, Object> list(@RequestParam(required = false) String flow,
                                    @RequestParam(required = false) String target,
                                    @RequestParam(required = false) String errorClass,
                                    @RequestParam(required = false) String olderThan,
                                    @RequestParam(required = false) String nib,
                                    @RequestParam(required = false) String idIzin,
                                    @RequestParam(required = false, defaultValue = "WAITING") String state,
                                    @RequestParam(defaultValue = "0") int page,
                                    @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE) {
            throw ApiException.badRequest("page must be >= 0 and size between 1 and " + MAX_PAGE);
        }
        DeadLetterFilter filter = filter(flow, target, errorClass, olderThan, nib, idIzin, state);
        DeadLetterStore.Page result = store.list(filter, page, size);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", result.items().stream().map(Summary::of).toList());
        body.put("page", result.page());
        body.put("size", result.size());
        body.put("total", result.total());
        return body;
    }

    @GetMapping("/{id}")
    public Map<String, Object> get(@PathVariable long id, Authentication auth) {
        DeadLetter d = require(id);
        JsonNode payload = parse(d.payload());
        boolean unmasked = PersonalData.mayUnmask(auth);
        if (unmasked && PersonalData.containsPersonalData(payload)) {
            audit.append(new AuditLog.Event(auth.getName(), "PERSONAL_DATA_VIEWED", "dead-letter", String.valueOf(id),
                    dataSubject(payload), "dead letter payload shown unmasked", null, null));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deadLetter", Summary.of(d));
        body.put("ledgerId", d.ledgerId());
        body.put("errorType", d.errorType());
        body.put("payload", unmasked ? payload : PersonalData.masked(payload));
        body.put("payloadMasked", !unmasked && PersonalData.containsPersonalData(payload));
        body.put("headers", parse(d.headers()));
        body.put("replayedAt", d.replayedAt());
        body.put("resolvedBy", d.resolvedBy());
        body.put("resolution", d.resolution());
        body.put("edits", store.edits(id));
        body.put("replayable", DeadLetterReplayer.replayable(d));
        return body;
    }

    @PostMapping("/{id}/replay")
    public Map<String, Object> replay(@PathVariable long id, Authentication auth) {
        DeadLetter d = requireWaiting(id);
        if (!DeadLetterReplayer.replayable(d)) {
            throw ApiException.conflict("dead letter " + id + " from step " + d.step() + " cannot be replayed; discard it");
        }
        int replayed = replayer.replay(List.of(d), auth.getName());
        audit.append(new AuditLog.Event(auth.getName(), "DEAD_LETTER_REPLAYED", "dead-letter", String.valueOf(id),
                dataSubject(parse(d.payload())), "step " + d.step() + ", " + d.errorClass(), d.state(), "REPLAYED"));
        return Map.of("id", id, "replayed", replayed == 1);
    }

    /** Bulk replay by the same filters as the list. {@code dryRun=true} only counts. */
    @PostMapping("/replay")
    public Map<String, Object> replayAll(@RequestParam(required = false) String flow,
                                         @RequestParam(required = false) String target,
                                         @RequestParam(required = false) String errorClass,
                                         @RequestParam(required = false) String olderThan,
                                         @RequestParam(required = false) String nib,
                                         @RequestParam(required = false) String idIzin,
                                         @RequestParam(defaultValue = "false") boolean dryRun,
                                         Authentication auth) {
        DeadLetterFilter filter = filter(flow, target, errorClass, olderThan, nib, idIzin, DeadLetter.WAITING);
        long matched = store.count(filter);
        if (dryRun) {
            return Map.of("dryRun", true, "matched", matched);
        }
        if (matched > MAX_BULK) {
            throw ApiException.badRequest(matched + " dead letters match; narrow the filter (at most " + MAX_BULK + ")");
        }
        long started = System.nanoTime();
        int replayed = 0;
        long after = 0;
        while (true) {
            List<Long> ids = store.ids(filter, after, 5_000);
            if (ids.isEmpty()) {
                break;
            }
            replayed += replayer.replay(store.findAll(ids), auth.getName());
            after = ids.get(ids.size() - 1);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        audit.append(new AuditLog.Event(auth.getName(), "DEAD_LETTERS_BULK_REPLAYED", "dead-letter", null, null,
                "filter " + Json.write(filter) + ": " + replayed + " of " + matched + " replayed", null, null));
        return Map.of("dryRun", false, "matched", matched, "replayed", replayed,
                "seconds", Math.round(seconds * 1000) / 1000.0);
    }

    public record DiscardRequest(String reason) {
    }

    @PostMapping("/{id}/discard")
    public Map<String, Object> discard(@PathVariable long id, @RequestBody(required = false) DiscardRequest request,
                                       Authentication auth) {
        if (request == null || request.reason() == null || request.reason().isBlank()) {
            throw ApiException.badRequest("a reason is required to discard a dead letter");
        }
        DeadLetter d = requireWaiting(id);
        if (!store.discard(id, auth.getName(), request.reason().strip())) {
            throw ApiException.conflict("dead letter " + id + " was handled meanwhile");
        }
        if (d.ledgerId() != null) {
            ledger.find(d.ledgerId()).ifPresent(e -> ledger.event(e, "DISCARDED",
                    "dead letter #" + id + " discarded by " + auth.getName() + ": " + request.reason().strip()));
        }
        audit.append(new AuditLog.Event(auth.getName(), "DEAD_LETTER_DISCARDED", "dead-letter", String.valueOf(id),
                dataSubject(parse(d.payload())), request.reason().strip(), d.state(), DeadLetter.DISCARDED));
        return Map.of("id", id, "state", DeadLetter.DISCARDED);
    }

    public record EditRequest(JsonNode canonical, Boolean replay) {
    }

    /** Correct the canonical message of a delivery dead letter, then replay it (unless {@code replay=false}). */
    @PostMapping("/{id}/edit")
    public Map<String, Object> edit(@PathVariable long id, @RequestBody(required = false) EditRequest request,
                                    Authentication auth) {
        if (request == null || request.canonical() == null || !request.canonical().isObject()) {
            throw ApiException.badRequest("send {\"canonical\": {…the corrected permit message…}}");
        }
        DeadLetter d = requireWaiting(id);
        if (!d.step().startsWith("delivery-push")) {
            throw ApiException.conflict("only delivery dead letters carry a canonical message to edit; step was " + d.step());
        }
        JsonNode before = parse(d.payload());
        JsonNode after = request.canonical();
        List<String> errors = CanonicalSchemas.v1().validate("permit-message", after);
        if (!errors.isEmpty()) {
            throw ApiException.unprocessable("the edited message breaks schema permit-message.v1: " + String.join("; ", errors));
        }
        for (String fixed : List.of("/source/idIzin", "/source/version", "/source/nib", "/source/contentHash")) {
            if (!before.at(fixed).equals(after.at(fixed))) {
                throw ApiException.unprocessable(fixed + " identifies the permit version and cannot be edited");
            }
        }
        List<JsonDiff.Change> changes = JsonDiff.between(before, after);
        if (changes.isEmpty()) {
            throw ApiException.badRequest("the edited message is identical to the dead letter's");
        }
        String diff = Json.write(masked(changes));
        store.recordEdit(id, auth.getName(), diff);
        String edited = Json.write(after);
        store.updatePayload(id, edited);
        if (d.ledgerId() != null) {
            ledger.attachCanonical(d.ledgerId(), edited);
            ledger.find(d.ledgerId()).ifPresent(e -> ledger.event(e, "EDITED",
                    "dead letter #" + id + " edited by " + auth.getName() + ": " + diff));
        }
        audit.append(new AuditLog.Event(auth.getName(), "DEAD_LETTER_EDITED", "dead-letter", String.valueOf(id),
                dataSubject(before), "changed " + changes.stream().map(JsonDiff.Change::path).toList(),
                Json.write(PersonalData.masked(before)), Json.write(PersonalData.masked(after))));
        boolean replayed = false;
        if (!Boolean.FALSE.equals(request.replay())) {
            replayed = replayer.replay(List.of(store.find(id).orElseThrow()), auth.getName()) == 1;
        }
        return Map.of("id", id, "changes", masked(changes), "replayed", replayed);
    }

    /** The diff as stored and shown: personal values masked, like everywhere else. */
    private static List<Map<String, Object>> masked(List<JsonDiff.Change> changes) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonDiff.Change c : changes) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", c.path());
            String field = c.path().substring(c.path().lastIndexOf('/') + 1);
            m.put("before", maskValue(field, c.before()));
            m.put("after", maskValue(field, c.after()));
            out.add(m);
        }
        return out;
    }

    private static JsonNode maskValue(String field, JsonNode value) {
        if (value == null || !value.isValueNode()) {
            return value == null ? null : PersonalData.masked(value);
        }
        var wrapper = Json.MAPPER.createObjectNode();
        wrapper.set(field, value);
        return PersonalData.masked(wrapper).get(field);
    }

    private String dataSubject(JsonNode payload) {
        if (payload == null) {
            return null;
        }
        String nik = payload.at("/applicant/identityNumber").asText(null);
        if (nik == null) {
            nik = payload.at("/input/dataNIB/penanggung_jwb/0/no_identitas_penanggung_jwb").asText(null);
        }
        return personalData.subjectKey(nik);
    }

    private DeadLetter require(long id) {
        return store.find(id).orElseThrow(() -> ApiException.notFound("no dead letter " + id));
    }

    private DeadLetter requireWaiting(long id) {
        DeadLetter d = require(id);
        if (!DeadLetter.WAITING.equals(d.state())) {
            throw ApiException.conflict("dead letter " + id + " is " + d.state() + ", not WAITING");
        }
        return d;
    }

    private static JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return Json.tree(json);
        } catch (RuntimeException notJson) {
            return Json.MAPPER.getNodeFactory().textNode(json);
        }
    }

    static DeadLetterFilter filter(String flow, String target, String errorClass, String olderThan, String nib,
                                   String idIzin, String state) {
        return new DeadLetterFilter(flow, target, errorClass == null ? null : errorClass.toUpperCase(),
                age(olderThan), nib, idIzin, state == null || state.isBlank() || state.equalsIgnoreCase("ALL") ? null
                : state.toUpperCase());
    }

    /** "PT2H", "2h", "30m", "3d". */
    static Duration age(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        try {
            if (t.toUpperCase().startsWith("P")) {
                return Duration.parse(t.toUpperCase());
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (Character.toLowerCase(t.charAt(t.length() - 1))) {
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw ApiException.badRequest("olderThan must look like 30m, 2h, 3d or PT2H");
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw ApiException.badRequest("olderThan must look like 30m, 2h, 3d or PT2H");
        }
    }
}
