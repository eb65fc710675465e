package id.simpul.reconciliation.console;

import id.simpul.platform.security.AccountChanges;
import id.simpul.platform.security.SecurityConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Anyone signed in changes their own password, giving the current one ({@link AccountChanges#changeOwn}):
 * this session goes on, the account's other sessions and its API tokens end.
 */
@Controller
public class PasswordPages {

    private final AccountChanges changes;

    public PasswordPages(AccountChanges changes) {
        this.changes = changes;
    }

    @GetMapping("/console/password")
    public String form(Model model) {
        model.addAttribute("page", "password");
        return "console/password";
    }

    @PostMapping("/console/password")
    public String change(@RequestParam(defaultValue = "") String currentPassword,
                         @RequestParam(defaultValue = "") String newPassword,
                         @RequestParam(defaultValue = "") String repeatPassword, Authentication auth,
                         HttpServletRequest request, HttpServletResponse response, Model model,
                         RedirectAttributes redirect) {
        String problem;
        AccountChanges.Result result = null;
        if (!newPassword.equals(repeatPassword)) {
            problem = "password.error.repeat";
        } else {
            result = changes.changeOwn(auth.getName(), currentPassword, newPassword);
            problem = switch (result.outcome()) {
                case CHANGED -> null;
                case WEAK -> result.problem().orElseThrow().messageKey();
                default -> "password.error.current";
            };
        }
        if (problem != null) {
            response.setStatus(422);
            model.addAttribute("problems", List.of(problem));
            return form(model);
        }
        SecurityConfig.keepSession(request, result.sessionEpoch().orElse(-1));
        redirect.addFlashAttribute("notice", "password.changed");
        return "redirect:/console/password";
    }
}
