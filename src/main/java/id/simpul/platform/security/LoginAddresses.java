package id.simpul.platform.security;

import id.simpul.platform.audit.AuditLog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Stops password spraying, which the lock per account ({@link LoginAttempts}) never sees: one guess at each of many
 * accounts. Wrong passwords (for any name, an account or not) are counted per client address, the one the hub
 * already uses (behind the proxy the forwarded one, honoured only from the trusted proxy); after
 * {@code simpul.security.login.per-address.max-failures} within {@code window} from the first, that address's
 * logins (HTTP Basic anywhere, the console's login form) are turned away until the window ends, whatever the
 * password: no account is locked by it. A session already logged in and API tokens are no login and go on working.
 * The block is logged and audited once per window, the address masked.
 *
 * <p>Kept in memory: each hub node counts what it sees (docs/operations.md). Addresses whose window has ended are
 * dropped once there are many, so the map holds at most the addresses that failed within one window.
 */
@Component
public class LoginAddresses {

    private static final Logger log = LoggerFactory.getLogger(LoginAddresses.class);
    private static final int PRUNE_ABOVE = 10_000;

    private final Clock clock;
    private final AuditLog audit;
    private final SecurityProperties.PerAddress settings;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    private record Window(Instant start, int failures) {
    }

    public LoginAddresses(Clock clock, AuditLog audit, SecurityProperties security) {
        this.clock = clock;
        this.audit = audit;
        this.settings = security.login().perAddress();
    }

    @EventListener
    public void failed(AuthenticationFailureBadCredentialsEvent event) {
        if (event.getAuthentication().getDetails() instanceof WebAuthenticationDetails web
                && web.getRemoteAddress() != null) {
            failed(web.getRemoteAddress());
        }
    }

    void failed(String address) {
        Instant now = clock.instant();
        Window window = windows.compute(address, (a, w) -> w == null || !now.isBefore(end(w))
                ? new Window(now, 1) : new Window(w.start(), w.failures() + 1));
        if (window.failures() == settings.maxFailures()) {
            String masked = masked(address);
            log.warn("logins from {} turned away until {} after {} wrong passwords within {}", masked, end(window),
                    settings.maxFailures(), settings.window());
            audit.append(new AuditLog.Event("anonymous", "LOGIN_ADDRESS_BLOCKED", "address", masked, null,
                    "logins turned away until " + end(window) + " after " + settings.maxFailures()
                            + " wrong passwords within " + settings.window(), null, null));
        }
        if (windows.size() > PRUNE_ABOVE) {
            windows.values().removeIf(w -> !now.isBefore(end(w)));
        }
    }

    /** Until when logins from {@code address} are turned away; empty if they are not. */
    public Optional<Instant> blockedUntil(String address) {
        Window window = windows.get(address);
        if (window == null || window.failures() < settings.maxFailures() || !clock.instant().isBefore(end(window))) {
            return Optional.empty();
        }
        return Optional.of(end(window));
    }

    private Instant end(Window window) {
        return window.start().plus(settings.window());
    }

    /**
     * Turns away a login from a blocked address before its password is checked: HTTP Basic with 429 and JSON, the
     * console's login form back to the login page, which says why.
     */
    OncePerRequestFilter filter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                    FilterChain chain) throws ServletException, IOException {
                String authorization = request.getHeader("Authorization");
                boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
                boolean form = HttpMethod.POST.matches(request.getMethod())
                        && "/console/login".equals(request.getServletPath());
                Optional<Instant> until = basic || form ? blockedUntil(request.getRemoteAddr()) : Optional.empty();
                if (until.isEmpty()) {
                    chain.doFilter(request, response);
                    return;
                }
                long seconds = Math.max(1, Duration.between(clock.instant(), until.get()).toSeconds());
                response.setHeader("Retry-After", Long.toString(seconds));
                if (form) {
                    response.sendRedirect(request.getContextPath() + "/console/login?blocked");
                    return;
                }
                response.setStatus(429);
                response.setContentType("application/json");
                response.getWriter().write("{\"error\":\"too many wrong passwords from your address: logins are "
                        + "turned away until " + until.get() + "\"}");
            }
        };
    }

    /** An address as the log and the audit name it: the network, not the machine (IPv4 /24, IPv6 /64). */
    static String masked(String address) {
        if (address.indexOf(':') < 0) {
            int dot = address.lastIndexOf('.');
            return dot < 0 ? "*" : address.substring(0, dot) + ".*";
        }
        String[] groups = address.split(":", -1);
        return groups.length <= 4 ? "*" : String.join(":", java.util.Arrays.copyOf(groups, 4)) + ":*";
    }
}
