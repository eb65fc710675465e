package id.simpul.reconciliation.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.simpul.platform.security.Roles;
import id.simpul.platform.security.UserAccounts;
import id.simpul.support.Fixtures;
import id.simpul.support.HubTestSupport;
import id.simpul.support.OssSender;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The counter's page (Loket): the staff API's lookup behind a console form, masked by role and audited. */
class CounterPagesTest extends HubTestSupport {

    static final String OPERATOR = ConsolePagesTest.OPERATOR;
    static final String AUDITOR = ConsolePagesTest.AUDITOR;
    static final String PASSWORD = ConsolePagesTest.PASSWORD;
    static final String FIXTURE_NIK = "1607111204780003";

    @Autowired
    UserAccounts accounts;
    @Autowired
    JdbcClient jdbc;

    private String applicantId;

    @BeforeEach
    void accountsAndAnOssApplicant() {
        if (accounts.find(OPERATOR).isEmpty()) {
            accounts.create(OPERATOR, PASSWORD, List.of(Roles.OPERATOR));
            accounts.create(AUDITOR, PASSWORD, List.of(Roles.AUDITOR));
        }
        ossSender.receiveNib(Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json"), "9120301234567");
        applicantId = await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("SELECT applicant_id FROM sync_ledger "
                + "WHERE nib = '9120301234567' AND applicant_id IS NOT NULL").query(String.class).list(),
                l -> !l.isEmpty()).get(0);
    }

    @Test
    void anOperatorFindsTheApplicantWithTheirPermitMaskedAndNothingIsAudited() {
        ConsoleSession operator = ConsoleSession.loggedIn(port, OPERATOR, PASSWORD);
        long before = viewsAudited();

        HttpResponse<String> form = operator.get("/console/counter");
        HttpResponse<String> found = operator.post("/console/counter", Map.of("field", "nik", "value", FIXTURE_NIK));

        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("id=\"counter-form\"");
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).contains(applicantId).contains("I-202611210915001234567").contains("id=\"masked-badge\"")
                .doesNotContain(FIXTURE_NIK).doesNotContain("6281277889900");
        assertThat(viewsAudited()).isEqualTo(before);
    }

    @Test
    void anAdminSeesItWholeAndTheViewIsAuditedWhileAnAuditorMayNotLookUp() {
        ConsoleSession admin = ConsoleSession.loggedIn(port, OssSender.ADMIN, OssSender.ADMIN_PASSWORD);
        long before = viewsAudited();

        HttpResponse<String> found = admin.post("/console/counter", Map.of("field", "nik", "value", FIXTURE_NIK));
        HttpResponse<String> refused = ConsoleSession.loggedIn(port, AUDITOR, PASSWORD).post("/console/counter",
                Map.of("field", "nik", "value", FIXTURE_NIK));

        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).contains(applicantId).contains("6281277889900").doesNotContain("id=\"masked-badge\"");
        assertThat(viewsAudited()).isEqualTo(before + 1);
        assertThat(refused.statusCode()).isEqualTo(403);
    }

    @Test
    void aMalformedNikIsTheConsoles400PageAndAnUnknownOneSaysSo() {
        ConsoleSession operator = ConsoleSession.loggedIn(port, OPERATOR, PASSWORD);

        HttpResponse<String> malformed = operator.post("/console/counter", Map.of("field", "nik", "value", "16071112"));
        HttpResponse<String> unknown = operator.post("/console/counter", Map.of("field", "nik", "value", "1607111204789999"));

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("nik is not a valid NIK");
        assertThat(unknown.statusCode()).isEqualTo(200);
        assertThat(unknown.body()).contains("id=\"counter-none\"");
    }

    private long viewsAudited() {
        return jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'PERSONAL_DATA_VIEWED' AND subject_type = 'applicant' "
                + "AND subject_id = :s").param("s", applicantId).query(Long.class).single();
    }
}
