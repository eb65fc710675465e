package id.simpul.platform.security;

import id.simpul.platform.web.ApiException;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Passwords over the API ({@link AccountChanges}): {@code POST /api/v1/account/password} changes the caller's
 * own, given the current one (any role); {@code POST /api/v1/users/{username}/password} is an admin's reset of
 * someone else's. Either ends the account's console sessions and API tokens and is audited.
 */
@RestController
public class AccountController {

    private final AccountChanges changes;

    public AccountController(AccountChanges changes) {
        this.changes = changes;
    }

    public record PasswordRequest(String currentPassword, String newPassword) {
    }

    @PostMapping("/api/v1/account/password")
    public Map<String, Object> changeOwn(@RequestBody(required = false) PasswordRequest request, Authentication auth) {
        if (request == null || request.currentPassword() == null || request.newPassword() == null) {
            throw ApiException.badRequest("currentPassword and newPassword are required");
        }
        return answer(auth.getName(), changes.changeOwn(auth.getName(), request.currentPassword(),
                request.newPassword()));
    }

    @PostMapping("/api/v1/users/{username}/password")
    public Map<String, Object> reset(@PathVariable String username,
                                     @RequestBody(required = false) PasswordRequest request, Authentication auth) {
        if (request == null || request.newPassword() == null) {
            throw ApiException.badRequest("newPassword is required");
        }
        return answer(username, changes.reset(auth.getName(), username, request.newPassword()));
    }

    private static Map<String, Object> answer(String username, AccountChanges.Result result) {
        return switch (result.outcome()) {
            case CHANGED -> Map.of("username", username, "tokensRevoked", result.tokensRevoked(),
                    "consoleSessions", "ended");
            case WEAK -> throw ApiException.unprocessable("the new password " + result.problem().orElseThrow().reason());
            case WRONG_CURRENT, LOCKED -> throw new ApiException(403,
                    "the current password is wrong (or the account is locked for a while)");
            case OWN_ACCOUNT -> throw ApiException.unprocessable(
                    "change your own password with POST /api/v1/account/password, which asks for the current one");
            case NO_ACCOUNT -> throw ApiException.notFound("no account " + username);
        };
    }
}
