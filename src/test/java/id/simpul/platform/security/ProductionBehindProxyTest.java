package id.simpul.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.reconciliation.console.ConsoleConfig;
import id.simpul.platform.SimpulProperties;
import id.simpul.support.HubTestSupport;
import id.simpul.support.OssSender;
import id.simpul.support.TestKeys;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The hub on its production profile behind a TLS-terminating proxy, over real HTTP: the console's session
 * cookie is Secure and SameSite, and X-Forwarded-Proto / -For from the configured proxy are honoured (the
 * client's address in the lock's audit row, HSTS on what the browser reached over https). Only the store,
 * the broker and the simulators are the embedded default's, so that no PostgreSQL or Artemis is needed.
 */
@ActiveProfiles("production")
@TestPropertySource(properties = {
        "spring.artemis.mode=embedded", "spring.artemis.embedded.enabled=true",
        "spring.datasource.url=jdbc:h2:file:${simpul.data-dir}/store/simpul;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE",
        "simpul.simulators.enabled=true",
        "SIMPUL_OSS_INBOUND_USERNAME=oss-pemda-sumsel", "SIMPUL_OSS_INBOUND_PASSWORD=agreed-with-oss",
        "SIMPUL_OSS_OUTBOUND_USER_KEY=key-from-oss", "SIMPUL_TARGET_BANYUASIN_TOKEN=token-from-banyuasin",
        "SIMPUL_TARGET_PALEMBANG_API_KEY=key-from-palembang",
        // What docs/operations.md has the office set: the proxy's own address (here the test's loopback).
        "server.tomcat.remoteip.internal-proxies=127.0.0.1/32, ::1/128"})
class ProductionBehindProxyTest extends HubTestSupport {

    private static final String CLIENT = "203.0.113.7";

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Autowired
    UserAccounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SimpulProperties simpul;

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry registry) {
        TestKeys.register(registry);
    }

    @Test
    void theKeysComeFromTheEnvironmentAndNoneIsGeneratedIntoTheDataFolder() {
        assertThat(simpul.dataDir().resolve("keys")).as("a key beside the data it protects").doesNotExist();
    }

    @Test
    void theConsolesSessionCookieIsSecureHttpOnlyAndSameSite() {
        HttpResponse<String> login = get("/console/login", "https");

        String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow();
        assertThat(cookie).containsIgnoringCase("; Secure").containsIgnoringCase("; HttpOnly")
                .containsIgnoringCase("; SameSite=Lax");
    }

    @Test
    void theConsolesLanguageCookieIsSecureAndHttpOnlyLikeTheSessionCookie() {
        HttpResponse<String> english = get("/console/login?lang=en", "https");

        String cookie = english.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(ConsoleConfig.LANGUAGE_COOKIE + "=")).findFirst().orElseThrow();
        assertThat(cookie).containsIgnoringCase("; Secure").containsIgnoringCase("; HttpOnly")
                .containsIgnoringCase("; SameSite=Lax");
    }

    @Test
    void theProxysForwardedProtocolAndClientAddressAreHonoured() throws Exception {
        assertThat(get("/console/login", "https").headers().firstValue("Strict-Transport-Security"))
                .as("reached over https at the proxy").isPresent();
        assertThat(get("/console/login", null).headers().firstValue("Strict-Transport-Security"))
                .as("reached over plain http").isEmpty();

        accounts.create("sinta.operator", "kata-sandi-benar-1", List.of(Roles.OPERATOR));
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> page = get("/console/login", "https");
            String session = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                    .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
            String csrf = page.body().replaceAll("(?s).*<meta name=\"_csrf\" content=\"([^\"]+)\".*", "$1");
            http.send(forwarded(HttpRequest.newBuilder(uri("/console/login")), "https").header("Cookie", session)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=sinta.operator&password=geraten-" + i
                            + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        assertThat(jdbc.sql("SELECT details FROM audit_log WHERE action = 'ACCOUNT_LOCKED' AND subject_id = :u")
                .param("u", "sinta.operator").query(String.class).single())
                .as("the client's address, not the proxy's").contains("the last from " + CLIENT);
    }

    /**
     * A redirect names no host: the browser resolves it against the address it asked, the proxy's https one.
     * Built from the request, it named whatever {@code Host} the client sent ({@code Host: evil.example} gave
     * {@code Location: https://evil.example/console/login}).
     */
    @Test
    void redirectsAreRelativeSoTheyStayOnTheProxysHttpsAddressWhateverHostIsSent() throws Exception {
        String raw = raw("GET /console HTTP/1.1\r\nHost: evil.example\r\nAccept: text/html\r\n"
                + "X-Forwarded-Proto: https\r\nX-Forwarded-For: " + CLIENT + "\r\nConnection: close\r\n\r\n");
        String location = raw.lines().filter(l -> l.regionMatches(true, 0, "Location:", 0, 9))
                .map(l -> l.substring(9).trim()).findFirst().orElseThrow(() -> new AssertionError(raw));
        assertThat(location).as("an anonymous console page's redirect").doesNotContain("evil.example");
        assertThat(PROXY.resolve(location)).isEqualTo(URI.create("https://hub.example/console/login"));

        accounts.create("rudi.operator", "kata-sandi-benar-2", List.of(Roles.OPERATOR));
        HttpResponse<String> page = get("/console/login", "https");
        String session = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
        HttpResponse<String> login = http.send(forwarded(HttpRequest.newBuilder(uri("/console/login")), "https")
                .header("Cookie", session).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=rudi.operator&password=kata-sandi-benar-2&_csrf="
                        + URLEncoder.encode(csrfOf(page), StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(PROXY.resolve(login.headers().firstValue("Location").orElseThrow()))
                .isEqualTo(URI.create("https://hub.example/console"));

        String loggedIn = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
        HttpResponse<String> console = http.send(forwarded(HttpRequest.newBuilder(uri("/console")), "https")
                .header("Cookie", loggedIn).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(console.statusCode()).isEqualTo(200);
        HttpResponse<String> logout = http.send(forwarded(HttpRequest.newBuilder(uri("/console/logout")), "https")
                .header("Cookie", loggedIn).header("Accept", "text/html").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(csrfOf(console),
                        StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(PROXY.resolve(logout.headers().firstValue("Location").orElseThrow()))
                .isEqualTo(URI.create("https://hub.example/console/login?logout"));
    }

    /** The hub's own origin is the proxy's (https, its host and port), as the forwarded headers tell it. */
    @Test
    void aChangeIsJudgedAgainstTheOriginTheProxyForwards() {
        String admin = OssSender.basic(OssSender.ADMIN, OssSender.ADMIN_PASSWORD);
        java.util.function.Function<String, HttpResponse<String>> cancel = origin -> OssSender.exchange(http,
                forwarded(HttpRequest.newBuilder(uri("/api/v1/backfills/999999/cancel")), "https")
                        .header("X-Forwarded-Host", "hub.example").header("X-Forwarded-Port", "443")
                        .header("Authorization", admin).header("Origin", origin)
                        .POST(HttpRequest.BodyPublishers.noBody()).build());

        assertThat(cancel.apply("https://hub.example").statusCode()).as("the proxy's own origin").isNotIn(401, 403);
        assertThat(cancel.apply("http://hub.example").statusCode()).as("plain http").isEqualTo(403);
        assertThat(cancel.apply("https://localhost:" + port).statusCode()).as("the hub's port around the proxy")
                .isEqualTo(403);
    }

    /** Where the browser was: the proxy's https address (the hub sees only what it forwards). */
    private static final URI PROXY = URI.create("https://hub.example/console/page");

    private static String csrfOf(HttpResponse<String> page) {
        return page.body().replaceAll("(?s).*<meta name=\"_csrf\" content=\"([^\"]+)\".*", "$1");
    }

    /** Raw bytes on a socket: Java's HTTP client does not let a caller choose the Host header. */
    private String raw(String request) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            return answer.substring(0, Math.max(0, answer.indexOf("\r\n\r\n")));
        }
    }

    /**
     * A browser on plain http to the hub's own address (an office that upgraded from a build without the Secure
     * cookie, or skipped the proxy) does not keep the Secure session cookie, so its login form comes back without
     * the session that holds its CSRF token. It must be told why, not shown a bare 403 error page.
     */
    @Test
    void aLoginOverPlainHttpWithoutTheSecureCookieIsToldToUseHttps() {
        HttpResponse<String> page = get("/console/login", null);
        String csrf = page.body().replaceAll("(?s).*<meta name=\"_csrf\" content=\"([^\"]+)\".*", "$1");

        HttpResponse<String> login = OssSender.exchange(http, HttpRequest.newBuilder(uri("/console/login"))
                .header("Accept", "text/html").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=whatever-it-is&_csrf="
                        + URLEncoder.encode(csrf, StandardCharsets.UTF_8))).build());

        assertThat(login.statusCode()).as("the login's answer").isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).get().asString().endsWith("/console/login?insecure");
        assertThat(get("/console/login?insecure", null).body()).contains("id=\"login-insecure\"")
                .contains("https").contains("SERVER_SERVLET_SESSION_COOKIE_SECURE");
    }

    @Test
    void theOssChannelAndTheApiStillWorkBehindTheProxy() {
        assertThat(ossSender.get("/api/v1/trail").statusCode()).isEqualTo(200);
        assertThat(new OssSender(port).getAs(OssSender.ADMIN, OssSender.ADMIN_PASSWORD, "/actuator/health").statusCode())
                .isEqualTo(200);
    }

    private HttpResponse<String> get(String path, String proto) {
        return OssSender.exchange(http, forwarded(HttpRequest.newBuilder(uri(path)), proto)
                .header("Accept", "text/html").GET().build());
    }

    private static HttpRequest.Builder forwarded(HttpRequest.Builder request, String proto) {
        return proto == null ? request : request.header("X-Forwarded-Proto", proto).header("X-Forwarded-For", CLIENT);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
