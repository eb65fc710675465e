package id.simpul.platform.security;

import id.simpul.platform.lock.DatabaseClock;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Personal API tokens: a signed-in person asks for one ({@code POST /api/v1/tokens}) and scripts send
 * it as {@code Authorization: Bearer smp_…}. The token acts with its owner's roles until it expires;
 * only its SHA-256 is stored.
 */
@Component
public class ApiTokens {

    private static final String PREFIX = "smp_";
    /** The details of an authentication made with a token, so that a token cannot mint its successor. */
    static final String VIA_TOKEN = "api-token";
    static final Duration MAX_TTL = Duration.ofDays(30);

    private final JdbcClient jdbc;
    private final UserAccounts accounts;
    private final SecureRandom random = new SecureRandom();

    public ApiTokens(JdbcClient jdbc, UserAccounts accounts) {
        this.jdbc = jdbc;
        this.accounts = accounts;
    }

    public record Issued(String token, Instant expiresAt) {
    }

    public Issued issue(String username, Duration ttl) {
        Duration life = ttl == null || ttl.isNegative() || ttl.isZero() ? Duration.ofHours(8)
                : ttl.compareTo(MAX_TTL) > 0 ? MAX_TTL : ttl;
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        // On the database's clock, which every hub instance checks the token against, not this hub's.
        jdbc.sql("INSERT INTO api_token (username, token_hash, created_at, expires_at) VALUES (:u, :h, %s, %s)"
                        .formatted(DatabaseClock.NOW, DatabaseClock.nowPlus(life)))
                .param("u", username).param("h", hash(token)).update();
        Timestamp expiresAt = jdbc.sql("SELECT expires_at FROM api_token WHERE token_hash = :h")
                .param("h", hash(token)).query(Timestamp.class).single();
        return new Issued(token, expiresAt.toInstant());
    }

    /** The owner of a valid, unexpired token. */
    public Optional<String> owner(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT username FROM api_token WHERE token_hash = :h AND NOT "
                        + DatabaseClock.lapsed("expires_at"))
                .param("h", hash(token)).query(String.class).optional();
    }

    /** Ends every token of {@code username} at once (a leaked token, a person who left); how many were live. */
    public int revokeAll(String username) {
        return jdbc.sql("UPDATE api_token SET expires_at = %s WHERE username = :u AND NOT %s"
                        .formatted(DatabaseClock.NOW, DatabaseClock.lapsed("expires_at")))
                .param("u", username).update();
    }

    /** Authenticates {@code Authorization: Bearer smp_…} on the API; anything else passes to HTTP Basic. */
    public OncePerRequestFilter filter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String header = request.getHeader("Authorization");
                if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                    Optional<UserDetails> user = owner(header.substring(7).strip())
                            .map(accounts::loadUserByUsername).filter(UserDetails::isEnabled);
                    if (user.isEmpty()) {
                        response.setStatus(401);
                        response.setContentType("application/json");
                        response.getWriter().write("{\"error\":\"the token is unknown or expired\"}");
                        return;
                    }
                    UsernamePasswordAuthenticationToken authentication = UsernamePasswordAuthenticationToken
                            .authenticated(user.get().getUsername(), null, user.get().getAuthorities());
                    authentication.setDetails(VIA_TOKEN);
                    SecurityContextHolder.getContext().setAuthentication(authentication);
                }
                chain.doFilter(request, response);
            }
        };
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
