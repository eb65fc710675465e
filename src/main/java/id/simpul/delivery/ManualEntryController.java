package id.simpul.delivery;

import id.simpul.delivery.ManualEntries.ManualEntry;
import id.simpul.delivery.ManualEntries.ManualEntryException;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
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
 * with {@code {"localNumber":"…","confirmedBy":"…"}} records the local number.
 */
@RestController
@RequestMapping("/api/v1/manual-entries")
public class ManualEntryController {

    private final ManualEntries entries;

    public ManualEntryController(ManualEntries entries) {
        this.entries = entries;
    }

    public record Confirmation(String localNumber, String confirmedBy) {
    }

    public record Listing(String state, List<ManualEntry> entries) {
    }

    @GetMapping
    public Listing list(@RequestParam(defaultValue = ManualEntries.WAITING) String state,
                        @RequestParam(required = false) String target,
                        @RequestParam(defaultValue = "100") int limit) {
        String s = state.strip().toUpperCase();
        if (!s.equals("ALL") && !s.equals(ManualEntries.WAITING) && !s.equals(ManualEntries.CONFIRMED)) {
            throw new ManualEntryException(400, "state must be WAITING, CONFIRMED or ALL");
        }
        return new Listing(s, entries.list(s.equals("ALL") ? null : s, target, Math.max(1, Math.min(limit, 500))));
    }

    @GetMapping("/{id}")
    public ManualEntry get(@PathVariable long id) {
        return entries.find(id).orElseThrow(() -> new ManualEntryException(404, "no manual entry " + id));
    }

    @PostMapping("/{id}/confirm")
    public ManualEntry confirm(@PathVariable long id, @RequestBody(required = false) Confirmation body) {
        if (body == null) {
            throw new ManualEntryException(400, "body {\"localNumber\":\"…\",\"confirmedBy\":\"…\"} is required");
        }
        return entries.confirm(id, body.localNumber(), body.confirmedBy());
    }

    @ExceptionHandler(ManualEntryException.class)
    ResponseEntity<Map<String, Object>> refused(ManualEntryException e) {
        return ResponseEntity.status(e.status()).body(Map.of("status", e.status(), "error", e.getMessage()));
    }
}
