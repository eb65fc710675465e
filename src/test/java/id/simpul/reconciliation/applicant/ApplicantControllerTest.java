package id.simpul.reconciliation.applicant;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import id.simpul.applicant.RegistryFixture;
import id.simpul.applicant.Resolution;
import id.simpul.applicant.SourceRecord;
import id.simpul.platform.audit.AuditLog;
import id.simpul.platform.audit.TestAuditKeys;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The review queue and applicant API over a real registry (in-memory store), without starting the hub. */
class ApplicantControllerTest {

    private static final Map<String, SourceRecord> CASES = RegistryFixture.cases("matcher-cases.jsonl");

    private RegistryFixture fx;
    private MockMvc mvc;
    private String idA;
    private Resolution b;

    @BeforeEach
    void api() {
        fx = new RegistryFixture();
        // No counter: its lookup needs the ledger (CounterDeskTest runs it in the hub).
        // The signed-in user, as the security filter chain would set it (ApplicantApiAuditTest goes through it).
        mvc = MockMvcBuilders.standaloneSetup(new ApplicantController(fx.registry, new ApplicantDecisions(fx.registry,
                        new AuditLog(JdbcClient.create(fx.dataSource), RegistryFixture.CLOCK, TestAuditKeys.KEY)),
                        null))
                .defaultRequest(get("/").principal(new TestingAuthenticationToken("petugas-1", null)))
                .build();
        idA = fx.resolve(CASES.get("case:review-a")).applicantId();
        b = fx.resolve(CASES.get("case:review-b"));
    }

    @Test
    void reviewQueueListsOpenMaybePairsWithEvidence() throws Exception {
        mvc.perform(get("/api/v1/applicants/review"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items", hasSize(1)))
                .andExpect(jsonPath("$.items[0].reviewId").value(b.reviewIds().get(0)))
                .andExpect(jsonPath("$.items[0].candidateApplicantId").value(idA))
                .andExpect(jsonPath("$.items[0].evidence[0].field").exists());
    }

    @Test
    void decidingSameMergesAndEmptiesTheQueue() throws Exception {
        mvc.perform(post("/api/v1/applicants/review/{id}/decision", b.reviewIds().get(0))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"decision\":\"same\",\"decidedBy\":\"petugas-1\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.applicantId").value(idA))
                .andExpect(jsonPath("$.decided").value("SAME"));

        mvc.perform(get("/api/v1/applicants/review")).andExpect(jsonPath("$.items", hasSize(0)));
    }

    @Test
    void applicantListsSourceRecordsWithTheEvidenceOfEachLinkAndRetiredIdsShowTheSurvivor() throws Exception {
        mvc.perform(post("/api/v1/applicants/review/{id}/decision", b.reviewIds().get(0))
                .contentType(MediaType.APPLICATION_JSON).content("{\"decision\":\"same\"}"));

        mvc.perform(get("/api/v1/applicants/{id}", b.applicantId()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.applicantId").value(idA))
                .andExpect(jsonPath("$.requestedId").value(b.applicantId()))
                .andExpect(jsonPath("$.records", hasSize(2)))
                .andExpect(jsonPath("$.records[1].status").value("ASSERTED"))
                .andExpect(jsonPath("$.records[1].evidence[0].field").value("name"))
                .andExpect(jsonPath("$.history[0].kind").value("MERGED_IN"));
    }

    @Test
    void unknownApplicantIsA404Json() throws Exception {
        mvc.perform(get("/api/v1/applicants/APL-99999999"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.message").value(containsString("APL-99999999")));
    }

    @Test
    void invalidDecisionIsA400JsonWithoutStackTrace() throws Exception {
        mvc.perform(post("/api/v1/applicants/review/{id}/decision", b.reviewIds().get(0))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"decision\":\"maybe\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value(containsString("same")))
                .andExpect(jsonPath("$.message").value(not(containsString("Exception"))));
        mvc.perform(post("/api/v1/applicants/review/{id}/decision", "abc")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"decision\":\"same\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/v1/applicants/review/{id}/decision", 1)
                        .contentType(MediaType.APPLICATION_JSON).content("not json"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void decidingTwiceIsA409AndAnUnknownItemA404() throws Exception {
        String url = "/api/v1/applicants/review/" + b.reviewIds().get(0) + "/decision";
        mvc.perform(post(url).contentType(MediaType.APPLICATION_JSON).content("{\"decision\":\"different\"}"))
                .andExpect(status().isOk());

        mvc.perform(post(url).contentType(MediaType.APPLICATION_JSON).content("{\"decision\":\"same\"}"))
                .andExpect(status().isConflict());
        mvc.perform(post("/api/v1/applicants/review/424242/decision").contentType(MediaType.APPLICATION_JSON)
                .content("{\"decision\":\"same\"}")).andExpect(status().isNotFound());
    }

    @Test
    void splitAnswersWithTheNewApplicantId() throws Exception {
        mvc.perform(post("/api/v1/applicants/review/{id}/decision", b.reviewIds().get(0))
                .contentType(MediaType.APPLICATION_JSON).content("{\"decision\":\"same\"}"));

        mvc.perform(post("/api/v1/applicants/{id}/split", idA).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"sourceRefs\":[\"case:review-b\"],\"decidedBy\":\"petugas-1\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.applicantId").value(idA))
                .andExpect(jsonPath("$.newApplicantId").value(not(idA)));
    }
}
