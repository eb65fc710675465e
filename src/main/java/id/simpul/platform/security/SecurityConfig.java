package id.simpul.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may call what. OSS pushes authenticate with the PIA token (checked in intake), not here.
 * {@code /api/v1} and the console need a personal account (HTTP Basic for the API, a login form for
 * the console); changes need {@code operator} or {@code admin}; accounts and agencies need
 * {@code admin}; the audit log needs {@code auditor} or {@code admin}. Deny by default.
 * Agencies call {@code /g2g/**} through their own chain ({@code id.simpul.g2g.access.G2gSecurityConfig}).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    private static final String OPERATOR = Roles.OPERATOR.toUpperCase();
    private static final String INTEGRATOR = Roles.INTEGRATOR.toUpperCase();
    private static final String AUDITOR = Roles.AUDITOR.toUpperCase();
    private static final String ADMIN = Roles.ADMIN.toUpperCase();

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /**
     * OSS-facing endpoints: the PIA token is the authentication (OssInbound), no session, no CSRF.
     * The chain is left (nearly) empty on purpose: there is no user to find, store or authorise, and
     * each filter costs CPU on the hub's hottest path (the B2 profile, docs/performance.md). The
     * firewall of Spring Security still applies; the body limit and IP allowlist are OssRequestGuard's.
     */
    @Bean
    @Order(1)
    SecurityFilterChain ossChain(HttpSecurity http) throws Exception {
        return http.securityMatcher("/oss/**")
                .csrf(c -> c.disable())
                .headers(h -> h.disable())
                .securityContext(c -> c.disable())
                .sessionManagement(c -> c.disable())
                .requestCache(c -> c.disable())
                .anonymous(c -> c.disable())
                .logout(c -> c.disable())
                .exceptionHandling(c -> c.disable())
                .servletApi(c -> c.disable())
                .build();
    }

    /**
     * Spring Security observes authentications and authorisations (who was refused is worth a
     * metric), but not each filter of each request: that wrapper was the largest single item of the
     * intake profile (docs/performance.md), and Spring MVC already times every request.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.withDefaults().shouldObserveRequests(false).build();
    }

    /**
     * What the firewall refuses in an address (an encoded '/', '//', a '.' or '..' segment, ';', '\\') is a 400 that
     * says so: Spring's own handler sent the bare status, which G2G answered as "bad request". The reason is ours, not
     * the exception's, which quotes what it found and is worded by Spring. Each caller's shape is kept (G2G's JSON,
     * the console's page, the staff API's {@code {"error": …}}).
     */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, rejected) -> response.sendError(400, "the address was refused: a path may not"
                + " hold an encoded '/' (%2F) or '%', '//', a '.' or '..' segment, ';', '\\' or control characters"
                + " (a local permit's number keeps its slashes as they are)");
    }

    /** The IT staff's API: HTTP Basic or a personal token (Bearer), stateless, JSON errors. */
    @Bean
    @Order(2)
    SecurityFilterChain apiChain(HttpSecurity http, ApiTokens tokens, LoginAddresses addresses) throws Exception {
        return http.securityMatcher("/api/**")
                .addFilterBefore(addresses.filter(),
                        org.springframework.security.web.authentication.www.BasicAuthenticationFilter.class)
                .addFilterBefore(refuseChangesFromOtherSites(),
                        org.springframework.security.web.authentication.www.BasicAuthenticationFilter.class)
                .addFilterBefore(tokens.filter(),
                        org.springframework.security.web.authentication.www.BasicAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.GET, "/api/v1/schema/**", "/api/v1/schema", "/api/v1/code-lists/**")
                        .permitAll()
                        .requestMatchers("/api/v1/users/**", "/api/v1/agencies/**").hasRole(ADMIN)
                        .requestMatchers("/api/v1/tokens").hasAnyRole(OPERATOR, INTEGRATOR, AUDITOR, ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/v1/account/password")
                        .hasAnyRole(OPERATOR, INTEGRATOR, AUDITOR, ADMIN)
                        .requestMatchers("/api/v1/audit/**").hasAnyRole(AUDITOR, ADMIN)
                        .requestMatchers(HttpMethod.POST, "/api/v1/backups").hasRole(ADMIN)
                        .requestMatchers("/api/v1/backups").hasAnyRole(AUDITOR, ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(OPERATOR, INTEGRATOR, AUDITOR, ADMIN)
                        .requestMatchers("/api/**").hasAnyRole(OPERATOR, ADMIN)
                        .anyRequest().denyAll())
                .httpBasic(b -> b.authenticationEntryPoint((req, res, e) -> json(res, 401,
                        "authentication required (HTTP Basic with a personal account)")))
                .exceptionHandling(e -> e.accessDeniedHandler((req, res, ex) -> json(res, 403,
                        "your role may not do this")))
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(
                        org.springframework.security.config.http.SessionCreationPolicy.STATELESS))
                .build();
    }

    /**
     * The API has no CSRF token (it keeps no session), but it takes HTTP Basic, which a browser that was once given
     * the credentials sends by itself, also with a form another site's page posts: a discard or a cancel, which read
     * only parameters, went through as the hub's staff. A browser says where a request comes from
     * ({@code Sec-Fetch-Site}); one from before that header (Safari before 16.4) still sends {@code Origin}, which
     * must then be the hub's own. Scripts send neither and are not affected, nor are reads, which another site
     * cannot see the answer of.
     */
    private static OncePerRequestFilter refuseChangesFromOtherSites() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, java.io.IOException {
                String site = request.getHeader("Sec-Fetch-Site");
                String method = request.getMethod();
                boolean change = !HttpMethod.GET.matches(method) && !HttpMethod.HEAD.matches(method)
                        && !HttpMethod.OPTIONS.matches(method);
                if (change && ("cross-site".equalsIgnoreCase(site) || "same-site".equalsIgnoreCase(site))) {
                    json(response, 403, "a change to the hub cannot come from another site's page (Sec-Fetch-Site: "
                            + ("cross-site".equalsIgnoreCase(site) ? "cross-site" : "same-site") + ")");
                    return;
                }
                String origin = request.getHeader("Origin");
                if (change && site == null && origin != null && request.getHeader("Authorization") != null
                        && !isOwnOrigin(origin, request)) {
                    json(response, 403, "a change to the hub cannot come from another site's page (Origin is not "
                            + "the hub's own)");
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }

    /**
     * The hub's own origin as the browser sees it: scheme, host and port of this request, which behind the proxy are
     * the forwarded ones (honoured only from the trusted proxy, docs/operations.md). {@code null} (an opaque origin:
     * a sandboxed frame, a redirect across sites) is no one's own.
     */
    static boolean isOwnOrigin(String origin, HttpServletRequest request) {
        java.net.URI uri;
        try {
            uri = new java.net.URI(origin.trim());
        } catch (java.net.URISyntaxException e) {
            return false;
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            return false;
        }
        String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -1;
        return scheme.equalsIgnoreCase(request.getScheme()) && uri.getHost().equalsIgnoreCase(request.getServerName())
                && port == request.getServerPort();
    }

    /** Everything else: operations endpoints open for probes and scrapers; the console behind a login form. */
    @Bean
    @Order(3)
    SecurityFilterChain defaultChain(HttpSecurity http, UserAccounts accounts, LoginAddresses addresses)
            throws Exception {
        return http
                .addFilterBefore(addresses.filter(),
                        org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(endStaleSessions(accounts),
                        org.springframework.security.web.access.intercept.AuthorizationFilter.class)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info",
                                "/actuator/prometheus").permitAll()
                        .requestMatchers("/console/login", "/webjars/**", "/console/assets/**", "/error").permitAll()
                        .requestMatchers("/console/**").hasAnyRole(OPERATOR, INTEGRATOR, AUDITOR, ADMIN)
                        .anyRequest().denyAll())
                // A login always goes on to /console (rememberSessionEpoch): a request saved for after it was never
                // used, but saving it opened a session for each refused anonymous call, kept for the session
                // timeout, so that anyone could fill the hub's memory at the rate they send requests.
                .requestCache(c -> c.requestCache(new NullRequestCache()))
                .formLogin(f -> f.loginPage("/console/login").successHandler(rememberSessionEpoch(accounts)).permitAll())
                .logout(l -> l.logoutUrl("/console/logout").logoutSuccessUrl("/console/login?logout"))
                .httpBasic(Customizer.withDefaults())
                .exceptionHandling(e -> e.accessDeniedHandler(explainRefusedLogins()))
                .build();
    }

    /**
     * A browser on plain http (not loopback) does not keep a Secure session cookie (the {@code production}
     * profile's), so its login form comes back without the session holding its CSRF token, and the login was a
     * bare 403 error page: an office that upgraded from a build without that cookie, or reached the hub around
     * its proxy, could not tell why it cannot log in. That case goes back to the login page, which says why, and so
     * does a login form whose session has ended ({@link #shortSessionsUntilTheLogin}).
     */
    private static AccessDeniedHandler explainRefusedLogins() {
        AccessDeniedHandler otherwise = new AccessDeniedHandlerImpl();
        return (request, response, denied) -> {
            if (denied instanceof CsrfException && !request.isSecure() && request.getRequestedSessionId() == null
                    && request.getServletContext().getSessionCookieConfig().isSecure()) {
                response.sendRedirect(request.getContextPath() + "/console/login?insecure");
                return;
            }
            // A login form left open past the short timeout of a session not yet logged in: a new form, not a 403.
            if (denied instanceof CsrfException && HttpMethod.POST.matches(request.getMethod())
                    && "/console/login".equals(request.getServletPath()) && request.getRequestedSessionId() != null
                    && !request.isRequestedSessionIdValid()) {
                response.sendRedirect(request.getContextPath() + "/console/login?expired");
                return;
            }
            otherwise.handle(request, response, denied);
        };
    }

    /** The account's session epoch a console session was opened in (or last renewed in, by a password change). */
    private static final String SESSION_EPOCH = "simpul.session-epoch";

    /**
     * A console session outlives the login that opened it: without this, an account an admin disabled (a
     * person who left) kept working in the browser it was open in until the session expired, and so did a
     * session opened with a password since changed. Each request of a session checks that its account is
     * still enabled and in the epoch the session was opened in ({@link UserAccounts#sessionEpoch}), and ends
     * the session if not (the login page follows). A session from before epochs existed counts as epoch 0.
     * Requests without a session (HTTP Basic) are checked by the login itself.
     */
    private static OncePerRequestFilter endStaleSessions(UserAccounts accounts) {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, java.io.IOException {
                HttpSession session = request.getSession(false);
                Authentication auth = SecurityContextHolder.getContext().getAuthentication();
                if (session != null && auth instanceof UsernamePasswordAuthenticationToken && auth.isAuthenticated()) {
                    java.util.OptionalInt epoch = accounts.sessionEpoch(auth.getName());
                    Object opened = session.getAttribute(SESSION_EPOCH);
                    if (epoch.isEmpty() || epoch.getAsInt() != (opened instanceof Integer i ? i : 0)) {
                        session.invalidate();
                        SecurityContextHolder.clearContext();
                    }
                }
                chain.doFilter(request, response);
            }
        };
    }

    /**
     * A session is kept for {@code simpul.security.login.form-timeout} until its login ({@link #rememberSessionEpoch}
     * gives it the full timeout): the login page opens one for its form's CSRF token, and an anonymous flood of
     * {@code GET /console/login} kept each for the full session timeout (30 minutes), filling the session store.
     */
    @Bean
    HttpSessionListener shortSessionsUntilTheLogin(SecurityProperties security) {
        int seconds = (int) Math.min(Integer.MAX_VALUE, security.login().formTimeout().toSeconds());
        return new HttpSessionListener() {
            @Override
            public void sessionCreated(HttpSessionEvent created) {
                created.getSession().setMaxInactiveInterval(seconds);
            }
        };
    }

    private static AuthenticationSuccessHandler rememberSessionEpoch(UserAccounts accounts) {
        SavedRequestAwareAuthenticationSuccessHandler toConsole = new SavedRequestAwareAuthenticationSuccessHandler();
        toConsole.setDefaultTargetUrl("/console");
        toConsole.setAlwaysUseDefaultTargetUrl(true);
        return (request, response, auth) -> {
            // The login's session fixation protection has given the session its new id already.
            HttpSession session = request.getSession();
            session.setAttribute(SESSION_EPOCH, epochOf(auth, accounts));
            // The timeout of server.servlet.session.timeout (in minutes here), shortened until now.
            session.setMaxInactiveInterval(request.getServletContext().getSessionTimeout() * 60);
            toConsole.onAuthenticationSuccess(request, response, auth);
        };
    }

    /** The epoch a login opens its session in: the one read with the password it checked ({@link UserAccounts.Login}). */
    static int epochOf(Authentication login, UserAccounts accounts) {
        return login.getPrincipal() instanceof UserAccounts.Login account ? account.sessionEpoch()
                : accounts.sessionEpoch(login.getName()).orElse(-1);
    }

    /**
     * The session of this request goes on in {@code epoch}: the one that changed its own password keeps
     * working while the account's other sessions end. It gets a new id too (what it was is not what it is).
     */
    public static void keepSession(HttpServletRequest request, int epoch) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            request.changeSessionId();
            session.setAttribute(SESSION_EPOCH, epoch);
        }
    }

    private static void json(HttpServletResponse response, int status, String message) throws java.io.IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write("{\"error\":\"" + message + "\"}");
    }
}
