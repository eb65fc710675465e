package id.simpul.reconciliation;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.web.ApiException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The dead-letter queue over HTTP ({@link DeadLetterOperations} does the work). */
@RestController
@RequestMapping("/api/v1/dead-letters")
public class DeadLetterController {

    private static final int MAX_PAGE = 200;

    private final DeadLetterOperations operations;

    public DeadLetterController(DeadLetterOperations operations) {
        this.operations = operations;
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
        DeadLetterStore.Page result = operations.list(filter(flow, target, errorClass, olderThan, nib, idIzin, state),
                page, size);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", result.items().stream().map(Summary::of).toList());
        body.put("page", result.page());
        body.put("size", result.size());
        body.put("total", result.total());
        return body;
    }

    @GetMapping("/{id}")
    public Map<String, Object> get(@PathVariable long id, Authentication auth) {
        DeadLetterOperations.View v = operations.view(id, auth);
        DeadLetter d = v.deadLetter();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deadLetter", Summary.of(d));
        body.put("ledgerId", d.ledgerId());
        body.put("errorType", d.errorType());
        body.put("payload", v.payload());
        body.put("payloadMasked", v.payloadMasked());
        body.put("headers", v.headers());
        body.put("replayedAt", d.replayedAt());
        body.put("resolvedBy", d.resolvedBy());
        body.put("resolution", d.resolution());
        body.put("edits", v.edits());
        body.put("replayable", v.replayable());
        return body;
    }

    @PostMapping("/{id}/replay")
    public Map<String, Object> replay(@PathVariable long id, Authentication auth) {
        return Map.of("id", id, "replayed", operations.replay(id, auth));
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
        if (dryRun) {
            return Map.of("dryRun", true, "matched", operations.count(filter));
        }
        DeadLetterOperations.BulkResult r = operations.replayAll(filter, auth);
        return Map.of("dryRun", false, "matched", r.matched(), "replayed", r.replayed(), "seconds", r.seconds());
    }

    public record DiscardRequest(String reason) {
    }

    @PostMapping("/{id}/discard")
    public Map<String, Object> discard(@PathVariable long id, @RequestBody(required = false) DiscardRequest request,
                                       Authentication auth) {
        operations.discard(id, request == null ? null : request.reason(), auth);
        return Map.of("id", id, "state", DeadLetter.DISCARDED);
    }

    public record EditRequest(JsonNode canonical, Boolean replay) {
    }

    /** Correct the canonical message of a delivery dead letter, then replay it (unless {@code replay=false}). */
    @PostMapping("/{id}/edit")
    public Map<String, Object> edit(@PathVariable long id, @RequestBody(required = false) EditRequest request,
                                    Authentication auth) {
        DeadLetterOperations.EditResult r = operations.edit(id, request == null ? null : request.canonical(),
                request == null || !Boolean.FALSE.equals(request.replay()), auth);
        return Map.of("id", id, "changes", r.changes(), "replayed", r.replayed());
    }

    static final List<String> STATES = List.of(DeadLetter.WAITING, DeadLetter.REPLAYED, DeadLetter.DISCARDED);

    public static DeadLetterFilter filter(String flow, String target, String errorClass, String olderThan, String nib,
                                   String idIzin, String state) {
        // A value that matches nothing would read as "nothing waiting" (and a bulk replay's dry run as 0).
        String klass = errorClass == null || errorClass.isBlank() ? null : errorClass.strip().toUpperCase(Locale.ROOT);
        if (klass != null && !DeadLetters.ERROR_CLASSES.contains(klass)) {
            throw ApiException.badRequest("errorClass must be one of " + String.join(", ", DeadLetters.ERROR_CLASSES));
        }
        String st = state == null || state.isBlank() || state.strip().equalsIgnoreCase("ALL") ? null
                : state.strip().toUpperCase(Locale.ROOT);
        if (st != null && !STATES.contains(st)) {
            throw ApiException.badRequest("state must be one of " + String.join(", ", STATES) + ", ALL");
        }
        return new DeadLetterFilter(flow, target, klass, age(olderThan), nib, idIzin, st);
    }

    /** "PT2H", "2h", "30m", "3d". */
    public static Duration age(String text) {
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
