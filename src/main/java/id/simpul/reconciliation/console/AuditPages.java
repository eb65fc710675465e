package id.simpul.reconciliation.console;

import id.simpul.platform.audit.AuditLog;
import id.simpul.platform.security.AccountChanges;
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
    private final AccountChanges changes;

    public AuditPages(AuditLog audit, UserAccounts accounts, AccountChanges changes) {
        this.audit = audit;
        this.accounts = accounts;
        this.changes = changes;
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
        model.addAttribute("locks", accounts.lockedUntil());
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
        UserAccounts.passwordProblem(password).ifPresent(p -> problems.add(p.messageKey()));
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
     * account's API tokens; its console sessions end at their next request ({@code SecurityConfig}) and stay
     * ended when it is enabled again. The change and its audit row commit together ({@link AccountChanges}).
     * An admin cannot disable their own account (the last admin would leave no one to enable it again).
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
        if (!changes.setEnabled(auth.getName(), username, enabled)) {
            throw ApiException.notFound("no account " + username);
        }
        redirect.addFlashAttribute("notice", enabled ? "accounts.enabledAgain" : "accounts.disabled");
        redirect.addFlashAttribute("noticeArg", username);
        return "redirect:/console/accounts";
    }

    /**
     * Sets someone else's password (forgotten, or known to someone it should not be): their console sessions
     * and API tokens end, audited as {@code PASSWORD_RESET}. Not one's own: that form asks for the current one.
     */
    @PostMapping("/console/accounts/{username}/password")
    public String resetPassword(@PathVariable String username, @RequestParam(defaultValue = "") String newPassword,
                                Authentication auth, HttpServletResponse response, Model model,
                                RedirectAttributes redirect) {
        ConsoleUser.of(auth).requireAdmin();
        AccountChanges.Result result = changes.reset(auth.getName(), username, newPassword);
        switch (result.outcome()) {
            case CHANGED -> {
                redirect.addFlashAttribute("notice", "accounts.passwordReset");
                redirect.addFlashAttribute("noticeArg", username);
                return "redirect:/console/accounts";
            }
            case NO_ACCOUNT -> throw ApiException.notFound("no account " + username);
            default -> {
                response.setStatus(422);
                model.addAttribute("problems", List.of(result.problem().map(UserAccounts.PasswordProblem::messageKey)
                        .orElse("accounts.error.resetSelf")));
                return accounts(auth, model);
            }
        }
    }
}
