package id.simpul.intake.poll;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Backfills over HTTP. {@code POST /api/v1/backfills} takes {@code {"nibs":[...],"rate":5}} or a
 * plain-text list (one NIB a line, {@code ?rate=5}); the hub works it in the background and
 * {@code GET /api/v1/backfills/{id}} shows its progress.
 */
@RestController
@RequestMapping("/api/v1/backfills")
public class BackfillController {

    /** A backfill as JSON: the NIBs and, optionally, NIBs per second. */
    public record BackfillRequest(List<String> nibs, Double rate) {
    }

    private final Backfills backfills;

    public BackfillController(Backfills backfills) {
        this.backfills = backfills;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> create(@RequestBody BackfillRequest request, Authentication auth) {
        return create(NibList.of(request.nibs() == null ? List.of() : request.nibs()), request.rate(), auth);
    }

    @PostMapping(consumes = MediaType.TEXT_PLAIN_VALUE)
    public ResponseEntity<?> createFromText(@RequestBody String list, @RequestParam(required = false) Double rate,
                                            Authentication auth) {
        return create(NibList.parse(list), rate, auth);
    }

    @GetMapping("/{id}")
    public ResponseEntity<?> get(@PathVariable long id) {
        return backfills.get(id).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(404).body(Map.of("error", "no backfill " + id)));
    }

    @GetMapping
    public List<Backfills.Job> recent(@RequestParam(defaultValue = "20") int limit) {
        return backfills.recent(Math.max(1, Math.min(limit, 200)));
    }

    @PostMapping("/{id}/cancel")
    public ResponseEntity<?> cancel(@PathVariable long id, Authentication auth) {
        if (!backfills.cancel(id, auth.getName())) {
            return ResponseEntity.status(409).body(Map.of("error", "backfill " + id + " is not running"));
        }
        return ResponseEntity.ok(backfills.get(id).orElseThrow());
    }

    private ResponseEntity<?> create(NibList list, Double rate, Authentication auth) {
        if (!list.errors().isEmpty()) {
            return ResponseEntity.badRequest().body(Map.of("error", "invalid NIBs", "lines", list.errors()));
        }
        try {
            Backfills.Job job = backfills.create(list.nibs(), rate, auth.getName());
            return ResponseEntity.created(URI.create("/api/v1/backfills/" + job.id())).body(job);
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
        }
    }
}
