package id.simpul.platform.security;

import id.simpul.platform.audit.AuditLog;
import id.simpul.platform.web.ApiException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A signed-in person's API token for scripts (valid {@code hours}, at most 30 days), issued only to a
 * password sign-in: a token that could renew itself would outlive a leak forever. Issuing and revoking
 * are audited, in the same transaction: no token without its audit row.
 */
@RestController
@RequestMapping("/api/v1/tokens")
public class ApiTokenController {

    private final ApiTokens tokens;
    private final AuditLog audit;

    public ApiTokenController(ApiTokens tokens, AuditLog audit) {
        this.tokens = tokens;
        this.audit = audit;
    }

    @PostMapping
    @Transactional
    public ResponseEntity<Map<String, Object>> issue(@RequestParam(defaultValue = "8") long hours, Authentication auth) {
        if (ApiTokens.VIA_TOKEN.equals(auth.getDetails())) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error",
                    "a token cannot issue tokens; sign in with your password (HTTP Basic) to get a new one"));
        }
        if (hours < 1 || hours > ApiTokens.MAX_TTL.toHours()) {
            // Once a 0, a negative or a too long life quietly became 8 hours or 30 days: a script asking for
            // hours=0 to end its token got a live one.
            throw ApiException.badRequest("hours must be from 1 to " + ApiTokens.MAX_TTL.toHours() + " (30 days), not "
                    + hours);
        }
        ApiTokens.Issued issued = tokens.issue(auth.getName(), Duration.ofHours(hours));
        audit.appendInTransaction(new AuditLog.Event(auth.getName(), "API_TOKEN_ISSUED", "user", auth.getName(), null,
                "expires " + issued.expiresAt(), null, null));
        return ResponseEntity.ok(Map.of("token", issued.token(), "expiresAt", issued.expiresAt().toString(),
                "use", "Authorization: Bearer <token>"));
    }

    /** Revokes all of the caller's tokens, or, for an admin, all of {@code username}'s. */
    @DeleteMapping
    @Transactional
    public ResponseEntity<Map<String, Object>> revoke(@RequestParam(required = false) String username,
            Authentication auth) {
        String owner = username == null || username.isBlank() ? auth.getName() : username;
        if (!owner.equals(auth.getName()) && auth.getAuthorities().stream()
                .noneMatch(a -> a.getAuthority().equals("ROLE_" + Roles.ADMIN.toUpperCase(Locale.ROOT)))) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(Map.of("error",
                    "only an admin may revoke another person's tokens"));
        }
        int revoked = tokens.revokeAll(owner);
        audit.appendInTransaction(new AuditLog.Event(auth.getName(), "API_TOKENS_REVOKED", "user", owner, null,
                revoked + " live token(s) ended", null, null));
        return ResponseEntity.ok(Map.of("username", owner, "revoked", revoked));
    }
}
