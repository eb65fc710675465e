package id.simpul.reconciliation;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.canonical.CanonicalSchemas;
import id.simpul.canonical.PermitMessage;
import id.simpul.delivery.HeldStatuses;
import id.simpul.platform.audit.AuditLog;
import id.simpul.platform.json.Json;
import id.simpul.platform.json.JsonDiff;
import id.simpul.platform.ledger.SyncLedger;
import id.simpul.platform.security.PersonalData;
import id.simpul.platform.web.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What IT staff can do with dead letters, for the API and the console alike: inspect (personal data
 * masked unless the role allows; unmasked views audited), replay one or many, discard with a reason,
 * correct the canonical message and replay it. Every action is audited and lands in the trail.
 */
@Service
public class DeadLetterOperations {

    static final int MAX_BULK = 200_000;

    private final DeadLetterStore store;
    private final DeadLetterReplayer replayer;
    private final AuditLog audit;
    private final PersonalData personalData;
    private final SyncLedger ledger;
    private final TransactionTemplate transactions;
    private final HeldStatuses held;

    public DeadLetterOperations(DeadLetterStore store, DeadLetterReplayer replayer, AuditLog audit,
                                PersonalData personalData, SyncLedger ledger, TransactionTemplate transactions,
                                HeldStatuses held) {
        this.store = store;
        this.replayer = replayer;
        this.audit = audit;
        this.personalData = personalData;
        this.ledger = ledger;
        this.transactions = transactions;
        this.held = held;
    }

    /** A dead letter as shown to this caller. */
    public record View(DeadLetter deadLetter, JsonNode payload, boolean payloadMasked, JsonNode headers,
                       List<Map<String, Object>> edits, boolean replayable) {
    }

    public record BulkResult(long matched, int replayed, double seconds) {
    }

    public record EditResult(List<Map<String, Object>> changes, boolean replayed) {
    }

    public DeadLetterStore.Page list(DeadLetterFilter filter, int page, int size) {
        return store.list(filter, page, size);
    }

    public View view(long id, Authentication auth) {
        DeadLetter d = require(id);
        JsonNode payload = parse(d.payload());
        boolean unmasked = PersonalData.mayUnmask(auth);
        boolean personal = PersonalData.containsPersonalData(payload);
        if (unmasked && personal) {
            audit.append(new AuditLog.Event(auth.getName(), "PERSONAL_DATA_VIEWED", "dead-letter", String.valueOf(id),
                    dataSubject(payload), "dead letter payload shown unmasked", null, null));
        }
        return new View(d, unmasked ? payload : PersonalData.masked(payload), !unmasked && personal,
                parse(d.headers()), store.edits(id), DeadLetterReplayer.replayable(d));
    }

    public boolean replay(long id, Authentication auth) {
        DeadLetter d = requireWaiting(id);
        if (!DeadLetterReplayer.replayable(d)) {
            throw ApiException.conflict("dead letter " + id + " from step " + d.step() + " cannot be replayed; discard it");
        }
        if (replayer.replay(List.of(d), auth.getName()) == 0) {
            throw ApiException.conflict("dead letter " + id + " was handled meanwhile");
        }
        auditReplay(d, auth.getName());
        return true;
    }

    private void auditReplay(DeadLetter d, String actor) {
        audit.append(new AuditLog.Event(actor, "DEAD_LETTER_REPLAYED", "dead-letter", String.valueOf(d.id()),
                dataSubject(parse(d.payload())), "step " + d.step() + ", " + d.errorClass(), d.state(), "REPLAYED"));
    }

    public long count(DeadLetterFilter filter) {
        return store.count(filter);
    }

    public BulkResult replayAll(DeadLetterFilter filter, Authentication auth) {
        long matched = store.count(filter);
        if (matched > MAX_BULK) {
            throw ApiException.badRequest(matched + " dead letters match; narrow the filter (at most " + MAX_BULK + ")");
        }
        long started = System.nanoTime();
        int replayed = 0;
        long after = 0;
        // Replays that fail again are new WAITING rows matching the same filter: only those here now count.
        long upTo = store.maxId();
        while (true) {
            List<Long> ids = store.ids(filter, after, upTo, 5_000);
            if (ids.isEmpty()) {
                break;
            }
            replayed += replayer.replay(store.findAll(ids), auth.getName());
            after = ids.get(ids.size() - 1);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        audit.append(new AuditLog.Event(auth.getName(), "DEAD_LETTERS_BULK_REPLAYED", "dead-letter", null, null,
                "filter " + Json.write(filter) + ": " + replayed + " of " + matched + " replayed", null, null));
        return new BulkResult(matched, replayed, Math.round(seconds * 1000) / 1000.0);
    }

    /**
     * Discards with its trail event and audit row in one transaction: no discard the audit log does not show.
     * The reason is kept with the NIKs, phone numbers and e-mail addresses it quotes masked: every role reads
     * it in the dead letter and the trail ("pemohon NIK … minta batal"). A discarded report to OSS never reaches
     * it: what it held back of the permit's later registration is released in the same transaction.
     */
    public void discard(long id, String reason, Authentication auth) {
        if (reason == null || reason.isBlank()) {
            throw ApiException.badRequest("a reason is required to discard a dead letter");
        }
        String kept = PersonalData.maskText(reason.strip());
        DeadLetter d = requireWaiting(id);
        transactions.executeWithoutResult(status -> {
            if (!store.discard(id, auth.getName(), kept)) {
                throw ApiException.conflict("dead letter " + id + " was handled meanwhile");
            }
            replayer.version(d).flatMap(ledger::find).ifPresent(e -> ledger.event(e, "DISCARDED",
                    "dead letter #" + id + " discarded by " + auth.getName() + ": " + kept));
            if (DeadLetterReplayer.REPORT_STEP.equals(d.step())) {
                held.discarded(DeadLetterReplayer.reportId(d),
                        "dead letter #" + id + " discarded by " + auth.getName());
            }
            audit.appendInTransaction(new AuditLog.Event(auth.getName(), "DEAD_LETTER_DISCARDED", "dead-letter", String.valueOf(id),
                    dataSubject(parse(d.payload())), kept, d.state(), DeadLetter.DISCARDED));
        });
    }

    /**
     * Corrects the canonical message of a delivery dead letter and replays it unless {@code replay} is
     * false. Fields the caller may not see arrive masked; a masked value sent back unchanged keeps the
     * stored value, so an operator can fix a field without seeing the NIK.
     */
    public EditResult edit(long id, JsonNode edited, boolean replay, Authentication auth) {
        if (edited == null || !edited.isObject()) {
            throw ApiException.badRequest("send {\"canonical\": {…the corrected permit message…}}");
        }
        DeadLetter d = requireWaiting(id);
        if (!d.step().startsWith("delivery-push")) {
            throw ApiException.conflict("only delivery dead letters carry a canonical message to edit; step was " + d.step());
        }
        JsonNode before = parse(d.payload());
        JsonNode after = restoreMasked(before, edited);
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
        List<Map<String, Object>> shown = masked(changes);
        String diff = Json.write(shown);
        String json = Json.write(after);
        // The edit, its trail event and its audit row together; the replay (a broker send) after the commit.
        transactions.executeWithoutResult(status -> {
            store.recordEdit(id, auth.getName(), diff);
            store.updatePayload(id, json);
            if (d.ledgerId() != null) {
                ledger.attachCanonical(d.ledgerId(), Json.convert(after, PermitMessage.class), json);
                ledger.find(d.ledgerId()).ifPresent(e -> ledger.event(e, "EDITED",
                        "dead letter #" + id + " edited by " + auth.getName() + ": " + diff));
            }
            audit.appendInTransaction(new AuditLog.Event(auth.getName(), "DEAD_LETTER_EDITED", "dead-letter", String.valueOf(id),
                    dataSubject(before), "changed " + changes.stream().map(JsonDiff.Change::path).toList(),
                    Json.write(PersonalData.masked(before)), Json.write(PersonalData.masked(after))));
        });
        boolean replayed = replay && replayer.replay(List.of(store.find(id).orElseThrow()), auth.getName()) == 1;
        if (replayed) {
            auditReplay(d, auth.getName());
        }
        return new EditResult(shown, replayed);
    }

    /** Where the edit still carries the masked value we showed, the stored value stands. */
    private static JsonNode restoreMasked(JsonNode stored, JsonNode edited) {
        JsonNode result = edited.deepCopy();
        JsonNode maskedStored = PersonalData.masked(stored);
        for (JsonDiff.Change c : JsonDiff.between(stored, maskedStored)) {
            JsonNode sent = result.at(c.path());
            if (!sent.isMissingNode() && sent.equals(c.after())) {
                int slash = c.path().lastIndexOf('/');
                JsonNode parent = result.at(c.path().substring(0, slash));
                if (parent instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
                    object.set(c.path().substring(slash + 1).replace("~1", "/").replace("~0", "~"), c.before());
                } else if (parent instanceof com.fasterxml.jackson.databind.node.ArrayNode array) {
                    array.set(Integer.parseInt(c.path().substring(slash + 1)), c.before());
                }
            }
        }
        return result;
    }

    /** The diff as stored and shown: personal values masked, like everywhere else. */
    private static List<Map<String, Object>> masked(List<JsonDiff.Change> changes) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonDiff.Change c : changes) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", c.path());
            String field = fieldOf(c.path());
            m.put("before", maskValue(field, c.before()));
            m.put("after", maskValue(field, c.after()));
            out.add(m);
        }
        return out;
    }

    /** The key a value sits under: for an array element ("/applicant/phone/1") the array's key. */
    private static String fieldOf(String path) {
        String[] segments = path.split("/");
        for (int i = segments.length - 1; i > 0; i--) {
            if (!segments[i].chars().allMatch(Character::isDigit)) {
                return segments[i].replace("~1", "/").replace("~0", "~");
            }
        }
        return "";
    }

    private static JsonNode maskValue(String field, JsonNode value) {
        if (value == null || !value.isValueNode()) {
            return value == null ? null : PersonalData.masked(value);
        }
        var wrapper = Json.MAPPER.createObjectNode();
        wrapper.set(field, value);
        return PersonalData.masked(wrapper).get(field);
    }

    /**
     * Whose data the payload is: a dead letter may hold a canonical message, the NIB intake's input or
     * OSS's raw push of any operation (dataNIB, dataNIBSTPW, dataNIBPSE …), each naming its person
     * differently, so the identity number is looked for wherever it sits.
     */
    private String dataSubject(JsonNode payload) {
        return personalData.dataSubject(payload);
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
}
