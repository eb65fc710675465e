package id.simpul.reconciliation.applicant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.applicant.ApplicantRegistry;
import id.simpul.platform.json.Json;
import id.simpul.platform.security.Roles;
import id.simpul.platform.security.UserAccounts;
import id.simpul.support.Fixtures;
import id.simpul.support.HubTestSupport;
import id.simpul.support.OssSender;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The service counter (loket) over the hub's real security: it finds what the hub knows about the person in front
 * of the clerk by their NIK, masked by role, and registers its own record of them in the applicant registry.
 */
class CounterDeskTest extends HubTestSupport {

    private static final String OPERATOR = "sari.loket";
    private static final String PASSWORD = "kata-sandi-uji";
    private static final String FIXTURE_NIK = "1607111204780003";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    JdbcClient jdbc;
    @Autowired
    UserAccounts accounts;
    @Autowired
    ApplicantRegistry registry;

    @BeforeEach
    void operatorAccount() {
        if (accounts.find(OPERATOR).isEmpty()) {
            accounts.create(OPERATOR, PASSWORD, List.of(Roles.OPERATOR));
        }
        await().atMost(WAIT).until(registry::isLoaded);
    }

    @Test
    void aLookupByNikAfterAnOssPushFindsThePersonAndTheirPermitMaskedForAnOperatorAndNotAudited() {
        String nik = "1607110307850011";
        String applicantId = pushOss("9120301234611", nik, "Ahmad Fauzi", "1985-07-03");

        HttpResponse<String> found = ossSender.postAs(OPERATOR, PASSWORD, "/api/v1/applicants/lookup", lookup(nik));

        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        JsonNode body = Json.tree(found.body());
        assertThat(body.path("applicantId").asText()).isEqualTo(applicantId);
        assertThat(body.path("name").asText()).isEqualTo("Ahmad Fauzi");
        assertThat(body.path("nibs").toString()).contains("9120301234611");
        assertThat(body.path("permits").findValuesAsText("id")).contains("I-202611210915001234611");
        assertThat(body.path("addresses").toString()).contains("Sukamoro");
        assertThat(body.path("masked").asBoolean()).isTrue();
        assertThat(body.path("phones").get(0).asText()).endsWith("900").doesNotContain("0611");
        assertThat(found.body()).doesNotContain(nik).doesNotContain("pemohon611@").doesNotContain("1985-07-03");
        assertThat(viewsAudited(applicantId)).isZero();
    }

    @Test
    void anAdminSeesTheLookupUnmaskedAndTheViewIsAuditedOnceUnderTheMaster() {
        String nik = "1607112111900029";
        String applicantId = pushOss("9120301234629", nik, "Rahmat Hidayat", "1990-11-21");

        HttpResponse<String> found = ossSender.postAsAdmin("/api/v1/applicants/lookup", lookup(nik));

        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        JsonNode body = Json.tree(found.body());
        assertThat(body.path("masked").asBoolean()).isFalse();
        assertThat(body.path("phones").toString()).contains("6281206299900");
        assertThat(body.path("emails").toString()).as("as the registry keeps it: Gmail without dots")
                .contains("pemohon629@gmail.com");
        assertThat(viewsAudited(applicantId)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT actor, details, data_subject FROM audit_log WHERE action = 'PERSONAL_DATA_VIEWED' "
                + "AND subject_type = 'applicant' AND subject_id = :s").param("s", applicantId).query().singleRow())
                .satisfies(row -> {
                    assertThat(row.get("actor")).isEqualTo(OssSender.ADMIN);
                    assertThat((String) row.get("details")).contains("counter lookup").doesNotContain(nik);
                    assertThat((String) row.get("data_subject")).isNotBlank().isNotEqualTo(nik);
                });
    }

    @Test
    void anUnknownNikIsA404AndAMalformedOneA400NamingTheFieldInTheApisErrorShape() {
        HttpResponse<String> unknown = ossSender.postAs(OPERATOR, PASSWORD, "/api/v1/applicants/lookup",
                lookup("1607111204789999"));
        HttpResponse<String> malformed = ossSender.postAs(OPERATOR, PASSWORD, "/api/v1/applicants/lookup",
                lookup("16071112"));
        HttpResponse<String> two = ossSender.postAs(OPERATOR, PASSWORD, "/api/v1/applicants/lookup",
                "{\"nik\":\"1607111204789999\",\"nib\":\"9120301234567\"}");

        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
        assertThat(Json.tree(unknown.body()).path("message").asText()).isEqualTo("no applicant with this nik");
        assertThat(malformed.statusCode()).as(malformed.body()).isEqualTo(400);
        assertThat(Json.tree(malformed.body()).path("message").asText()).startsWith("nik ");
        assertThat(two.statusCode()).isEqualTo(400);
    }

    @Test
    void aCounterRecordWithTheNikOfAnOssApplicantLinksToTheSameMasterOnceAndItsPhoneIsThenKnown() {
        String nik = "1607111204780037";
        String applicantId = pushOss("9120301234637", nik, "H. Muhammad Yusuf, S.E.", "1978-04-12");
        String record = Fixtures.text("applicant/counter/record-yusuf.json").replace(FIXTURE_NIK, nik)
                .replace("LKT-2026-000123", "LKT-2026-000137");

        HttpResponse<String> first = ossSender.postAs(OPERATOR, PASSWORD, "/api/v1/applicants/records", record);
        HttpResponse<String> again = ossSender.postAs(OPERATOR, PASSWORD, "/api/v1/applicants/records", record);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(Json.tree(first.body()).path("applicantId").asText()).isEqualTo(applicantId);
        assertThat(Json.tree(first.body()).path("decision").asText()).isEqualTo("linked");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(Json.tree(again.body()).path("decision").asText()).isEqualTo("unchanged");
        assertThat(Json.tree(again.body()).path("applicantId").asText()).isEqualTo(applicantId);
        assertThat(jdbc.sql("SELECT phone, email, name FROM applicant_source WHERE source_ref = :r")
                .param("r", "counter:LKT-2026-000137").query().listOfRows())
                .as("one record, its contacts sealed at rest").singleElement()
                .satisfies(row -> assertThat(row.values()).allSatisfy(v -> assertThat((String) v).startsWith("sealed:v1:")));
        assertThat(jdbc.sql("SELECT details FROM audit_log WHERE action = 'COUNTER_RECORD_REGISTERED' AND subject_id = :r")
                .param("r", "counter:LKT-2026-000137").query(String.class).list())
                .containsExactly("counter record counter:LKT-2026-000137: linked, applicant " + applicantId,
                        "counter record counter:LKT-2026-000137: unchanged, applicant " + applicantId);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE details LIKE :n OR before_value LIKE :n OR after_value LIKE :n")
                .param("n", "%" + nik + "%").query(Long.class).single()).as("no NIK in clear in the audit log").isZero();

        JsonNode found = Json.tree(ossSender.postAsAdmin("/api/v1/applicants/lookup", lookup(nik)).body());

        assertThat(found.path("phones").get(0).asText()).as("the counter's phone, newest first").isEqualTo("6281366001122");
        assertThat(found.path("phones").toString()).contains("6281206379900");
        assertThat(found.path("emails").toString()).contains("yusuf.loket@example.id");
    }

    @Test
    void aCounterRecordWithABadFieldIsA400NamingItAndNothingIsWritten() {
        String record = Fixtures.text("applicant/counter/record-yusuf.json").replace("LKT-2026-000123", "LKT-2026-000145");

        HttpResponse<String> badEmail = ossSender.postAs(OPERATOR, PASSWORD, "/api/v1/applicants/records",
                record.replace("yusuf.loket@example.id", "yusuf.loket"));
        HttpResponse<String> badNik = ossSender.postAs(OPERATOR, PASSWORD, "/api/v1/applicants/records",
                record.replace(FIXTURE_NIK, "1607111204780000"));
        HttpResponse<String> noRef = ossSender.postAs(OPERATOR, PASSWORD, "/api/v1/applicants/records",
                record.replace("\"LKT-2026-000145\"", "null"));

        assertThat(badEmail.statusCode()).isEqualTo(400);
        assertThat(Json.tree(badEmail.body()).path("message").asText()).startsWith("email ");
        assertThat(badNik.statusCode()).isEqualTo(400);
        assertThat(Json.tree(badNik.body()).path("message").asText()).startsWith("nik ");
        assertThat(noRef.statusCode()).isEqualTo(400);
        assertThat(Json.tree(noRef.body()).path("message").asText()).startsWith("sourceRef ");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM applicant_source WHERE source_ref LIKE 'counter:%145'")
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE subject_type = 'applicant-record'")
                .query(Long.class).single()).isZero();
    }

    /**
     * The fixture's permit for another person (NIB, NIK, name, birth date, phone and e-mail of their own, so the registry keeps
     * them apart); returns the master their permit was matched to.
     */
    private String pushOss(String nib, String nik, String name, String born) {
        String suffix = nib.substring(nib.length() - 3);
        ossSender.receiveNib(Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json").replace("9120301234567", nib)
                .replace("I-202611210915001234567", "I-202611210915001234" + suffix)
                .replace("I-202611210915009999999", "I-202611210915009999" + suffix)
                .replace(FIXTURE_NIK, nik).replace("H. Muhammad Yusuf, S.E.", name).replace("1978-04-12", born).replace("7788", "0" + suffix)
                .replace("m.yusuf.usaha", "pemohon" + suffix), nib);
        return await().atMost(WAIT).until(() -> jdbc.sql("SELECT applicant_id FROM sync_ledger WHERE nib = :nib "
                + "AND applicant_id IS NOT NULL").param("nib", nib).query(String.class).list(), l -> !l.isEmpty()).get(0);
    }

    private static String lookup(String nik) {
        return Fixtures.text("applicant/counter/lookup-nik.json").replace(FIXTURE_NIK, nik);
    }

    private long viewsAudited(String applicantId) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'PERSONAL_DATA_VIEWED' AND subject_id = :s")
                .param("s", applicantId).query(Long.class).single();
    }
}
