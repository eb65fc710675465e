package id.simpul.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.platform.json.Json;
import id.simpul.support.HubTestSupport;
import id.simpul.support.OssSender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Personal API tokens: issued to a password sign-in only, revocable, and both audited. */
class ApiTokensTest extends HubTestSupport {

    private static final String INTEGRATOR = "dewi.integrator";
    private static final String OPERATOR = "joko.operator";
    private static final String PASSWORD = "kata-sandi-token";

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    JdbcClient jdbc;
    @Autowired
    UserAccounts accounts;

    @BeforeEach
    void accounts() {
        if (accounts.find(INTEGRATOR).isEmpty()) {
            accounts.create(INTEGRATOR, PASSWORD, List.of(Roles.INTEGRATOR));
            accounts.create(OPERATOR, PASSWORD, List.of(Roles.OPERATOR));
        }
    }

    @Test
    void aTokenCannotIssueItsSuccessorAndIssuingIsAudited() throws Exception {
        String token = issue(INTEGRATOR);

        HttpResponse<String> renewal = withToken(token, "POST", "/api/v1/tokens?hours=720");

        assertThat(renewal.statusCode()).isEqualTo(403);
        assertThat(Json.tree(renewal.body()).path("error").asText()).contains("sign in with your password");
        assertThat(audited("API_TOKEN_ISSUED", INTEGRATOR)).isEqualTo(1);
    }

    @Test
    void revokingEndsEveryLiveTokenOfTheCallerAndOnlyAnAdminMayRevokeSomeoneElses() throws Exception {
        String first = issue(OPERATOR);
        String second = issue(OPERATOR);
        assertThat(withToken(first, "GET", "/api/v1/dead-letters").statusCode()).isEqualTo(200);

        HttpResponse<String> notMine = withBasic(INTEGRATOR, "DELETE", "/api/v1/tokens?username=" + OPERATOR);
        HttpResponse<String> revoked = withToken(first, "DELETE", "/api/v1/tokens");

        assertThat(notMine.statusCode()).isEqualTo(403);
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(Json.tree(revoked.body()).path("revoked").asInt()).isEqualTo(2);
        assertThat(withToken(first, "GET", "/api/v1/dead-letters").statusCode()).isEqualTo(401);
        assertThat(withToken(second, "GET", "/api/v1/dead-letters").statusCode()).isEqualTo(401);
        assertThat(audited("API_TOKENS_REVOKED", OPERATOR)).isEqualTo(1);

        String third = issue(OPERATOR);
        HttpResponse<String> byAdmin = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/tokens?username=" + OPERATOR))
                .header("Authorization", OssSender.basic(OssSender.ADMIN, OssSender.ADMIN_PASSWORD)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(byAdmin.statusCode()).isEqualTo(200);
        assertThat(withToken(third, "GET", "/api/v1/dead-letters").statusCode()).isEqualTo(401);
    }

    @Test
    void aLifeOutsideOneHourToThirtyDaysIsRefusedAndNoTokenIsIssued() throws Exception {
        long before = jdbc.sql("SELECT COUNT(*) FROM api_token").query(Long.class).single();

        for (String hours : List.of("0", "-1", "721")) {
            HttpResponse<String> refused = withBasic(OPERATOR, "POST", "/api/v1/tokens?hours=" + hours);
            assertThat(refused.statusCode()).as("hours=" + hours).isEqualTo(400);
            assertThat(Json.tree(refused.body()).path("error").asText()).contains("from 1 to 720");
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM api_token").query(Long.class).single()).isEqualTo(before);
    }

    private String issue(String user) {
        HttpResponse<String> issued = ossSender.postAs(user, PASSWORD, "/api/v1/tokens?hours=1", "");
        assertThat(issued.statusCode()).isEqualTo(200);
        return Json.tree(issued.body()).path("token").asText();
    }

    private HttpResponse<String> withToken(String token, String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> withBasic(String user, String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", OssSender.basic(user, PASSWORD))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private long audited(String action, String subject) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = :a AND subject_id = :s")
                .param("a", action).param("s", subject).query(Long.class).single();
    }
}
