package id.simpul.reconciliation.console;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.json.Json;
import id.simpul.platform.web.ApiException;
import id.simpul.reconciliation.DeadLetter;
import id.simpul.reconciliation.DeadLetterController;
import id.simpul.reconciliation.DeadLetterFilter;
import id.simpul.reconciliation.DeadLetterOperations;
import id.simpul.reconciliation.DeadLetterStore;
import id.simpul.reconciliation.DeadLetters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Dead letters for IT staff: list and filter, inspect (personal data masked unless the role allows),
 * correct the canonical message, replay one or all that match, discard with a reason. Every action
 * goes through {@link DeadLetterOperations}, which audits it; only operator and admin may act.
 */
@Controller
public class DeadLetterPages {

    static final int PAGE_SIZE = 25;

    private final DeadLetterOperations operations;

    public DeadLetterPages(DeadLetterOperations operations) {
        this.operations = operations;
    }

    /** The list's filters, echoed back into the form and the bulk-replay form. */
    public record Filters(String flow, String target, String errorClass, String olderThan, String nib, String idIzin,
                          String state) {
        DeadLetterFilter toFilter() {
            return DeadLetterController.filter(flow, target, errorClass, olderThan, nib, idIzin, state);
        }

        /** The same filters for bulk replay: only waiting dead letters are ever replayed. */
        DeadLetterFilter waiting() {
            return DeadLetterController.filter(flow, target, errorClass, olderThan, nib, idIzin, DeadLetter.WAITING);
        }

        /** This list's address with the same filters at {@code page}. */
        String listUrl(int page) {
            UriComponentsBuilder url = UriComponentsBuilder.fromPath("/console/dead-letters");
            query().forEach(url::queryParam);
            return url.queryParam("page", page).encode().build().toUriString();
        }

        Map<String, String> query() {
            Map<String, String> q = new LinkedHashMap<>();
            q.put("flow", flow);
            q.put("target", target);
            q.put("errorClass", errorClass);
            q.put("olderThan", olderThan);
            q.put("nib", nib);
            q.put("idIzin", idIzin);
            q.put("state", state);
            q.values().removeIf(v -> v == null || v.isBlank());
            return q;
        }
    }

    @GetMapping("/console/dead-letters")
    public String list(@RequestParam(required = false) String flow, @RequestParam(required = false) String target,
                       @RequestParam(required = false) String errorClass,
                       @RequestParam(required = false) String olderThan, @RequestParam(required = false) String nib,
                       @RequestParam(required = false) String idIzin,
                       @RequestParam(defaultValue = DeadLetter.WAITING) String state,
                       @RequestParam(defaultValue = "0") int page, Model model) {
        Filters filters = new Filters(flow, target, errorClass, olderThan, nib, idIzin, state);
        DeadLetterStore.Page result = operations.list(filters.toFilter(), Math.max(0, page), PAGE_SIZE);
        model.addAttribute("page", "dead-letters");
        model.addAttribute("filters", filters);
        model.addAttribute("errorClasses", DeadLetters.ERROR_CLASSES);
        model.addAttribute("result", result);
        long pages = (result.total() + PAGE_SIZE - 1) / PAGE_SIZE;
        model.addAttribute("pages", pages);
        model.addAttribute("previousUrl", result.page() > 0 ? filters.listUrl(result.page() - 1) : null);
        model.addAttribute("nextUrl", result.page() + 1 < pages ? filters.listUrl(result.page() + 1) : null);
        return "console/dead-letters";
    }

    /** Bulk replay of the waiting dead letters that match the filters; {@code dryRun} only counts. */
    @PostMapping("/console/dead-letters/replay")
    public String replayAll(@RequestParam(required = false) String flow, @RequestParam(required = false) String target,
                            @RequestParam(required = false) String errorClass,
                            @RequestParam(required = false) String olderThan,
                            @RequestParam(required = false) String nib, @RequestParam(required = false) String idIzin,
                            @RequestParam(defaultValue = "true") boolean dryRun, Authentication auth,
                            HttpServletRequest request, Model model, RedirectAttributes redirect) {
        ConsoleUser.of(auth).requireAct();
        Filters filters = new Filters(flow, target, errorClass, olderThan, nib, idIzin, DeadLetter.WAITING);
        if (dryRun) {
            model.addAttribute("bulkMatched", operations.count(filters.waiting()));
            model.addAttribute("bulkDryRun", true);
        } else {
            DeadLetterOperations.BulkResult r = operations.replayAll(filters.waiting(), auth);
            model.addAttribute("bulkMatched", r.matched());
            model.addAttribute("bulkReplayed", r.replayed());
            model.addAttribute("bulkDryRun", false);
        }
        if (ConsoleAdvice.htmx(request)) {
            return "console/dead-letters :: bulk-result";
        }
        redirect.addFlashAttribute("bulkMatched", model.getAttribute("bulkMatched"));
        redirect.addFlashAttribute("bulkReplayed", model.getAttribute("bulkReplayed"));
        redirect.addFlashAttribute("bulkDryRun", dryRun);
        filters.query().forEach(redirect::addAttribute);
        return "redirect:/console/dead-letters";
    }

    @GetMapping("/console/dead-letters/{id}")
    public String detail(@PathVariable long id, Authentication auth, Model model) {
        DeadLetterOperations.View view = operations.view(id, auth);
        model.addAttribute("page", "dead-letters");
        model.addAttribute("view", view);
        model.addAttribute("d", view.deadLetter());
        model.addAttribute("editable", DeadLetter.WAITING.equals(view.deadLetter().state())
                && view.deadLetter().step().startsWith("delivery-push"));
        if (!model.containsAttribute("canonical")) {
            model.addAttribute("canonical", new ConsoleFormat().json(view.payload()));
        }
        return "console/dead-letter";
    }

    @PostMapping("/console/dead-letters/{id}/replay")
    public String replay(@PathVariable long id, Authentication auth, RedirectAttributes redirect) {
        ConsoleUser.of(auth).requireAct();
        boolean replayed = operations.replay(id, auth);
        redirect.addFlashAttribute("notice", replayed ? "deadLetter.replayed" : "deadLetter.replayNone");
        return "redirect:/console/dead-letters/" + id;
    }

    @PostMapping("/console/dead-letters/{id}/discard")
    public String discard(@PathVariable long id, @RequestParam(required = false) String reason, Authentication auth,
                          RedirectAttributes redirect) {
        ConsoleUser.of(auth).requireAct();
        operations.discard(id, reason, auth);
        redirect.addFlashAttribute("notice", "deadLetter.discarded");
        return "redirect:/console/dead-letters/" + id;
    }

    /**
     * Saves the corrected canonical message (and replays it when {@code replay} is on). Refusals of the
     * service (schema errors, identity fields changed, nothing changed) are shown beside the editor.
     */
    @PostMapping("/console/dead-letters/{id}/edit")
    public String edit(@PathVariable long id, @RequestParam(defaultValue = "") String canonical,
                       @RequestParam(defaultValue = "false") boolean replay, Authentication auth,
                       HttpServletRequest request, HttpServletResponse response, Model model) {
        ConsoleUser.of(auth).requireAct();
        try {
            JsonNode edited;
            try {
                edited = Json.tree(canonical);
            } catch (RuntimeException notJson) {
                throw ApiException.badRequest("not valid JSON: " + rootMessage(notJson));
            }
            DeadLetterOperations.EditResult result = operations.edit(id, edited, replay, auth);
            model.addAttribute("editChanges", result.changes());
            model.addAttribute("editReplayed", result.replayed());
        } catch (ApiException refused) {
            response.setStatus(refused.status());
            model.addAttribute("editStatus", refused.status());
            model.addAttribute("editError", refused.getMessage());
            model.addAttribute("canonical", canonical);
        }
        model.addAttribute("deadLetterId", id);
        if (ConsoleAdvice.htmx(request)) {
            return "console/dead-letter :: edit-result";
        }
        return detail(id, auth, model);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int newline = m.indexOf('\n');
        return newline > 0 ? m.substring(0, newline) : m;
    }
}
