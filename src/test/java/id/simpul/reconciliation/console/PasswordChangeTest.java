package id.simpul.reconciliation.console;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.platform.json.Json;
import id.simpul.platform.security.Roles;
import id.simpul.platform.security.UserAccounts;
import id.simpul.support.HubTestSupport;
import id.simpul.support.OssSender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A person changes their own password (console and API, the current one required) and an admin resets
 * someone else's: the new one follows the first admin's rules, the change is audited without password
 * material, and the account's other console sessions and its API tokens end.
 */
class PasswordChangeTest extends HubTestSupport {

    private static final String OLD = "kata-sandi-lama-1";
    private static final String NEW = "kata-sandi-baru-22";

    @Autowired
    UserAccounts accounts;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aPersonChangesTheirOwnPasswordInTheConsoleWhichEndsTheirOtherSessionsAndTokens() {
        accounts.create("wati.integrator", OLD, List.of(Roles.INTEGRATOR));
        ConsoleSession here = ConsoleSession.loggedIn(port, "wati.integrator", OLD);
        ConsoleSession elsewhere = ConsoleSession.loggedIn(port, "wati.integrator", OLD);
        String token = token("wati.integrator", OLD);
        assertThat(here.get("/console").body()).contains("id=\"nav-password\"");
        assertThat(here.get("/console/password").body()).contains("id=\"password-form\"").contains("name=\"_csrf\"");

        assertThat(here.post("/console/password", form(OLD, NEW, NEW), null).statusCode())
                .as("without the CSRF token").isEqualTo(403);
        HttpResponse<String> wrong = here.post("/console/password", form("geraten-salah-1", NEW, NEW));
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(wrong.body()).contains("id=\"password-problems\"");
        assertThat(failedLogins("wati.integrator")).as("a wrong current password counts as a wrong login").isEqualTo(1);
        assertThat(here.post("/console/password", form(OLD, "pendek", "pendek")).statusCode()).isEqualTo(422);
        assertThat(here.post("/console/password", form(OLD, "change-me-password", "change-me-password")).statusCode())
                .as("a placeholder of docker/.env.example").isEqualTo(422);
        assertThat(here.post("/console/password", form(OLD, "simulator-secret", "simulator-secret")).statusCode())
                .as("a public default").isEqualTo(422);
        assertThat(here.post("/console/password", form(OLD, NEW, NEW + "x")).statusCode())
                .as("the repetition differs").isEqualTo(422);
        assertThat(basic("wati.integrator", OLD)).as("nothing changed yet").isEqualTo(200);

        HttpResponse<String> changed = here.post("/console/password", form(OLD, NEW, NEW));

        assertThat(changed.statusCode()).isEqualTo(302);
        assertThat(here.get("/console").statusCode()).as("the session that changed it goes on").isEqualTo(200);
        assertThat(elsewhere.get("/console").statusCode()).as("another session of the account ends").isEqualTo(302);
        assertThat(bearer(token)).as("its API token").isEqualTo(401);
        assertThat(basic("wati.integrator", OLD)).isEqualTo(401);
        assertThat(basic("wati.integrator", NEW)).isEqualTo(200);
        ConsoleSession.loggedIn(port, "wati.integrator", NEW);
        assertThat(audited("PASSWORD_CHANGED", "wati.integrator")).hasSize(1).allSatisfy(row -> assertThat(row)
                .contains("wati.integrator").doesNotContain(OLD, NEW, "$2"));
    }

    @Test
    void anAdminResetsSomeoneElsesPasswordInTheConsoleButNotTheirOwnAndNoOneElseMay() {
        accounts.create("joko.operator", OLD, List.of(Roles.OPERATOR));
        ConsoleSession joko = ConsoleSession.loggedIn(port, "joko.operator", OLD);
        String token = token("joko.operator", OLD);
        ConsoleSession admin = ConsoleSession.loggedIn(port, OssSender.ADMIN, OssSender.ADMIN_PASSWORD);
        assertThat(admin.get("/console/accounts").body()).contains("id=\"reset-joko.operator\"")
                .doesNotContain("id=\"reset-" + OssSender.ADMIN + "\"");
        assertThat(joko.post("/console/accounts/" + OssSender.ADMIN + "/password", Map.of("newPassword", NEW))
                .statusCode()).as("only an admin").isEqualTo(403);
        assertThat(admin.post("/console/accounts/joko.operator/password", Map.of("newPassword", NEW), null)
                .statusCode()).as("without the CSRF token").isEqualTo(403);
        assertThat(admin.post("/console/accounts/joko.operator/password", Map.of("newPassword", "pendek"))
                .statusCode()).isEqualTo(422);
        assertThat(admin.post("/console/accounts/" + OssSender.ADMIN + "/password", Map.of("newPassword", NEW))
                .statusCode()).as("one's own: the form that asks for the current one").isEqualTo(422);
        assertThat(admin.post("/console/accounts/nobody.here/password", Map.of("newPassword", NEW)).statusCode())
                .isEqualTo(404);

        HttpResponse<String> reset = admin.post("/console/accounts/joko.operator/password", Map.of("newPassword", NEW));

        assertThat(reset.statusCode()).isEqualTo(302);
        assertThat(joko.get("/console").statusCode()).as("the account's open session ends").isEqualTo(302);
        assertThat(admin.get("/console/accounts").statusCode()).as("the admin's goes on").isEqualTo(200);
        assertThat(bearer(token)).isEqualTo(401);
        assertThat(basic("joko.operator", OLD)).isEqualTo(401);
        assertThat(basic("joko.operator", NEW)).isEqualTo(200);
        assertThat(audited("PASSWORD_RESET", "joko.operator")).hasSize(1).allSatisfy(row -> assertThat(row)
                .contains(OssSender.ADMIN).doesNotContain(OLD, NEW, "$2"));
    }

    @Test
    void anAccountLockedByWrongPasswordsShowsAsLockedInAccountsAndAnAdminsResetLiftsTheLock() {
        accounts.create("tono.operator", OLD, List.of(Roles.OPERATOR));
        for (int i = 0; i < 5; i++) {
            assertThat(basic("tono.operator", "geraten-" + i)).isEqualTo(401);
        }
        assertThat(basic("tono.operator", OLD)).as("locked: the right password too").isEqualTo(401);
        ConsoleSession admin = ConsoleSession.loggedIn(port, OssSender.ADMIN, OssSender.ADMIN_PASSWORD);

        assertThat(admin.get("/console/accounts").body()).as("the admin sees why the person cannot log in")
                .contains("id=\"locked-tono.operator\"").contains("terkunci sampai")
                .doesNotContain("id=\"locked-" + OssSender.ADMIN + "\"");

        assertThat(admin.post("/console/accounts/tono.operator/password", Map.of("newPassword", NEW)).statusCode())
                .isEqualTo(302);
        assertThat(basic("tono.operator", NEW)).as("the reset lifted the lock").isEqualTo(200);
        assertThat(admin.get("/console/accounts").body()).doesNotContain("id=\"locked-tono.operator\"");
    }

    @Test
    void overTheApiAPersonChangesTheirOwnPasswordWithTheCurrentOneAndAnAdminResetsAnothers() {
        accounts.create("sri.auditor", OLD, List.of(Roles.AUDITOR));
        accounts.create("eko.operator", OLD, List.of(Roles.OPERATOR));
        ConsoleSession sri = ConsoleSession.loggedIn(port, "sri.auditor", OLD);
        String token = token("sri.auditor", OLD);
        OssSender api = new OssSender(port);

        HttpResponse<String> wrong = api.postAs("sri.auditor", OLD, "/api/v1/account/password",
                body("geraten-salah-1", NEW));
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(Json.tree(wrong.body()).path("error").asText()).contains("current password");
        HttpResponse<String> weak = api.postAs("sri.auditor", OLD, "/api/v1/account/password", body(OLD, "pendek"));
        assertThat(weak.statusCode()).isEqualTo(422);
        assertThat(Json.tree(weak.body()).path("error").asText()).contains("12");
        assertThat(api.postAs("sri.auditor", OLD, "/api/v1/account/password", "{\"newPassword\":\"" + NEW + "\"}")
                .statusCode()).as("the current password is required").isEqualTo(400);

        HttpResponse<String> changed = api.postAs("sri.auditor", OLD, "/api/v1/account/password", body(OLD, NEW));

        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(Json.tree(changed.body()).path("tokensRevoked").asInt()).isEqualTo(1);
        assertThat(sri.get("/console").statusCode()).as("the console session ends").isEqualTo(302);
        assertThat(bearer(token)).isEqualTo(401);
        assertThat(basic("sri.auditor", NEW)).isEqualTo(200);
        assertThat(audited("PASSWORD_CHANGED", "sri.auditor")).hasSize(1);

        assertThat(api.postAs("sri.auditor", NEW, "/api/v1/users/eko.operator/password", body(null, NEW)).statusCode())
                .as("only an admin resets").isEqualTo(403);
        assertThat(api.postAsAdmin("/api/v1/users/eko.operator/password", body(null, "pendek")).statusCode())
                .isEqualTo(422);
        HttpResponse<String> reset = api.postAsAdmin("/api/v1/users/eko.operator/password", body(null, NEW));
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
        assertThat(basic("eko.operator", NEW)).isEqualTo(200);
        assertThat(api.postAsAdmin("/api/v1/users/nobody.here/password", body(null, NEW)).statusCode()).isEqualTo(404);
        assertThat(api.postAsAdmin("/api/v1/users/" + OssSender.ADMIN + "/password", body(null, NEW)).statusCode())
                .as("one's own: the call that asks for the current one").isEqualTo(422);
        assertThat(audited("PASSWORD_RESET", "eko.operator")).hasSize(1);
    }

    @Test
    void aSessionOfADisabledAccountStaysEndedWhenTheAccountIsEnabledAgainBeforeItsNextRequest() {
        accounts.create("rudi.operator", OLD, List.of(Roles.OPERATOR));
        ConsoleSession rudi = ConsoleSession.loggedIn(port, "rudi.operator", OLD);
        ConsoleSession admin = ConsoleSession.loggedIn(port, OssSender.ADMIN, OssSender.ADMIN_PASSWORD);

        assertThat(admin.post("/console/accounts/rudi.operator/enabled", Map.of("enabled", "false")).statusCode())
                .isEqualTo(302);
        assertThat(admin.post("/console/accounts/rudi.operator/enabled", Map.of("enabled", "true")).statusCode())
                .isEqualTo(302);

        assertThat(rudi.get("/console").statusCode()).as("the session opened before it was disabled").isEqualTo(302);
        ConsoleSession.loggedIn(port, "rudi.operator", OLD);
    }

    private static Map<String, String> form(String current, String fresh, String repeated) {
        return Map.of("currentPassword", current, "newPassword", fresh, "repeatPassword", repeated);
    }

    private static String body(String current, String fresh) {
        return current == null ? "{\"newPassword\":\"" + fresh + "\"}"
                : "{\"currentPassword\":\"" + current + "\",\"newPassword\":\"" + fresh + "\"}";
    }

    private String token(String user, String password) {
        return Json.tree(new OssSender(port).postAs(user, password, "/api/v1/tokens", "").body()).path("token").asText();
    }

    private int basic(String user, String password) {
        return new OssSender(port).getAs(user, password, "/api/v1/trail").statusCode();
    }

    private int bearer(String token) {
        return OssSender.exchange(HttpClient.newHttpClient(), HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/v1/trail")).header("Authorization", "Bearer " + token)
                .build()).statusCode();
    }

    private int failedLogins(String user) {
        return jdbc.sql("SELECT failed_logins FROM app_user WHERE username = :u").param("u", user)
                .query(Integer.class).single();
    }

    /** Each audit row of this action on this account, all its columns in one string. */
    private List<String> audited(String action, String user) {
        return jdbc.sql("SELECT * FROM audit_log WHERE action = :a AND subject_id = :u").param("a", action)
                .param("u", user).query((rs, n) -> {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.append(rs.getString(i)).append('|');
                    }
                    return row.toString();
                }).list();
    }
}
