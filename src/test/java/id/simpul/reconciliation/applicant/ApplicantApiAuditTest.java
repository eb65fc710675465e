package id.simpul.reconciliation.applicant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.applicant.ApplicantRegistry;
import id.simpul.applicant.RegistryFixture;
import id.simpul.applicant.Resolution;
import id.simpul.applicant.SourceRecord;
import id.simpul.platform.json.Json;
import id.simpul.platform.security.Roles;
import id.simpul.platform.security.UserAccounts;
import id.simpul.support.AuditOutage;
import id.simpul.support.HubTestSupport;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Merges and splits through {@code /api/v1/applicants} over the hub's real security: who acts is who signed in. */
class ApplicantApiAuditTest extends HubTestSupport {

    private static final String OPERATOR = "rina.operator";
    private static final String INTEGRATOR = "andi.integrator";
    private static final String PASSWORD = "kata-sandi-uji";
    private static final Map<String, SourceRecord> CASES = RegistryFixture.cases("matcher-cases.jsonl");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    UserAccounts accounts;
    @Autowired
    ApplicantRegistry registry;

    @BeforeEach
    void accountsAndAReviewPair() {
        if (accounts.find(OPERATOR).isEmpty()) {
            accounts.create(OPERATOR, PASSWORD, List.of(Roles.OPERATOR));
            accounts.create(INTEGRATOR, PASSWORD, List.of(Roles.INTEGRATOR));
        }
        await().atMost(Duration.ofSeconds(60)).until(registry::isLoaded);
    }

    @Test
    void aDecisionIsRecordedAndAuditedUnderTheSignedInUserNotTheNameInTheBody() {
        String idA = registry.resolve(CASES.get("case:review-a")).applicantId();
        Resolution b = registry.resolve(CASES.get("case:review-b"));
        long reviewId = b.reviewIds().get(0);

        HttpResponse<String> refused = ossSender.postAs(INTEGRATOR, PASSWORD,
                "/api/v1/applicants/review/" + reviewId + "/decision", "{\"decision\":\"same\"}");
        HttpResponse<String> decided = ossSender.postAs(OPERATOR, PASSWORD,
                "/api/v1/applicants/review/" + reviewId + "/decision",
                "{\"decision\":\"same\",\"decidedBy\":\"someone.else\"}");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
        assertThat(auditRows("APPLICANT_REVIEW_DECIDED", String.valueOf(reviewId)))
                .singleElement().satisfies(row -> {
                    assertThat(row.get("actor")).isEqualTo(OPERATOR);
                    assertThat(row.get("subject_type")).isEqualTo("applicant-review");
                    assertThat((String) row.get("details")).contains("same applicant");
                });
        JsonNode applicant = Json.tree(ossSender.getAs(OPERATOR, PASSWORD, "/api/v1/applicants/" + idA).body());
        assertThat(applicant.findValuesAsText("decidedBy")).contains(OPERATOR).doesNotContain("someone.else");

        HttpResponse<String> split = ossSender.postAs(OPERATOR, PASSWORD, "/api/v1/applicants/" + idA + "/split",
                "{\"sourceRefs\":[\"case:review-b\"],\"decidedBy\":\"someone.else\"}");

        assertThat(split.statusCode()).as(split.body()).isEqualTo(200);
        assertThat(auditRows("APPLICANT_SPLIT", idA)).singleElement()
                .satisfies(row -> assertThat(row.get("actor")).isEqualTo(OPERATOR));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE actor = 'someone.else'").query(Long.class).single())
                .isZero();
    }

    @Test
    void aDecisionIsNotMadeWhenItsAuditRowCannotBeWritten() {
        registry.resolve(CASES.get("case:review-c"));
        Resolution b = registry.resolve(CASES.get("case:review-d"));
        long reviewId = b.reviewIds().get(0);

        HttpResponse<String> refused = AuditOutage.during(jdbc, () -> ossSender.postAs(OPERATOR, PASSWORD,
                "/api/v1/applicants/review/" + reviewId + "/decision", "{\"decision\":\"same\"}"));

        assertThat(refused.statusCode()).isEqualTo(500);
        assertThat(registry.reviews(0, 500)).as("no decision the audit log does not show")
                .anySatisfy(item -> assertThat(item.reviewId()).isEqualTo(reviewId));
        assertThat(registry.applicantOf("case:review-d")).isEqualTo(Optional.of(b.applicantId()));
    }

    private List<Map<String, Object>> auditRows(String action, String subjectId) {
        return jdbc.sql("SELECT actor, subject_type, details FROM audit_log WHERE action = :a AND subject_id = :s")
                .param("a", action).param("s", subjectId).query().listOfRows();
    }
}
