package id.simpul.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.simpul.support.HubTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Password guessing: after {@code simpul.security.login.max-failures} wrong passwords in a row an account
 * is locked for {@code lock-for}, on the API's HTTP Basic and the console's form alike; even the right
 * password is refused meanwhile, the lock is audited, and it lapses by itself.
 */
// The lock per account is under test, not the limit per address (LoginAddressLimitTest): all its guesses come from
// this test's one address, which the default limit (20) would turn away part-way.
@TestPropertySource(properties = {"simpul.security.login.max-failures=5", "simpul.security.login.lock-for=4s",
        "simpul.security.login.per-address.max-failures=1000"})
class LoginLockoutTest extends HubTestSupport {

    private static final String API_USER = "sari.operator";
    private static final String CONSOLE_USER = "budi.integrator";
    private static final String PASSWORD = "kata-sandi-benar";

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Autowired
    UserAccounts accounts;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void accounts() {
        if (accounts.find(API_USER).isEmpty()) {
            accounts.create(API_USER, PASSWORD, List.of(Roles.OPERATOR));
            accounts.create(CONSOLE_USER, PASSWORD, List.of(Roles.INTEGRATOR));
        }
    }

    @Test
    void fiveWrongPasswordsOnTheApiLockTheAccountEvenForTheRightOneUntilTheLockLapses() {
        assertThat(ossSender.getAs(API_USER, PASSWORD, "/api/v1/dead-letters").statusCode()).isEqualTo(200);
        for (int i = 0; i < 4; i++) {
            assertThat(ossSender.getAs(API_USER, "geraten-" + i, "/api/v1/dead-letters").statusCode()).isEqualTo(401);
        }
        assertThat(ossSender.getAs(API_USER, PASSWORD, "/api/v1/dead-letters").statusCode())
                .as("a success before the limit starts the count again").isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            assertThat(ossSender.getAs(API_USER, "geraten-" + i, "/api/v1/dead-letters").statusCode()).isEqualTo(401);
        }

        HttpResponse<String> locked = ossSender.getAs(API_USER, PASSWORD, "/api/v1/dead-letters");

        assertThat(locked.statusCode()).as("the right password while locked").isEqualTo(401);
        assertThat(locked.body()).doesNotContain("locked");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'ACCOUNT_LOCKED' AND subject_id = :u")
                .param("u", API_USER).query(Long.class).single()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                .until(() -> ossSender.getAs(API_USER, PASSWORD, "/api/v1/dead-letters").statusCode() == 200);
    }

    @Test
    void theConsoleLoginCountsTowardsTheSameLock() {
        for (int i = 0; i < 5; i++) {
            assertThat(login(CONSOLE_USER, "geraten-" + i)).contains("/console/login?error");
        }

        assertThat(login(CONSOLE_USER, PASSWORD)).as("the right password while locked").contains("/console/login?error");
        assertThat(ossSender.getAs(CONSOLE_USER, PASSWORD, "/api/v1/dead-letters").statusCode())
                .as("the lock is the account's, not the console's").isEqualTo(401);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                .until(() -> login(CONSOLE_USER, PASSWORD).endsWith("/console"));
    }

    @Test
    void anUnknownUsernameLocksNothingAndStoresNothing() {
        for (int i = 0; i < 6; i++) {
            assertThat(ossSender.getAs("niemand", "geraten", "/api/v1/dead-letters").statusCode()).isEqualTo(401);
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM app_user WHERE username = 'niemand'").query(Long.class).single())
                .isZero();
        assertThat(ossSender.get("/api/v1/dead-letters").statusCode()).isEqualTo(200);
    }

    /** Logs in through the console's form and returns where it redirects. */
    private String login(String user, String password) {
        try {
            HttpRequest page = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/console/login"))
                    .header("Accept", "text/html").GET().build();
            HttpResponse<String> form = http.send(page, HttpResponse.BodyHandlers.ofString());
            String session = form.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                    .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
            String csrf = form.body().replaceAll("(?s).*<meta name=\"_csrf\" content=\"([^\"]+)\".*", "$1");
            String body = "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(csrf);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/console/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", session)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            return r.headers().firstValue("Location").orElse("status " + r.statusCode());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
