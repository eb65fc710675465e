package id.simpul.reconciliation.console;

import id.simpul.platform.audit.AuditLog;
import id.simpul.platform.security.ApiTokens;
import id.simpul.platform.security.Roles;
import id.simpul.platform.security.UserAccounts;
import id.simpul.platform.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The audit log (auditor, admin) with chain verification, and accounts (admin). */
@Controller
public class AuditPages {

    private final AuditLog audit;
    private final UserAccounts accounts;
    private final ApiTokens tokens;
    private final TransactionTemplate transactions;

    public AuditPages(AuditLog audit, UserAccounts accounts, ApiTokens tokens, TransactionTemplate transactions) {
        this.audit = audit;
        this.accounts = accounts;
        this.tokens = tokens;
        this.transactions = transactions;
    }

    @GetMapping("/console/audit")
    public String audit(@RequestParam(defaultValue = "100") int limit, Authentication auth, Model model) {
        ConsoleUser.of(auth).requireAudit();
        model.addAttribute("page", "audit");
        model.addAttribute("entries", audit.recent(Math.max(1, Math.min(limit, 1000))));
        return "console/audit";
    }

    /** htmx fragment (or the page): recomputes the hash chain. */
    @PostMapping("/console/audit/verify")
    public String verify(Authentication auth, HttpServletRequest request, Model model) {
        ConsoleUser.of(auth).requireAudit();
        model.addAttribute("verification", audit.verify());
        if (ConsoleAdvice.htmx(request)) {
            return "console/audit :: verification";
        }
        return audit(100, auth, model);
    }

    @GetMapping("/console/accounts")
    public String accounts(Authentication auth, Model model) {
        ConsoleUser.of(auth).requireAdmin();
        model.addAttribute("page", "accounts");
        model.addAttribute("accounts", accounts.all());
        model.addAttribute("allRoles", Roles.ALL);
        return "console/accounts";
    }

    /** Creates a personal account (password hashed by {@link UserAccounts}); the creation is audited. */
    @PostMapping("/console/accounts")
    public String create(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String password,
                         @RequestParam(required = false) List<String> roles, Authentication auth,
                         HttpServletResponse response, Model model, RedirectAttributes redirect) {
        ConsoleUser.of(auth).requireAdmin();
        List<String> problems = new ArrayList<>();
        String name = username.strip();
        if (!name.matches("[A-Za-z0-9._@-]{3,80}")) {
            problems.add("accounts.error.username");
        }
        if (password.length() < UserAccounts.MIN_PASSWORD) {
            problems.add("accounts.error.password");
        }
        List<String> chosen = roles == null ? List.of() : roles.stream().filter(Roles.ALL::contains).distinct().toList();
        if (chosen.isEmpty()) {
            problems.add("accounts.error.roles");
        }
        if (problems.isEmpty() && accounts.find(name).isPresent()) {
            problems.add("accounts.error.exists");
        }
        if (problems.isEmpty()) {
            try {
                accounts.create(name, password, chosen);
            } catch (DuplicateKeyException race) {
                problems.add("accounts.error.exists");
            }
        }
        if (!problems.isEmpty()) {
            response.setStatus(422);
            model.addAttribute("problems", problems);
            model.addAttribute("newUsername", name);
            model.addAttribute("newRoles", chosen);
            return accounts(auth, model);
        }
        audit.append(new AuditLog.Event(auth.getName(), "ACCOUNT_CREATED", "account", name, null,
                "roles " + String.join(",", chosen), null, null));
        redirect.addFlashAttribute("notice", "accounts.created");
        redirect.addFlashAttribute("noticeArg", name);
        return "redirect:/console/accounts";
    }

    /**
     * Disables (or enables again) an account: a person who left keeps no access. Disabling also ends the
     * account's API tokens; its console sessions end at their next request ({@code SecurityConfig}). The
     * change and its audit row commit together. An admin cannot disable their own account (the last admin
     * would leave no one to enable it again).
     */
    @PostMapping("/console/accounts/{username}/enabled")
    public String enable(@PathVariable String username, @RequestParam boolean enabled, Authentication auth,
                         HttpServletResponse response, Model model, RedirectAttributes redirect) {
        ConsoleUser.of(auth).requireAdmin();
        if (!enabled && username.equals(auth.getName())) {
            response.setStatus(422);
            model.addAttribute("problems", List.of("accounts.error.self"));
            return accounts(auth, model);
        }
        boolean changed = Boolean.TRUE.equals(transactions.execute(status -> {
            if (!accounts.setEnabled(username, enabled)) {
                return false;
            }
            int revoked = enabled ? 0 : tokens.revokeAll(username);
            audit.appendInTransaction(new AuditLog.Event(auth.getName(), enabled ? "ACCOUNT_ENABLED" : "ACCOUNT_DISABLED",
                    "account", username, null, enabled ? null : revoked + " live token(s) ended", null, null));
            return true;
        }));
        if (!changed) {
            throw ApiException.notFound("no account " + username);
        }
        redirect.addFlashAttribute("notice", enabled ? "accounts.enabledAgain" : "accounts.disabled");
        redirect.addFlashAttribute("noticeArg", username);
        return "redirect:/console/accounts";
    }
}
