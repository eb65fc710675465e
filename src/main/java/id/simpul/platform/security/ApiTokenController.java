package id.simpul.platform.security;

import java.time.Duration;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A signed-in person's API token for scripts (valid {@code hours}, at most 30 days). */
@RestController
@RequestMapping("/api/v1/tokens")
public class ApiTokenController {

    private final ApiTokens tokens;

    public ApiTokenController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @PostMapping
    public Map<String, Object> issue(@RequestParam(defaultValue = "8") long hours, Authentication auth) {
        ApiTokens.Issued issued = tokens.issue(auth.getName(), Duration.ofHours(hours));
        return Map.of("token", issued.token(), "expiresAt", issued.expiresAt().toString(),
                "use", "Authorization: Bearer <token>");
    }
}
