package id.simpul.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.platform.json.Json;
import id.simpul.support.HubTestSupport;
import id.simpul.support.OssSender;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Password spraying over real HTTP: wrong passwords for several names from one address turn that address's logins
 * away, on the API (429, JSON) and on the console's login form (the login page, saying why), even with the right
 * password, and lock no account.
 */
@TestPropertySource(properties = "simpul.security.login.per-address.max-failures=3")
class LoginAddressLimitTest extends HubTestSupport {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Autowired
    JdbcClient jdbc;

    @Test
    void wrongPasswordsForManyNamesFromOneAddressTurnItsLoginsAwayWithoutLockingAnAccount() {
        for (String name : new String[] {"budi", "sari", OssSender.ADMIN}) {
            assertThat(ossSender.getAs(name, "geraten-sekali", "/api/v1/dead-letters").statusCode()).as(name)
                    .isEqualTo(401);
        }

        HttpResponse<String> api = ossSender.get("/api/v1/dead-letters");
        assertThat(api.statusCode()).as("the right password from that address").isEqualTo(429);
        assertThat(Json.tree(api.body()).path("error").asText()).contains("too many wrong passwords");
        assertThat(api.headers().firstValue("Retry-After")).isPresent();

        HttpResponse<String> page = send(HttpRequest.newBuilder(uri("/console/login")).header("Accept", "text/html")
                .GET());
        String session = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
        String csrf = page.body().replaceAll("(?s).*<meta name=\"_csrf\" content=\"([^\"]+)\".*", "$1");
        HttpResponse<String> console = send(HttpRequest.newBuilder(uri("/console/login")).header("Cookie", session)
                .header("Accept", "text/html").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + OssSender.ADMIN + "&password="
                        + URLEncoder.encode(OssSender.ADMIN_PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
                        + URLEncoder.encode(csrf, StandardCharsets.UTF_8))));
        assertThat(console.headers().firstValue("Location")).contains("/console/login?blocked");
        assertThat(send(HttpRequest.newBuilder(uri("/console/login?blocked")).header("Accept", "text/html").GET())
                .body()).contains("id=\"login-blocked\"");

        assertThat(jdbc.sql("SELECT COUNT(*) FROM app_user WHERE locked_until IS NOT NULL OR failed_logins > 1")
                .query(Long.class).single()).as("no account locked").isZero();
        assertThat(jdbc.sql("SELECT subject_id FROM audit_log WHERE action = 'LOGIN_ADDRESS_BLOCKED'")
                .query(String.class).list()).containsExactly("127.0.0.*");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return OssSender.exchange(http, request.build());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
