package id.simpul.reconciliation.console;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.mapping.Mappings;
import id.simpul.platform.audit.AuditLog;
import id.simpul.platform.json.Json;
import id.simpul.platform.security.Roles;
import id.simpul.platform.security.UserAccounts;
import id.simpul.support.HubTestSupport;
import id.simpul.support.OssSender;
import java.net.HttpCookie;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The console over HTTP as a browser sees it (no JavaScript): role-based visibility and refusals,
 * escaping of message data, masking, the language switch, and the pages whose capability is absent.
 */
class ConsolePagesTest extends HubTestSupport {

    static final String OPERATOR = "ani.operator";
    static final String INTEGRATOR = "dedi.integrator";
    static final String AUDITOR = "rina.auditor";
    static final String PASSWORD = "kata-sandi-konsol";
    static final String NIK = "1607111204780003";
    static final String MASKED_NIK = "1607**********03";

    @Autowired
    UserAccounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;
    @Autowired
    Mappings mappings;
    @Autowired
    AuditLog audit;

    private long deadLetter;

    @BeforeEach
    void accountsAndADeadLetter() {
        if (accounts.find(OPERATOR).isEmpty()) {
            accounts.create(OPERATOR, PASSWORD, List.of(Roles.OPERATOR));
            accounts.create(INTEGRATOR, PASSWORD, List.of(Roles.INTEGRATOR));
            accounts.create(AUDITOR, PASSWORD, List.of(Roles.AUDITOR));
        }
        deadLetter = insertDeadLetter("9120301239901", "<script>alert('dl')</script>",
                "target refused: <img src=x onerror=alert(1)>");
    }

    /**
     * The login page opens a session (it holds the form's CSRF token), and an anonymous flood of it filled the
     * session store for the full session timeout (30 min). Until the login it is kept for
     * {@code simpul.security.login.form-timeout} only; the login gives it the full timeout.
     */
    @Test
    void theLoginPagesSessionIsKeptShortlyUntilTheLoginGivesItTheFullTimeout() {
        ConsoleSession browser = new ConsoleSession(port);
        String csrf = browser.csrfFrom("/console/login");
        String before = sessionId(browser);
        assertThat(tomcatSession(before).getMaxInactiveInterval()).as("before the login").isEqualTo(5 * 60);

        HttpResponse<String> login = browser.post("/console/login", Map.of("username", OPERATOR, "password",
                PASSWORD), csrf);

        assertThat(login.headers().firstValue("Location").orElse("")).endsWith("/console");
        assertThat(tomcatSession(sessionId(browser)).getMaxInactiveInterval()).as("after the login")
                .isEqualTo(30 * 60);
    }

    /** A login form left open past that short timeout is sent back to a fresh login page that says why. */
    @Test
    void aLoginFormWhoseSessionExpiredComesBackToTheLoginPageSayingSo() {
        ConsoleSession browser = new ConsoleSession(port);
        String csrf = browser.csrfFrom("/console/login");
        tomcatSession(sessionId(browser)).expire();

        HttpResponse<String> login = browser.post("/console/login", Map.of("username", OPERATOR, "password",
                PASSWORD), csrf);

        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).endsWith("/console/login?expired");
        assertThat(browser.get("/console/login?expired").body()).contains("id=\"login-expired\"");
    }

    @Autowired
    org.springframework.boot.web.server.context.WebServerApplicationContext webServer;

    private static String sessionId(ConsoleSession browser) {
        return browser.cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
                .map(HttpCookie::getValue).findFirst().orElseThrow();
    }

    private org.apache.catalina.Session tomcatSession(String id) {
        org.apache.catalina.Context context = (org.apache.catalina.Context)
                ((org.springframework.boot.tomcat.TomcatWebServer) webServer.getWebServer()).getTomcat().getHost()
                        .findChildren()[0];
        try {
            return java.util.Objects.requireNonNull(context.getManager().findSession(id), id);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void withoutALoginTheConsoleSendsYouToTheLoginPageAndStaticAssetsAreServed() {
        ConsoleSession anonymous = new ConsoleSession(port);
        HttpResponse<String> dashboard = anonymous.get("/console");
        assertThat(dashboard.statusCode()).isEqualTo(302);
        assertThat(dashboard.headers().firstValue("Location").orElse("")).endsWith("/console/login");
        assertThat(anonymous.get("/console/dead-letters/" + deadLetter).statusCode()).isEqualTo(302);
        assertThat(anonymous.get("/webjars/htmx.org/dist/htmx.min.js").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/console/assets/console.css").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/console/assets/console.js").statusCode()).isEqualTo(200);
        // A wrong password returns to the login page with an error, no session.
        HttpResponse<String> wrong = anonymous.post("/console/login", Map.of("username", OPERATOR, "password", "salah"),
                anonymous.csrfFrom("/console/login"));
        assertThat(wrong.headers().firstValue("Location").orElse("")).contains("/console/login?error");
        // CSRF stays on: a login POST without the token is refused.
        assertThat(new ConsoleSession(port).post("/console/login",
                Map.of("username", OPERATOR, "password", PASSWORD), null).statusCode()).isEqualTo(403);
    }

    @Test
    void bahasaIndonesiaByDefaultEnglishOnRequestAndTheChoiceIsRemembered() {
        ConsoleSession s = new ConsoleSession(port);
        String login = s.get("/console/login").body();
        assertThat(login).contains("lang=\"id\"").contains("Masuk ke konsol Simpul").contains("Kata sandi");

        HttpResponse<String> english = s.get("/console/login?lang=en");
        assertThat(english.body()).contains("lang=\"en\"").contains("Log in to the Simpul console");
        assertThat(s.cookies.getCookieStore().getCookies()).extracting(HttpCookie::getName)
                .contains(ConsoleConfig.LANGUAGE_COOKIE);
        assertThat(s.get("/console/login").body()).as("the cookie keeps English").contains("Log in to the Simpul console");
        assertThat(s.get("/console/login?lang=xx").body()).as("unsupported languages are ignored")
                .contains("Log in to the Simpul console");
        assertThat(s.get("/console/login?lang=id").body()).contains("Masuk ke konsol Simpul");

        ConsoleSession operator = ConsoleSession.loggedIn(port, OPERATOR, PASSWORD);
        String dashboard = operator.get("/console").body();
        assertThat(dashboard).contains("Dasbor").contains("Jejak").contains("Rekonsiliasi").contains("Entri manual")
                .contains("Tinjauan pemohon").contains("Pesan per jam");
        assertThat(operator.get("/console?lang=en").body()).contains("Dashboard").contains("Trail")
                .contains("Messages per hour").contains("Time to deliver");
        assertThat(operator.get("/console/dead-letters").body()).contains("Dead letters").contains("Bulk replay");
    }

    @Test
    void anOperatorSeesActionsAndAMaskedNikButNoAuditOrAccounts() {
        ConsoleSession operator = ConsoleSession.loggedIn(port, OPERATOR, PASSWORD);
        String page = operator.get("/console/dead-letters/" + deadLetter).body();

        assertThat(page).contains("id=\"replay-button\"").contains("id=\"edit-form\"").contains("id=\"discard-form\"")
                .contains(MASKED_NIK).doesNotContain(NIK).contains("id=\"masked-badge\"");
        assertThat(page).contains("ani.operator").contains("operator");
        assertThat(page).doesNotContain("id=\"nav-audit\"").doesNotContain("id=\"nav-accounts\"");
        assertThat(operator.get("/console/audit").statusCode()).isEqualTo(403);
        assertThat(operator.get("/console/accounts").statusCode()).isEqualTo(403);
        assertThat(operator.get("/console/dead-letters").body()).contains("id=\"bulk\"");
    }

    @Test
    void anAuditorReadsEverythingUnmaskedButCannotReplayEditOrDiscard() {
        ConsoleSession auditor = ConsoleSession.loggedIn(port, AUDITOR, PASSWORD);
        long viewedBefore = count("SELECT COUNT(*) FROM audit_log WHERE action = 'PERSONAL_DATA_VIEWED' AND actor = '" + AUDITOR + "'");
        String page = auditor.get("/console/dead-letters/" + deadLetter).body();

        assertThat(page).doesNotContain("id=\"replay-button\"").doesNotContain("id=\"edit-form\"")
                .doesNotContain("id=\"discard-form\"").contains("id=\"read-only\"").contains(NIK);
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'PERSONAL_DATA_VIEWED' AND actor = '" + AUDITOR + "'"))
                .as("an unmasked view is audited").isEqualTo(viewedBefore + 1);
        assertThat(page).contains("id=\"nav-audit\"").doesNotContain("id=\"nav-accounts\"");
        assertThat(auditor.get("/console/dead-letters").body()).doesNotContain("id=\"bulk\"");

        String csrf = auditor.csrfFrom("/console");
        assertThat(auditor.post("/console/dead-letters/" + deadLetter + "/replay", Map.of(), csrf).statusCode()).isEqualTo(403);
        assertThat(auditor.post("/console/dead-letters/" + deadLetter + "/discard", Map.of("reason", "x"), csrf).statusCode())
                .isEqualTo(403);
        assertThat(auditor.post("/console/dead-letters/" + deadLetter + "/edit", Map.of("canonical", "{}"), csrf).statusCode())
                .isEqualTo(403);
        assertThat(auditor.post("/console/dead-letters/replay", Map.of("dryRun", "false"), csrf).statusCode()).isEqualTo(403);
        assertThat(state(deadLetter)).isEqualTo("WAITING");

        HttpResponse<String> audit = auditor.get("/console/audit");
        assertThat(audit.statusCode()).isEqualTo(200);
        assertThat(audit.body()).contains("PERSONAL_DATA_VIEWED");
        HttpResponse<String> verify = auditor.post("/console/audit/verify", Map.of(), csrf, true);
        assertThat(verify.statusCode()).isEqualTo(200);
        assertThat(verify.body()).contains("Rantai utuh").doesNotContain("<html");
    }

    @Test
    void theAuditPageNamesAnAccountByItsNameAsTheApiDoes() {
        audit.append(new AuditLog.Event("admin", "ACCOUNT_LOCKED", "account", "budi", null, "locked", null, null));
        ConsoleSession auditor = ConsoleSession.loggedIn(port, AUDITOR, PASSWORD);

        String page = auditor.get("/console/audit").body();

        assertThat(page).contains(">account budi<").doesNotContain("account #budi");
    }

    @Test
    void anIntegratorReadsMaskedAndCannotAct() {
        ConsoleSession integrator = ConsoleSession.loggedIn(port, INTEGRATOR, PASSWORD);
        String page = integrator.get("/console/dead-letters/" + deadLetter).body();
        assertThat(page).contains(MASKED_NIK).doesNotContain(NIK).doesNotContain("id=\"replay-button\"");
        assertThat(integrator.get("/console/audit").statusCode()).isEqualTo(403);
        assertThat(integrator.post("/console/dead-letters/" + deadLetter + "/replay", Map.of()).statusCode()).isEqualTo(403);
        assertThat(state(deadLetter)).isEqualTo("WAITING");
    }

    @Test
    void messageDataIsAlwaysEscaped() {
        ConsoleSession operator = ConsoleSession.loggedIn(port, OPERATOR, PASSWORD);
        String detail = operator.get("/console/dead-letters/" + deadLetter).body();
        assertThat(detail).doesNotContain("<script>alert").doesNotContain("<img src=x")
                .contains("&lt;script&gt;alert(").contains("&lt;img src=x onerror=alert(1)&gt;");
        assertThat(operator.get("/console/dead-letters/" + deadLetter).headers().firstValue("Content-Security-Policy"))
                .as("no inline script would run even if something slipped through")
                .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe"));
        String list = operator.get("/console/dead-letters").body();
        assertThat(list).doesNotContain("<img src=x").contains("&lt;img src=x");
        // A search term is echoed escaped, too.
        String trail = operator.get("/console/trail?idIzin=%3Cscript%3Ex%3C/script%3E").body();
        assertThat(trail).doesNotContain("<script>x</script>").contains("&lt;script&gt;x&lt;/script&gt;");
        ConsoleSession auditor = ConsoleSession.loggedIn(port, AUDITOR, PASSWORD);
        assertThat(auditor.get("/console/dead-letters/" + deadLetter).body()).doesNotContain("<script>alert")
                .contains("&lt;script&gt;alert(");
    }

    @Test
    void anEditTheServiceRefusesIsShownBesideTheEditorWithItsStatus() {
        ConsoleSession operator = ConsoleSession.loggedIn(port, OPERATOR, PASSWORD);
        String csrf = operator.csrfFrom("/console/dead-letters/" + deadLetter);

        HttpResponse<String> notJson = operator.post("/console/dead-letters/" + deadLetter + "/edit",
                Map.of("canonical", "{\"permit\": "), csrf, true);
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("id=\"edit-error\"").contains("not valid JSON").doesNotContain("<html");

        HttpResponse<String> schema = operator.post("/console/dead-letters/" + deadLetter + "/edit",
                Map.of("canonical", "{\"permit\": {\"kdIzin\": \"<b>x</b>\"}}"), csrf, true);
        assertThat(schema.statusCode()).isEqualTo(422);
        assertThat(schema.body()).contains("permit-message.v1").doesNotContain("<b>x</b>");

        HttpResponse<String> fullPage = operator.post("/console/dead-letters/" + deadLetter + "/edit",
                Map.of("canonical", "[]"), csrf, false);
        assertThat(fullPage.statusCode()).isEqualTo(400);
        assertThat(fullPage.body()).contains("<html").contains("id=\"edit-error\"").contains("id=\"canonical\"");
        assertThat(state(deadLetter)).isEqualTo("WAITING");
    }

    /** docs/operations.md: the broker's parked messages are dead letters of class BROKER, replayable like the others. */
    @Test
    void theErrorClassFilterOffersTheBrokersParkedMessages() {
        ConsoleSession operator = ConsoleSession.loggedIn(port, OPERATOR, PASSWORD);
        assertThat(operator.get("/console/dead-letters?errorClass=BROKER").body())
                .containsPattern("<option[^>]*value=\"BROKER\"[^>]*selected");
    }

    @Test
    void theListPagesThroughDeadLettersKeepingItsFiltersAndBulkReplayCountsFirst() {
        for (int i = 0; i < DeadLetterPages.PAGE_SIZE + 2; i++) {
            insertDeadLetter("91203012377" + String.format("%02d", i), "Usaha " + i, "kode izin belum dipetakan");
        }
        ConsoleSession operator = ConsoleSession.loggedIn(port, OPERATOR, PASSWORD);
        String first = operator.get("/console/dead-letters?errorClass=PERMANENT&target=banyuasin").body();
        assertThat(first).contains("id=\"page-next\"").doesNotContain("id=\"page-previous\"");
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("href=\"([^\"]+)\" id=\"page-next\"").matcher(first);
        assertThat(link.find()).isTrue();
        String next = link.group(1).replace("&amp;", "&");
        assertThat(next).contains("errorClass=PERMANENT").contains("target=banyuasin").contains("page=1");
        assertThat(operator.get(next).body()).contains("id=\"page-previous\"");

        String csrf = operator.csrfFrom("/console/dead-letters");
        String nib = "9120301237700";
        HttpResponse<String> dry = operator.post("/console/dead-letters/replay", Map.of("nib", nib, "dryRun", "true"),
                csrf, true);
        assertThat(dry.statusCode()).isEqualTo(200);
        assertThat(dry.body()).contains("1 dead letter cocok").doesNotContain("<html");
        long id = jdbc.sql("SELECT id FROM dead_letter WHERE nib = :nib").param("nib", nib).query(Long.class).single();
        assertThat(state(id)).isEqualTo("WAITING");

        HttpResponse<String> bulk = operator.post("/console/dead-letters/replay", Map.of("nib", nib, "dryRun", "false"),
                csrf, true);
        assertThat(bulk.body()).contains("1 dari 1 dead letter dikirim ulang");
        assertThat(state(id)).isEqualTo("REPLAYED");
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'DEAD_LETTERS_BULK_REPLAYED' AND actor = '"
                + OPERATOR + "'")).isEqualTo(1);
    }

    @Test
    void anAdminCreatesAnAccountWithAHashedPasswordAndTheCreationIsAudited() {
        ConsoleSession admin = ConsoleSession.loggedIn(port, OssSender.ADMIN, OssSender.ADMIN_PASSWORD);
        assertThat(admin.get("/console/accounts").body()).contains("id=\"account-form\"").contains("id=\"nav-accounts\"");

        HttpResponse<String> weak = admin.post("/console/accounts",
                Map.of("username", "tono.operator", "password", "pendek", "roles", Roles.OPERATOR));
        assertThat(weak.statusCode()).isEqualTo(422);
        assertThat(weak.body()).contains("id=\"account-problems\"");

        HttpResponse<String> created = admin.post("/console/accounts",
                Map.of("username", "tono.operator", "password", "kata-sandi-panjang-1", "roles", Roles.OPERATOR));
        assertThat(created.statusCode()).isEqualTo(302);
        assertThat(accounts.find("tono.operator")).get().extracting(UserAccounts.Account::roles)
                .isEqualTo(List.of(Roles.OPERATOR));
        assertThat(jdbc.sql("SELECT password_hash FROM app_user WHERE username = 'tono.operator'").query(String.class)
                .single()).startsWith("$2").doesNotContain("kata-sandi-panjang-1");
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'ACCOUNT_CREATED' AND subject_id = 'tono.operator'"))
                .isEqualTo(1);
        ConsoleSession.loggedIn(port, "tono.operator", "kata-sandi-panjang-1");
    }

    @Test
    void anAdminDisablesAnAccountWhichEndsItsSessionItsTokensAndItsLoginsUntilEnabledAgain() {
        accounts.create("lina.operator", PASSWORD, List.of(Roles.OPERATOR));
        ConsoleSession leaver = ConsoleSession.loggedIn(port, "lina.operator", PASSWORD);
        String token = Json.tree(new OssSender(port).postAs("lina.operator", PASSWORD, "/api/v1/tokens", "").body())
                .path("token").asText();
        ConsoleSession admin = ConsoleSession.loggedIn(port, OssSender.ADMIN, OssSender.ADMIN_PASSWORD);
        assertThat(admin.get("/console/accounts").body()).contains("id=\"disable-lina.operator\"");
        assertThat(ConsoleSession.loggedIn(port, OPERATOR, PASSWORD).post("/console/accounts/lina.operator/enabled",
                Map.of("enabled", "false")).statusCode()).as("only an admin").isEqualTo(403);

        HttpResponse<String> disabled = admin.post("/console/accounts/lina.operator/enabled", Map.of("enabled", "false"));

        assertThat(disabled.statusCode()).isEqualTo(302);
        assertThat(accounts.find("lina.operator")).get().extracting(UserAccounts.Account::enabled).isEqualTo(false);
        assertThat(leaver.get("/console").statusCode()).as("the open console session ends").isEqualTo(302);
        assertThat(new OssSender(port).getAs("lina.operator", PASSWORD, "/api/v1/dead-letters").statusCode()).isEqualTo(401);
        assertThat(OssSender.exchange(java.net.http.HttpClient.newHttpClient(), java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/api/v1/dead-letters"))
                .header("Authorization", "Bearer " + token).build()).statusCode()).as("its token").isEqualTo(401);
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'ACCOUNT_DISABLED' AND subject_id = 'lina.operator'"))
                .isEqualTo(1);
        assertThat(admin.post("/console/accounts/" + OssSender.ADMIN + "/enabled", Map.of("enabled", "false")).statusCode())
                .as("not one's own account: the last admin would lock everyone out").isEqualTo(422);

        assertThat(admin.post("/console/accounts/lina.operator/enabled", Map.of("enabled", "true")).statusCode())
                .isEqualTo(302);
        ConsoleSession.loggedIn(port, "lina.operator", PASSWORD);
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'ACCOUNT_ENABLED' AND subject_id = 'lina.operator'"))
                .isEqualTo(1);
    }

    @Test
    void theDashboardShowsHowManyHoursAgoTheNewestBackupWasMade() {
        assertThat(ossSender.postAsAdmin("/api/v1/backups", "").statusCode()).isEqualTo(201);

        String dashboard = ConsoleSession.loggedIn(port, OPERATOR, PASSWORD).get("/console").body();

        assertThat(dashboard).containsPattern("<div class=\"tile\" id=\"tile-backup\"")
                .containsPattern("id=\"backup-age\"[^>]*>0<").contains("Jam sejak cadangan terakhir");
    }

    /** A refused mapping change fails no permit, so nothing else would show it: integrators and admins see it here. */
    @Test
    void theDashboardNamesARefusedMappingFileToIntegratorsAndAdmins() {
        String file = "targets/console-test.jslt";
        mappings.refusals().refuse(file, "cannot compile mapping " + file + ": Parse error: … at " + file + ":3:5");
        try {
            assertThat(ConsoleSession.loggedIn(port, INTEGRATOR, PASSWORD).get("/console").body())
                    .contains("id=\"refused-mappings\"").contains("1 file mapping ditolak").contains(file + ":3:5");
            assertThat(ConsoleSession.loggedIn(port, OPERATOR, PASSWORD).get("/console").body())
                    .doesNotContain("id=\"refused-mappings\"");
        } finally {
            mappings.refusals().accepted(file, "test over");
        }
        assertThat(ConsoleSession.loggedIn(port, INTEGRATOR, PASSWORD).get("/console").body())
                .doesNotContain("id=\"refused-mappings\"");
    }

    @Test
    void pagesWhoseCapabilityIsMissingSaySoAndTheOthersRender() {
        ConsoleSession operator = ConsoleSession.loggedIn(port, OPERATOR, PASSWORD);
        // The manual-entry queue is connected (HubConsoleHooks) and empty here.
        assertThat(operator.get("/console/manual-entries").body()).doesNotContain("id=\"not-available\"");
        // The applicant review queue is connected to the registry too.
        assertThat(operator.get("/console/applicant-reviews").body()).doesNotContain("id=\"not-available\"");
        HttpResponse<String> report = operator.get("/console/reconciliation");
        assertThat(report.statusCode()).isEqualTo(200);
        // Reconciliation runs are connected (HubConsoleHooks): the cross-system section is available.
        assertThat(report.body()).contains("id=\"by-target\"").doesNotContain("id=\"not-available\"");
        HttpResponse<String> dashboard = operator.get("/console");
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("id=\"chart-hourly\"").contains("<polyline").contains("id=\"chart-ttd\"")
                .contains("id=\"target-banyuasin\"").contains("id=\"count-dead-letters\"");
        assertThat(operator.get("/console/trail").statusCode()).isEqualTo(200);
        assertThat(operator.get("/console/trail?nib=123").body()).contains("NIB harus 13 digit");
        assertThat(operator.get("/console/dead-letters/999999").statusCode()).isEqualTo(404);
        assertThat(operator.post("/console/manual-entries/1/confirm", Map.of("localNumber", "X")).statusCode())
                .isEqualTo(404);
    }

    @Test
    void anAddressTheConsoleDoesNotHaveAnswersTheConsolesOwn404PageInTheUsersLanguage() {
        ConsoleSession operator = ConsoleSession.loggedIn(port, OPERATOR, PASSWORD);

        HttpResponse<String> missing = operator.get("/console/tidak-ada");
        HttpResponse<String> english = operator.get("/console/no/such/page?lang=en");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(missing.body()).contains("id=\"problem\"").contains("Halaman tidak ditemukan")
                .contains("href=\"/console\"").doesNotContain("Whitelabel");
        assertThat(english.statusCode()).isEqualTo(404);
        assertThat(english.body()).contains("id=\"problem\"").contains("No such page")
                .contains("href=\"/console/no/such/page?lang=id\"");
    }

    @Test
    void theReconciliationPageNamesTheStuckThresholdAsAnOperatorSaysIt() {
        String page = ConsoleSession.loggedIn(port, OPERATOR, PASSWORD).get("/console/reconciliation").body();

        assertThat(page).contains("Macet lebih dari 1 h (").doesNotContain("1 h 0 m");
    }

    @Test
    void theReconciliationPageCountsEachTargetsVersionsPerState() {
        Timestamp now = Timestamp.from(clock.instant());
        for (int i = 0; i < 3; i++) {
            jdbc.sql("""
                    INSERT INTO sync_ledger (flow, nib, id_izin, version, content_hash, state, attempts, kd_daerah,
                                             target_id, received_at, updated_at)
                    VALUES ('oss-nib', '9120301238800', :izin, 1, :hash, :state, 1, '1607112003', 'recon-count', :t, :t)""")
                    .param("izin", "I-RECON-COUNT-" + i).param("hash", "recon-count-" + i)
                    .param("state", i < 2 ? "DELIVERED" : "DEAD_LETTERED").param("t", now).update();
        }
        String page = ConsoleSession.loggedIn(port, OPERATOR, PASSWORD).get("/console/reconciliation").body();
        java.util.regex.Matcher row = java.util.regex.Pattern
                .compile("<td>recon-count</td>((?:\\s*<td class=\"num\">\\d+</td>)+)").matcher(page);
        assertThat(row.find()).as("a row for the target").isTrue();
        List<String> cells = java.util.regex.Pattern.compile("\\d+").matcher(row.group(1)).results()
                .map(java.util.regex.MatchResult::group).toList();
        List<String> states = java.util.Arrays.stream(id.simpul.platform.ledger.LedgerState.values())
                .map(Enum::name).toList();
        assertThat(cells.get(states.indexOf("DELIVERED"))).isEqualTo("2");
        assertThat(cells.get(states.indexOf("DEAD_LETTERED"))).isEqualTo("1");
    }

    @Test
    void aFindingOfAPermitOssKnowsShowsItsNibAndOffersItsBackfill() {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                INSERT INTO reconciliation_run (trigger_kind, actor, state, started_at, finished_at, summary)
                VALUES ('api', 'admin', 'DONE', :t, :t, '1 discrepancy')""").param("t", now).update();
        long run = jdbc.sql("SELECT MAX(id) FROM reconciliation_run").query(Long.class).single();
        jdbc.sql("""
                INSERT INTO reconciliation_item (run_id, category, nib, id_izin, target_id, detail, fix, fix_ref, state)
                VALUES (:r, 'AT_TARGET_UNKNOWN_TO_OSS', '9120301238877', 'I-RECON-PAGE-NIB', 'banyuasin', 'OSS knows it',
                        'BACKFILL', 'SC-1', 'OPEN')""").param("r", run).update();

        String page = ConsoleSession.loggedIn(port, OPERATOR, PASSWORD).get("/console/reconciliation").body();

        assertThat(page).contains(">9120301238877</a>").contains("Ambil NIB dari OSS (backfill)");
    }

    @Test
    void anOperatorRunsTheCrossSystemChecksAndAppliesAFixFromTheConsole() {
        ConsoleSession operator = ConsoleSession.loggedIn(port, OPERATOR, PASSWORD);
        ConsoleSession auditor = ConsoleSession.loggedIn(port, AUDITOR, PASSWORD);
        assertThat(auditor.get("/console/reconciliation").body()).doesNotContain("id=\"run-checks\"");
        assertThat(auditor.post("/console/reconciliation/runs", Map.of()).statusCode()).isEqualTo(403);

        HttpResponse<String> ran = operator.post("/console/reconciliation/runs", Map.of());
        assertThat(ran.statusCode()).isEqualTo(302);
        long runId = jdbc.sql("SELECT MAX(id) FROM reconciliation_run").query(Long.class).single();
        long itemId = jdbc.sql("""
                SELECT id FROM reconciliation_item WHERE run_id = :r AND id_izin = 'I-9120301239901'
                   AND fix = 'REPLAY' ORDER BY id LIMIT 1""").param("r", runId).query(Long.class).single();
        String report = operator.get("/console/reconciliation").body();
        assertThat(report).contains("Pemeriksaan antarsistem selesai").contains("id=\"fix-" + itemId + "\"")
                .contains("Putar ulang dead letter");

        String fixPath = "/console/reconciliation/runs/" + runId + "/items/" + itemId + "/fix";
        assertThat(auditor.post(fixPath, Map.of()).statusCode()).isEqualTo(403);
        assertThat(operator.post(fixPath, Map.of()).statusCode()).isEqualTo(302);
        String after = operator.get("/console/reconciliation").body();
        assertThat(after).contains("Diperbaiki:").doesNotContain("id=\"fix-" + itemId + "\"");
        assertThat(jdbc.sql("SELECT state FROM reconciliation_item WHERE id = :id").param("id", itemId)
                .query(String.class).single()).isEqualTo("FIXED");
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'RECONCILIATION_FIXED' AND subject_id = '"
                + itemId + "' AND actor = '" + OPERATOR + "'")).isEqualTo(1);

        // A second click does nothing and says why, on the page.
        operator.post(fixPath, Map.of());
        assertThat(operator.get("/console/reconciliation").body()).contains("Tidak diperbaiki:").contains("FIXED");
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'RECONCILIATION_FIXED' AND subject_id = '"
                + itemId + "'")).isEqualTo(1);
    }

    private long insertDeadLetter(String nib, String name, String error) {
        String payload = """
                {"source":{"system":"OSS-RBA","nib":"%s","idIzin":"I-%s","version":1},
                 "applicant":{"name":%s,"identityNumber":"%s","phone":"081234567900"},
                 "permit":{"kdIzin":"011000000001","kdDaerah":"1607"}}"""
                .formatted(nib, nib, id.simpul.platform.json.Json.write(name), NIK);
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                INSERT INTO dead_letter (flow, step, target_id, nib, id_izin, error_class, error_type, error_message,
                                         attempts, payload, headers, state, created_at, updated_at)
                VALUES ('oss-nib', 'delivery-push-permit', 'banyuasin', :nib, :idIzin, 'PERMANENT', 'HttpError', :error,
                        1, :payload, '{}', 'WAITING', :now, :now)""")
                .param("nib", nib).param("idIzin", "I-" + nib).param("error", error).param("payload", payload)
                .param("now", now).update();
        return jdbc.sql("SELECT MAX(id) FROM dead_letter").query(Long.class).single();
    }

    private String state(long id) {
        return jdbc.sql("SELECT state FROM dead_letter WHERE id = :id").param("id", id).query(String.class).single();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
