package id.simpul.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.support.HubTestSupport;
import id.simpul.support.OssSender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every call of the staff API with each role and with none: who is let through to the controller (any
 * answer but 401/403) and who is refused. Ids that do not exist keep the allowed calls from changing anything.
 */
class ApiAccessByRoleTest extends HubTestSupport {

    private static final String PASSWORD = "kata-sandi-peran";
    private static final Set<String> ALL = Set.of(Roles.OPERATOR, Roles.INTEGRATOR, Roles.AUDITOR, Roles.ADMIN);
    private static final Set<String> ACT = Set.of(Roles.OPERATOR, Roles.ADMIN);
    private static final Set<String> AUDIT = Set.of(Roles.AUDITOR, Roles.ADMIN);
    private static final Set<String> ADMIN = Set.of(Roles.ADMIN);

    private record Call(String method, String path, String body, Set<String> allowed) {
    }

    private static final List<Call> CALLS = List.of(
            new Call("GET", "/api/v1/dead-letters", null, ALL),
            new Call("GET", "/api/v1/dead-letters/999999", null, ALL),
            new Call("POST", "/api/v1/dead-letters/999999/replay", "", ACT),
            new Call("POST", "/api/v1/dead-letters/replay?dryRun=true", "", ACT),
            new Call("POST", "/api/v1/dead-letters/999999/discard", "{\"reason\":\"uji\"}", ACT),
            new Call("POST", "/api/v1/dead-letters/999999/edit", "{\"canonical\":{}}", ACT),
            new Call("GET", "/api/v1/trail?nib=9120301230000", null, ALL),
            new Call("GET", "/api/v1/audit", null, AUDIT),
            new Call("GET", "/api/v1/audit/verify", null, AUDIT),
            new Call("GET", "/api/v1/audit/subjects?nik=1607111204780003", null, AUDIT),
            new Call("POST", "/api/v1/audit/subjects", "{\"nik\":\"1607111204780003\"}", AUDIT),
            new Call("GET", "/api/v1/backups", null, AUDIT),
            new Call("GET", "/api/v1/agencies", null, ADMIN),
            new Call("POST", "/api/v1/agencies", "{}", ADMIN),
            new Call("DELETE", "/api/v1/agencies/none/clients/none.x", null, ADMIN),
            new Call("GET", "/api/v1/manual-entries", null, ALL),
            new Call("POST", "/api/v1/manual-entries/999999/confirm", "{\"localNumber\":\"X-1\"}", ACT),
            new Call("GET", "/api/v1/applicants/review", null, ALL),
            new Call("POST", "/api/v1/applicants/review/999999/decision", "{\"decision\":\"same\"}", ACT),
            new Call("POST", "/api/v1/applicants/A-none/split", "{\"sourceRefs\":[\"oss:x\"]}", ACT),
            new Call("GET", "/api/v1/reconciliation/runs", null, ALL),
            new Call("POST", "/api/v1/reconciliation/runs/999999/items/1/fix", "", ACT),
            new Call("GET", "/api/v1/sla/open", null, ALL),
            new Call("GET", "/api/v1/g2g/webhook-dead-letters", null, ALL),
            new Call("POST", "/api/v1/g2g/webhook-dead-letters/999999/redeliver", "", ACT),
            new Call("GET", "/api/v1/backfills", null, ALL),
            new Call("POST", "/api/v1/backfills/999999/cancel", "", ACT),
            new Call("GET", "/api/v1/users", null, ADMIN));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    UserAccounts accounts;

    @BeforeEach
    void oneAccountPerRole() {
        for (String role : List.of(Roles.OPERATOR, Roles.INTEGRATOR, Roles.AUDITOR)) {
            if (accounts.find("peran." + role).isEmpty()) {
                accounts.create("peran." + role, PASSWORD, List.of(role));
            }
        }
    }

    @Test
    void eachRoleReachesExactlyTheCallsItsRoleAllows() {
        List<String> wrong = new ArrayList<>();
        for (Call call : CALLS) {
            int anonymous = send(call, null);
            if (anonymous != 401) {
                wrong.add("no account " + call.method() + " " + call.path() + " -> " + anonymous);
            }
            for (String role : List.of(Roles.OPERATOR, Roles.INTEGRATOR, Roles.AUDITOR, Roles.ADMIN)) {
                int status = send(call, role);
                boolean through = status != 401 && status != 403;
                if (through != call.allowed().contains(role)) {
                    wrong.add(role + " " + call.method() + " " + call.path() + " -> " + status);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void agencyApiAndStaffApiDoNotAcceptEachOthersCredentials() {
        // A staff password is no agency key: the G2G API refuses it as it refuses no credentials.
        Call permits = new Call("GET", "/g2g/v1/permits", null, Set.of());
        assertThat(send(permits, Roles.ADMIN)).isEqualTo(401);
        HttpResponse<String> agencyKey = exchange(HttpRequest.newBuilder(URI.create(base() + "/api/v1/dead-letters"))
                .header("X-API-Key", "sg2g_bukan-kunci").GET());
        assertThat(agencyKey.statusCode()).isEqualTo(401);
    }

    /**
     * The API is stateless and has no CSRF token, but it takes HTTP Basic, which a browser that was given the
     * credentials sends by itself: a form another site posted to a parameter-only call (a discard, a cancel)
     * went through as the hub's staff. Browsers say where a request comes from (Sec-Fetch-Site); scripts do not.
     */
    @Test
    void aChangeAnotherSitesPageAsksABrowserToMakeIsRefused() {
        String cancel = base() + "/api/v1/backfills/999999/cancel";
        String admin = OssSender.basic(OssSender.ADMIN, OssSender.ADMIN_PASSWORD);
        for (String site : List.of("cross-site", "same-site")) {
            HttpResponse<String> forged = exchange(HttpRequest.newBuilder(URI.create(cancel))
                    .header("Authorization", admin).header("Sec-Fetch-Site", site)
                    .header("Origin", "https://elsewhere.example")
                    .POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(forged.statusCode()).as(site).isEqualTo(403);
            assertThat(forged.body()).as(site).contains("another site");
        }
        HttpResponse<String> script = exchange(HttpRequest.newBuilder(URI.create(cancel))
                .header("Authorization", admin).POST(HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> console = exchange(HttpRequest.newBuilder(URI.create(cancel))
                .header("Authorization", admin).header("Sec-Fetch-Site", "same-origin")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(script.statusCode()).as("a script reaches the call").isNotIn(401, 403);
        assertThat(console.statusCode()).as("so does the hub's own page").isNotIn(401, 403);
        HttpResponse<String> read = exchange(HttpRequest.newBuilder(URI.create(base() + "/api/v1/backfills"))
                .header("Authorization", admin).header("Sec-Fetch-Site", "cross-site").GET());
        assertThat(read.statusCode()).as("a read, which another site cannot see").isEqualTo(200);
    }

    /**
     * Browsers from before {@code Sec-Fetch-Site} (Safari before 16.4) still send {@code Origin} with a form another
     * site posts: a change with credentials from an origin that is not the hub's own is refused; the hub's own
     * origin and scripts (no Origin) get through.
     */
    @Test
    void aChangeFromAnotherOriginIsRefusedWhenTheBrowserSendsNoSecFetchSite() {
        String cancel = base() + "/api/v1/backfills/999999/cancel";
        String admin = OssSender.basic(OssSender.ADMIN, OssSender.ADMIN_PASSWORD);
        for (String origin : List.of("https://elsewhere.example", "null", base().replace("localhost", "127.0.0.1"),
                "https://localhost:" + port, "http://localhost:" + (port + 1))) {
            HttpResponse<String> forged = exchange(HttpRequest.newBuilder(URI.create(cancel))
                    .header("Authorization", admin).header("Origin", origin)
                    .POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(forged.statusCode()).as(origin).isEqualTo(403);
            assertThat(forged.body()).as(origin).contains("another site");
        }
        HttpResponse<String> own = exchange(HttpRequest.newBuilder(URI.create(cancel))
                .header("Authorization", admin).header("Origin", base()).POST(HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> script = exchange(HttpRequest.newBuilder(URI.create(cancel))
                .header("Authorization", admin).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(own.statusCode()).as("the hub's own page").isNotIn(401, 403);
        assertThat(script.statusCode()).as("a script").isNotIn(401, 403);
        HttpResponse<String> read = exchange(HttpRequest.newBuilder(URI.create(base() + "/api/v1/backfills"))
                .header("Authorization", admin).header("Origin", "https://elsewhere.example").GET());
        assertThat(read.statusCode()).as("a read, which another site cannot see").isEqualTo(200);
    }

    private int send(Call call, String role) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + call.path()))
                .timeout(Duration.ofSeconds(60))
                .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(call.body()));
        if (call.body() != null) {
            request.header("Content-Type", "application/json");
        }
        if (role != null) {
            request.header("Authorization", role.equals(Roles.ADMIN)
                    ? OssSender.basic(OssSender.ADMIN, OssSender.ADMIN_PASSWORD)
                    : OssSender.basic("peran." + role, PASSWORD));
        }
        return exchange(request).statusCode();
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request) {
        return OssSender.exchange(http, request.build());
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
