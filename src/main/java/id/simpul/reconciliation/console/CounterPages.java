package id.simpul.reconciliation.console;

import id.simpul.platform.web.ApiException;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The counter's page (Loket): a clerk looks up what the hub knows about the person in front of them. The
 * identifier is posted (with the CSRF token), never put in a URL, so it reaches no access log or browser history.
 * Who may look up is who may act (operator, admin), as for the staff API's POST.
 */
@Controller
public class CounterPages {

    private static final List<String> FIELDS = List.of("nik", "npwp", "nib");

    private final ObjectProvider<ConsoleHooks.Counter> counter;

    public CounterPages(ObjectProvider<ConsoleHooks.Counter> counter) {
        this.counter = counter;
    }

    @GetMapping("/console/counter")
    public String form(Model model) {
        model.addAttribute("page", "counter");
        model.addAttribute("available", counter.getIfAvailable() != null);
        model.addAttribute("field", "nik");
        return "console/counter";
    }

    @PostMapping("/console/counter")
    public String lookup(@RequestParam(defaultValue = "nik") String field, @RequestParam(defaultValue = "") String value,
                         Authentication auth, Model model) {
        ConsoleUser.of(auth).requireAct();
        ConsoleHooks.Counter hook = counter.getIfAvailable();
        if (hook == null) {
            throw ApiException.notFound("the counter lookup is not available in this build");
        }
        if (!FIELDS.contains(field)) {
            throw ApiException.badRequest("field must be nik, npwp or nib");
        }
        if (value.isBlank()) {
            throw ApiException.badRequest(field + " is required");
        }
        Optional<ConsoleHooks.Counter.Found> found;
        try {
            found = hook.lookup(field, value.strip(), auth);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        model.addAttribute("page", "counter");
        model.addAttribute("available", true);
        model.addAttribute("field", field);
        model.addAttribute("searched", true);
        model.addAttribute("found", found.orElse(null));
        return "console/counter";
    }
}
