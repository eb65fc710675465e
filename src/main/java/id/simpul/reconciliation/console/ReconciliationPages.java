package id.simpul.reconciliation.console;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.audit.AuditLog;
import id.simpul.platform.json.Json;
import id.simpul.platform.ledger.LedgerState;
import id.simpul.platform.security.PersonalData;
import id.simpul.platform.web.ApiException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The reconciliation report (the hub's own view always; the cross-system comparison when a
 * {@link ConsoleHooks.ReconciliationChecks} exists), the manual-entry queue and the applicant review
 * queue (when their hooks exist; otherwise the pages say so).
 */
@Controller
public class ReconciliationPages {

    static final int LIMIT = 200;
    private static final Set<String> ENTRY_STATES = Set.of("WAITING", "CONFIRMED", "ALL");

    private final ConsoleReadModel readModel;
    private final AuditLog audit;
    private final PersonalData personalData;
    private final ObjectProvider<ConsoleHooks.ReconciliationChecks> checks;
    private final ObjectProvider<ConsoleHooks.ManualEntryQueue> manualEntries;
    private final ObjectProvider<ConsoleHooks.ApplicantReviewQueue> reviews;

    public ReconciliationPages(ConsoleReadModel readModel, AuditLog audit, PersonalData personalData,
                               ObjectProvider<ConsoleHooks.ReconciliationChecks> checks,
                               ObjectProvider<ConsoleHooks.ManualEntryQueue> manualEntries,
                               ObjectProvider<ConsoleHooks.ApplicantReviewQueue> reviews) {
        this.readModel = readModel;
        this.audit = audit;
        this.personalData = personalData;
        this.checks = checks;
        this.manualEntries = manualEntries;
        this.reviews = reviews;
    }

    @GetMapping("/console/reconciliation")
    public String report(Model model) {
        model.addAttribute("page", "reconciliation");
        model.addAttribute("states", Arrays.stream(LedgerState.values()).map(Enum::name).toList());
        model.addAttribute("byTarget", readModel.ledgerByTargetAndState());
        model.addAttribute("stuckAfter", DashboardController.STUCK_AFTER);
        model.addAttribute("stuck", readModel.stuck(DashboardController.STUCK_AFTER, 50));
        model.addAttribute("stuckTotal", readModel.stuckCount(DashboardController.STUCK_AFTER));
        model.addAttribute("deadLettersByClass", readModel.deadLettersWaitingByClass());
        ConsoleHooks.ReconciliationChecks hook = checks.getIfAvailable();
        model.addAttribute("checksAvailable", hook != null);
        model.addAttribute("checks", hook == null ? null : hook.latest().orElse(null));
        model.addAttribute("generatedAt", readModel.now());
        return "console/reconciliation";
    }

    /** Runs every cross-system check now (operator or admin); the page then shows the new run. */
    @PostMapping("/console/reconciliation/runs")
    public String runChecks(Authentication auth, RedirectAttributes redirect) {
        ConsoleUser.of(auth).requireAct();
        checksOrNotFound().runNow(auth.getName());
        redirect.addFlashAttribute("notice", "reconciliation.ran");
        return "redirect:/console/reconciliation#cross-system";
    }

    /** One finding's fix; the service audits it and writes it to the permit's trail. */
    @PostMapping("/console/reconciliation/runs/{runId}/items/{itemId}/fix")
    public String fix(@PathVariable long runId, @PathVariable long itemId, Authentication auth,
                      RedirectAttributes redirect) {
        ConsoleUser.of(auth).requireAct();
        try {
            redirect.addFlashAttribute("noticeArg", checksOrNotFound().fix(runId, itemId, auth));
            redirect.addFlashAttribute("notice", "reconciliation.fixed");
        } catch (ApiException e) {
            // Already fixed, or needs a person: say so on the page rather than on an error page.
            redirect.addFlashAttribute("noticeArg", e.getMessage());
            redirect.addFlashAttribute("notice", "reconciliation.notFixed");
        }
        return "redirect:/console/reconciliation#cross-system";
    }

    private ConsoleHooks.ReconciliationChecks checksOrNotFound() {
        ConsoleHooks.ReconciliationChecks hook = checks.getIfAvailable();
        if (hook == null) {
            throw ApiException.notFound("cross-system reconciliation is not available in this build");
        }
        return hook;
    }

    /** A manual entry as shown: its fields masked unless the role may see personal data. */
    public record ShownEntry(ConsoleHooks.ManualEntryQueue.Entry entry, JsonNode fields) {
    }

    @GetMapping("/console/manual-entries")
    public String manualEntries(@RequestParam(defaultValue = "WAITING") String state, Authentication auth,
                                Model model) {
        model.addAttribute("page", "manual-entries");
        ConsoleHooks.ManualEntryQueue queue = manualEntries.getIfAvailable();
        model.addAttribute("available", queue != null);
        String s = ENTRY_STATES.contains(state.toUpperCase()) ? state.toUpperCase() : "WAITING";
        model.addAttribute("state", s);
        if (queue != null) {
            boolean unmask = PersonalData.mayUnmask(auth);
            List<ShownEntry> shown = queue.list("ALL".equals(s) ? null : s, LIMIT).stream()
                    .map(e -> new ShownEntry(e, shownFields(e, unmask, auth))).toList();
            model.addAttribute("entries", shown);
        }
        return "console/manual-entries";
    }

    @PostMapping("/console/manual-entries/{id}/confirm")
    public String confirm(@PathVariable long id, @RequestParam(defaultValue = "") String localNumber,
                          Authentication auth, RedirectAttributes redirect) {
        ConsoleUser.of(auth).requireAct();
        ConsoleHooks.ManualEntryQueue queue = manualEntries.getIfAvailable();
        if (queue == null) {
            throw ApiException.notFound("the manual-entry queue is not available in this build");
        }
        if (localNumber.isBlank()) {
            throw ApiException.badRequest("the local number is required");
        }
        // The queue audits the confirmation in the same transaction as the change.
        queue.confirm(id, localNumber.strip(), auth.getName());
        redirect.addFlashAttribute("notice", "manual.confirmed");
        return "redirect:/console/manual-entries";
    }

    @GetMapping("/console/applicant-reviews")
    public String applicantReviews(Model model) {
        model.addAttribute("page", "applicant-reviews");
        ConsoleHooks.ApplicantReviewQueue queue = reviews.getIfAvailable();
        model.addAttribute("available", queue != null);
        if (queue != null) {
            model.addAttribute("reviews", queue.pending(LIMIT));
        }
        return "console/applicant-reviews";
    }

    @PostMapping("/console/applicant-reviews/{id}/decide")
    public String decide(@PathVariable long id, @RequestParam boolean same,
                         @RequestParam(defaultValue = "") String note, Authentication auth,
                         RedirectAttributes redirect) {
        ConsoleUser.of(auth).requireAct();
        ConsoleHooks.ApplicantReviewQueue queue = reviews.getIfAvailable();
        if (queue == null) {
            throw ApiException.notFound("the applicant review queue is not available in this build");
        }
        // The queue audits the request before the change and the outcome after it.
        queue.decide(id, same, auth.getName(), note.strip());
        redirect.addFlashAttribute("notice", "review.decided");
        return "redirect:/console/applicant-reviews";
    }

    private JsonNode shownFields(ConsoleHooks.ManualEntryQueue.Entry e, boolean unmask, Authentication auth) {
        JsonNode fields = Json.toTree(e.fields() == null ? java.util.Map.of() : e.fields());
        if (!PersonalData.containsPersonalData(fields)) {
            return fields;
        }
        if (!unmask) {
            return PersonalData.masked(fields);
        }
        audit.append(new AuditLog.Event(auth.getName(), "PERSONAL_DATA_VIEWED", "manual_entry", String.valueOf(e.id()),
                personalData.dataSubject(fields), "manual entry shown unmasked in the console", null,
                null));
        return fields;
    }
}
