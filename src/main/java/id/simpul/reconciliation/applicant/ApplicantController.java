package id.simpul.reconciliation.applicant;

import id.simpul.applicant.ApplicantRegistry;
import id.simpul.applicant.ApplicantViews;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import id.simpul.platform.web.ParameterWords;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * IT staff's applicant tools: the review queue of MAYBE pairs, decisions on them, splits, a master with
 * the evidence behind each of its links, and the service counter's lookup and registration ({@link CounterDesk}). Errors are 4xx JSON with a message, never a stack trace.
 * Decisions and splits are made by the signed-in user and audited like the console's
 * ({@link ApplicantDecisions}: the request before the change, the outcome after).
 */
@RestController
@RequestMapping("/api/v1/applicants")
public class ApplicantController {

    private final ApplicantRegistry registry;
    private final ApplicantDecisions decisions;
    private final CounterDesk counter;

    public ApplicantController(ApplicantRegistry registry, ApplicantDecisions decisions, CounterDesk counter) {
        this.registry = registry;
        this.decisions = decisions;
        this.counter = counter;
    }

    public record ReviewPage(List<ApplicantViews.ReviewItem> items, Long next) {
    }

    /**
     * @param decision  "same" or "different"
     * @param decidedBy ignored, still accepted so older clients keep working: the decision is recorded
     *                  under the signed-in user, whatever a body claims
     */
    public record DecisionRequest(String decision, String decidedBy) {
    }

    /** @param decidedBy ignored, as in {@link DecisionRequest} */
    public record SplitRequest(List<String> sourceRefs, String decidedBy) {
    }

    public record Error(int status, String error, String message) {
    }

    @GetMapping("/review")
    public ReviewPage review(@RequestParam(defaultValue = "0") long after, @RequestParam(defaultValue = "50") int limit) {
        List<ApplicantViews.ReviewItem> items = registry.reviews(after, limit);
        Long next = items.size() < Math.max(1, Math.min(limit, 500)) ? null : items.get(items.size() - 1).reviewId();
        return new ReviewPage(items, next);
    }

    @PostMapping("/review/{id}/decision")
    public ApplicantRegistry.Decision decide(@PathVariable long id, @RequestBody DecisionRequest request,
                                             Authentication auth) {
        String actor = actor(auth);
        String decision = request == null || request.decision() == null ? "" : request.decision().strip().toLowerCase(java.util.Locale.ROOT);
        if (!decision.equals("same") && !decision.equals("different")) {
            throw new IllegalArgumentException("decision must be \"same\" or \"different\"");
        }
        boolean same = decision.equals("same");
        return decisions.decide(id, same, actor, "API", null);
    }

    @GetMapping("/{applicantId}")
    public ApplicantViews.Applicant applicant(@PathVariable String applicantId) {
        return registry.view(applicantId).orElseThrow(() -> new NoSuchElementException("no applicant " + applicantId));
    }

    @PostMapping("/{applicantId}/split")
    public Map<String, String> split(@PathVariable String applicantId, @RequestBody SplitRequest request,
                                     Authentication auth) {
        if (request == null || request.sourceRefs() == null || request.sourceRefs().isEmpty()) {
            throw new IllegalArgumentException("sourceRefs to split off are required");
        }
        String actor = actor(auth);
        String created = decisions.split(applicantId, request.sourceRefs(), actor, "API");
        return Map.of("applicantId", registry.resolveId(applicantId).orElse(applicantId), "newApplicantId", created);
    }

    /**
     * The counter's lookup: what the hub knows about the person with this NIK, NPWP or NIB (in the body, so it
     * reaches no access log), masked by role; an unmasked answer is audited.
     */
    @PostMapping("/lookup")
    public CounterDesk.Found lookup(@RequestBody CounterDesk.LookupRequest request, Authentication auth) {
        actor(auth);
        return counter.lookup(request, auth);
    }

    /** A counter's record of an applicant, resolved like any source's: 201 when new, 200 when its sourceRef was known. */
    @PostMapping("/records")
    public ResponseEntity<CounterDesk.Registered> register(@RequestBody CounterDesk.CounterRecord record,
                                                           Authentication auth) {
        CounterDesk.Registered registered = counter.register(record, actor(auth));
        return ResponseEntity.status(registered.created() ? HttpStatus.CREATED : HttpStatus.OK).body(registered);
    }

    /** The security filter chain lets no one unauthenticated this far; without it (a bare MVC setup) nothing is decided. */
    private static String actor(Authentication auth) {
        if (auth == null || auth.getName() == null || auth.getName().isBlank()) {
            throw new Unauthenticated();
        }
        return auth.getName();
    }

    static final class Unauthenticated extends RuntimeException {
        Unauthenticated() {
            super("sign in: decisions are recorded under the signed-in user");
        }
    }

    @ExceptionHandler(Unauthenticated.class)
    ResponseEntity<Error> unauthenticated(Unauthenticated e) {
        return error(HttpStatus.UNAUTHORIZED, e.getMessage());
    }

    @ExceptionHandler(NoSuchElementException.class)
    ResponseEntity<Error> notFound(NoSuchElementException e) {
        return error(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(IllegalStateException.class)
    ResponseEntity<Error> conflict(IllegalStateException e) {
        return error(HttpStatus.CONFLICT, e.getMessage());
    }

    /** Closer than IllegalStateException's 409: an undecodable parameter is the caller's 400. */
    @ExceptionHandler({IllegalArgumentException.class, HttpMessageNotReadableException.class,
            MethodArgumentTypeMismatchException.class, org.apache.tomcat.util.http.InvalidParameterException.class})
    ResponseEntity<Error> badRequest(Exception e) {
        // The staff API's words for the rest (the field at fault and what it takes), not one line for all of them.
        String message = e instanceof IllegalArgumentException ? e.getMessage() : ParameterWords.of(e);
        return error(HttpStatus.BAD_REQUEST, message);
    }

    private static ResponseEntity<Error> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(new Error(status.value(), status.getReasonPhrase(), message));
    }
}
