package id.simpul.g2g.access;

import id.simpul.g2g.G2gProperties;
import id.simpul.g2g.agency.Agencies;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates an agency system by its API key ({@code Authorization: Bearer <key>} or
 * {@code X-API-Key: <key>}) or, when enabled, by the TLS client certificate the server verified
 * (subject DN in RFC 2253 form, as registered for the client). A presented but unknown or revoked
 * credential is refused at once; no credential continues as anonymous (and the chain refuses
 * everything but the public documents).
 */
final class AgencyAuthenticationFilter extends OncePerRequestFilter {

    static final String API_KEY_HEADER = "X-API-Key";
    private static final String CERTIFICATE_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

    private final Agencies agencies;
    private final G2gProperties.Auth auth;
    private final RateLimitFilter limits;

    AgencyAuthenticationFilter(Agencies agencies, G2gProperties.Auth auth, RateLimitFilter limits) {
        this.agencies = agencies;
        this.auth = auth;
        this.limits = limits;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = apiKey(request);
        Optional<Agencies.Member> member = Optional.empty();
        if (key != null) {
            if (!auth.apiKeys()) {
                if (!limits.refusedCredentialOverLimit(request, response)) {
                    G2gResponses.write(request, response, 401, "API keys are not accepted by this hub; use a client certificate");
                }
                return;
            }
            member = agencies.byApiKey(key);
            if (member.isEmpty()) {
                unauthorized(response, request, "unknown or revoked API key");
                return;
            }
        } else if (auth.clientCertificates() && request.getAttribute(CERTIFICATE_ATTRIBUTE) instanceof X509Certificate[] chainOfCerts
                && chainOfCerts.length > 0) {
            String subject = chainOfCerts[0].getSubjectX500Principal().getName(X500Principal.RFC2253);
            member = agencies.byCertificateSubject(subject);
            if (member.isEmpty()) {
                unauthorized(response, request, "client certificate not registered for any agency system");
                return;
            }
        }
        if (member.isPresent()) {
            AgencyPrincipal principal = AgencyPrincipal.of(member.get());
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(new AgencyAuthentication(principal));
            SecurityContextHolder.setContext(context);
            G2gAccess.of(request).agency(principal);
        }
        chain.doFilter(request, response);
    }

    /** A refused credential counts against its address's rate limit: key guessing is throttled, and so are its audit rows. */
    private void unauthorized(HttpServletResponse response, HttpServletRequest request, String message)
            throws IOException {
        if (limits.refusedCredentialOverLimit(request, response)) {
            return;
        }
        response.setHeader("WWW-Authenticate", "Bearer realm=\"simpul-g2g\", error=\"invalid_token\"");
        G2gResponses.write(request, response, 401, message);
    }

    static String apiKey(HttpServletRequest request) {
        String header = request.getHeader(API_KEY_HEADER);
        if (header != null && !header.isBlank()) {
            return header.strip();
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).strip();
            return token.isEmpty() ? null : token;
        }
        return null;
    }
}
