package id.simpul.g2g;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import id.simpul.applicant.ApplicantIds;
import id.simpul.applicant.ApplicantRegistry;
import id.simpul.applicant.RegistryFixture;
import id.simpul.applicant.Resolution;
import id.simpul.applicant.SourceRecord;
import id.simpul.g2g.catalogue.OpenApiDocument;
import id.simpul.g2g.events.ApplicantEvents;
import id.simpul.g2g.proof.DetachedJws;
import id.simpul.platform.json.Json;
import id.simpul.platform.security.PersonalData;
import id.simpul.platform.security.Roles;
import id.simpul.platform.security.UserAccounts;
import id.simpul.support.Fixtures;
import id.simpul.support.OssSender;
import id.simpul.platform.security.StoredPayloads;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class G2gQueryApiTest extends G2gTestSupport {

    private static String pupr;
    private static String dinkes;
    private static String bappeda;
    private static String dlh;
    /**
     * The class whose hub holds those agencies and permits. G2gQueryApiIT inherits these fields but runs a
     * hub of its own: keyed on null alone, whichever class ran second used keys its hub never issued.
     */
    private static Class<?> registeredFor;

    @Autowired
    StoredPayloads payloads;

    @Autowired
    PersonalData personalData;
    @Autowired
    ApplicantRegistry registry;
    @Autowired
    ApplicantEvents applicantEvents;
    @Autowired
    OpenApiDocument openApi;
    @Autowired
    UserAccounts accounts;

    @BeforeEach
    void agenciesAndPermits() {
        if (registeredFor != getClass()) {
            pupr = registerAgency("agency-dinas-pupr-banyuasin.json");
            dinkes = registerAgency("agency-dinkes-palembang.json");
            bappeda = registerAgency("agency-bappeda-banyuasin-limited.json");
            dlh = registerAgency("agency-dlh-banyuasin.json");
            receiveBanyuasinPermit();
            receivePalembangPermit();
            registeredFor = getClass();
        }
    }

    @Test
    void withoutCredentialsOrWithAnUnknownKeyTheAnswerIs401AndIsSignedAndAudited() {
        HttpResponse<byte[]> none = as(null).get("/g2g/v1/permits");
        HttpResponse<byte[]> unknown = as("sg2g_not-a-key").get("/g2g/v1/permits/" + BANYUASIN_IZIN);

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(Json.tree(G2gClient.text(none)).path("error").asText()).contains("authentication required");
        assertThat(none.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(none.headers().firstValue("X-Simpul-Signature")).isPresent();
        assertThat(auditRowOf(none).path("actor").asText()).isEqualTo("anonymous");
        assertThat(auditRowOf(unknown).path("action").asText()).isEqualTo("G2G_REFUSED");
        assertThat(G2gClient.text(unknown)).doesNotContain(BANYUASIN_NIB);
        assertThat(as(null).get("/g2g/v1/catalogue").statusCode()).as("the catalogue is public").isEqualTo(200);
    }

    @Test
    void aCallNeedingAScopeTheAgencyDoesNotHoldIs403() {
        HttpResponse<byte[]> business = as(dlh).get("/g2g/v1/businesses/" + BANYUASIN_NIB);
        HttpResponse<byte[]> subscribe = as(dlh).post("/g2g/v1/subscriptions",
                "{\"url\":\"https://dlh.example.id/hook\",\"eventTypes\":[\"PermitReceived\"]}");

        assertThat(business.statusCode()).isEqualTo(403);
        assertThat(Json.tree(G2gClient.text(business)).path("error").asText()).contains("businesses:read");
        assertThat(subscribe.statusCode()).isEqualTo(403);
        assertThat(auditRowOf(business).path("action").asText()).isEqualTo("G2G_BUSINESS_READ");
        assertThat(auditRowOf(business).path("details").asText()).contains("-> 403");
    }

    @Test
    void anotherRegionsRecordAnswers404LikeAMissingOneWhateverIdIsTried() {
        HttpResponse<byte[]> otherRegion = as(pupr).get("/g2g/v1/permits/" + PALEMBANG_IZIN);
        HttpResponse<byte[]> missing = as(pupr).get("/g2g/v1/permits/I-000000000000000000000");

        assertThat(otherRegion.statusCode()).isEqualTo(404);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(errorOf(otherRegion).replace(PALEMBANG_IZIN, "X"))
                .isEqualTo(errorOf(missing).replace("I-000000000000000000000", "X"));
        assertThat(G2gClient.text(otherRegion)).doesNotContain(PALEMBANG_NIB).doesNotContain("1671");
        assertThat(as(pupr).get("/g2g/v1/businesses/" + PALEMBANG_NIB).statusCode()).isEqualTo(404);
        JsonNode filtered = Json.tree(G2gClient.text(as(pupr).get("/g2g/v1/permits?region=1671")));
        assertThat(filtered.path("items")).isEmpty();
        JsonNode byId = Json.tree(G2gClient.text(as(pupr).get("/g2g/v1/permits?idIzin=" + PALEMBANG_IZIN)));
        assertThat(byId.path("items")).isEmpty();
        JsonNode all = Json.tree(G2gClient.text(as(pupr).get("/g2g/v1/permits")));
        assertThat(all.findValuesAsText("idIzin")).contains(BANYUASIN_IZIN).doesNotContain(PALEMBANG_IZIN);
        assertThat(as(dinkes).get("/g2g/v1/permits/" + BANYUASIN_IZIN).statusCode()).isEqualTo(404);
        assertThat(as(dinkes).get("/g2g/v1/permits/" + PALEMBANG_IZIN).statusCode()).isEqualTo(200);
    }

    @Test
    void personalFieldsAreMaskedWithoutTheScopeAndShownAndAuditedWithIt() {
        HttpResponse<byte[]> masked = as(pupr).get("/g2g/v1/permits/" + BANYUASIN_IZIN);
        JsonNode permit = Json.tree(G2gClient.text(masked));

        assertThat(masked.statusCode()).isEqualTo(200);
        assertThat(permit.at("/permit/applicant/identityNumber").asText()).isEqualTo("1607**********03");
        assertThat(permit.at("/permit/applicant/phone").asText()).startsWith("*").endsWith("900");
        assertThat(permit.at("/permit/applicant/email").asText()).isEqualTo("m***@gmail.com");
        assertThat(permit.at("/permit/applicant/name").asText()).isEqualTo("H. Muhammad Yusuf, S.E.");
        assertThat(permit.path("personalDataMasked").asBoolean()).isTrue();
        assertThat(G2gClient.text(masked)).doesNotContain("1607111204780003").doesNotContain("7788 9900");
        // Birth date 1978-04-12 and sex would give back the masked NIK's digits 7-12 (120478).
        assertThat(permit.at("/permit/applicant/birthDate").asText()).isEqualTo("1978-**-**");
        assertThat(G2gClient.text(masked)).doesNotContain("04-12").doesNotContain("11120478");
        assertThat(auditRowOf(masked).path("details").asText()).contains("fields unmasked: none");
        assertThat(auditRowOf(masked).path("data_subject").isNull()).isTrue();

        HttpResponse<byte[]> shown = as(dinkes).get("/g2g/v1/permits/" + PALEMBANG_IZIN);
        JsonNode unmasked = Json.tree(G2gClient.text(shown));
        assertThat(unmasked.at("/permit/applicant/identityNumber").asText()).isEqualTo("1671054408850002");
        assertThat(unmasked.path("personalDataMasked").asBoolean()).isFalse();
        JsonNode audit = auditRowOf(shown);
        assertThat(audit.path("details").asText()).contains("/applicant/identityNumber").contains("/applicant/phone")
                .contains("/applicant/email").contains("permit:" + PALEMBANG_IZIN);
        assertThat(audit.path("data_subject").asText()).isEqualTo(personalData.subjectKey("1671054408850002"));
    }

    @Test
    void aSoleTradersNpwpShownUnmaskedIsAuditedUnderThePersonWhoseNikItIs() {
        String dpmptsp = registerAgency("agency-dpmptsp-palembang.json");
        String nib = "9120301234611";
        String nik = "1671056502900001";
        // A sole trader: the business's NPWP is its owner's NIK (since 2024), and the business block has no other.
        receive(Fixtures.text("g2g/receiveNIB-palembang.json").replace(PALEMBANG_NIB, nib)
                .replace(PALEMBANG_IZIN, "I-202611210915001234611").replace("09.254.294.3-312.000", nik), nib);

        HttpResponse<byte[]> shown = as(dpmptsp).get("/g2g/v1/businesses/" + nib);

        assertThat(shown.statusCode()).as(G2gClient.text(shown)).isEqualTo(200);
        assertThat(Json.tree(G2gClient.text(shown)).at("/business/npwp").asText().replaceAll("[^0-9]", ""))
                .isEqualTo(nik);
        JsonNode audit = auditRowOf(shown);
        assertThat(audit.path("details").asText()).contains("/business/npwp");
        assertThat(audit.path("data_subject").asText()).isEqualTo(personalData.subjectKey(nik));
    }

    @Test
    void theSignatureVerifiesWithThePublishedKeyAndFailsAfterOneByteChanges() throws Exception {
        HttpResponse<byte[]> response = as(pupr).get("/g2g/v1/permits/" + BANYUASIN_IZIN);
        String signature = response.headers().firstValue("X-Simpul-Signature").orElseThrow();
        JWKSet keys = JWKSet.parse(G2gClient.text(as(null).get("/g2g/v1/keys")));
        ECKey key = (ECKey) keys.getKeys().get(0);

        assertThat(key.isPrivate()).isFalse();
        assertThat(signature).contains("..");
        assertThat(DetachedJws.verify(signature, response.body(), key)).isTrue();
        byte[] tampered = response.body().clone();
        tampered[tampered.length / 2] ^= 0x01;
        assertThat(DetachedJws.verify(signature, tampered, key)).isFalse();
        JWSObject parsed = JWSObject.parse(signature, new Payload(response.body()));
        assertThat(parsed.getHeader().getCustomParam("rid"))
                .isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(parsed.getHeader().getCustomParam("htu")).isEqualTo("/g2g/v1/permits/" + BANYUASIN_IZIN);
        assertThat(parsed.getHeader().isBase64URLEncodePayload()).isFalse();
    }

    @Test
    void overItsRateLimitAnAgencyGets429WithRetryAfter() {
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<byte[]> last = null;
        for (int i = 0; i < 4; i++) {
            last = as(bappeda).get("/g2g/v1/permits?limit=1");
            statuses.add(last.statusCode());
        }

        assertThat(statuses).containsExactly(200, 200, 200, 429);
        assertThat(Long.parseLong(last.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        assertThat(Json.tree(G2gClient.text(last)).path("error").asText()).contains("rate limit");
        assertThat(as(pupr).get("/g2g/v1/permits?limit=1").statusCode()).as("limits are per agency").isEqualTo(200);
    }

    @Test
    void everyAccessAppearsInTheAuditLogOnceWithItsRequestId() {
        List<HttpResponse<byte[]>> calls = List.of(
                as(pupr).get("/g2g/v1/permits"),
                as(pupr).get("/g2g/v1/permits/" + BANYUASIN_IZIN),
                as(pupr).get("/g2g/v1/permits/" + PALEMBANG_IZIN),
                as(pupr).get("/g2g/v1/businesses/" + BANYUASIN_NIB),
                as(pupr).get("/g2g/v1/permits?status=NOPE"),
                as(pupr).get("/g2g/v1/subscriptions"),
                as(pupr).get("/g2g/v1/recommendations"),
                as(pupr).get("/g2g/v1/no-such-service"));

        for (HttpResponse<byte[]> call : calls) {
            JsonNode row = auditRowOf(call);
            assertThat(row.path("actor").asText()).isEqualTo("agency:dinas-pupr-banyuasin");
            assertThat(row.path("details").asText()).contains("-> " + call.statusCode());
        }
        assertThat(auditRowOf(calls.get(1)).path("subject_id").asText()).isEqualTo(BANYUASIN_IZIN);
        assertThat(auditRowOf(calls.get(0)).path("details").asText()).contains("permit:" + BANYUASIN_IZIN);
        assertThat(Json.tree(ossSender.get("/api/v1/audit/verify").body()).path("intact").asBoolean()).isTrue();
    }

    @Test
    void theAuditRowOfABusinessOrApplicantNamesThePermitsItListed() {
        HttpResponse<byte[]> business = as(pupr).get("/g2g/v1/businesses/" + BANYUASIN_NIB);
        String applicantId = jdbc.sql("SELECT applicant_id FROM sync_ledger WHERE id_izin = :i AND applicant_id IS NOT NULL")
                .param("i", BANYUASIN_IZIN).query(String.class).list().get(0);
        HttpResponse<byte[]> applicant = as(pupr).get("/g2g/v1/applicants/" + applicantId);

        assertThat(business.statusCode()).isEqualTo(200);
        assertThat(applicant.statusCode()).isEqualTo(200);
        assertThat(G2gClient.text(business)).contains(BANYUASIN_IZIN);
        assertThat(G2gClient.text(applicant)).contains(BANYUASIN_IZIN);
        assertThat(auditRowOf(business).path("details").asText()).contains("permit:" + BANYUASIN_IZIN);
        assertThat(auditRowOf(applicant).path("details").asText()).contains("permit:" + BANYUASIN_IZIN);
    }

    @Test
    void theEventFeedRefusesAParameterItDoesNotKnowInsteadOfStartingOverSilently() {
        HttpResponse<byte[]> misnamed = as(pupr).get("/g2g/v1/events?cursor=12");

        assertThat(misnamed.statusCode()).isEqualTo(400);
        assertThat(parameterOf(misnamed)).isEqualTo("cursor");
        assertThat(as(pupr).get("/g2g/v1/events?after=0&limit=5").statusCode()).isEqualTo(200);
    }

    @Test
    void badFiltersAnswer400NamingTheFilter() {
        assertThat(parameterOf(as(pupr).get("/g2g/v1/permits?status=SELESAI"))).isEqualTo("status");
        assertThat(parameterOf(as(pupr).get("/g2g/v1/permits?limit=101"))).isEqualTo("limit");
        assertThat(parameterOf(as(pupr).get("/g2g/v1/permits?limit=sepuluh"))).isEqualTo("limit");
        assertThat(parameterOf(as(pupr).get("/g2g/v1/permits?updatedSince=kemarin"))).isEqualTo("updatedSince");
        assertThat(parameterOf(as(pupr).get("/g2g/v1/permits?region=16a7"))).isEqualTo("region");
        assertThat(parameterOf(as(pupr).get("/g2g/v1/permits?nib=123"))).isEqualTo("nib");
        assertThat(parameterOf(as(pupr).get("/g2g/v1/permits?cursor=bm90LWEtY3Vyc29y"))).isEqualTo("cursor");
        assertThat(parameterOf(as(pupr).get("/g2g/v1/permits?stauts=DELIVERED"))).isEqualTo("stauts");
    }

    @Test
    void aParameterOfTheWrongTypeIsExplainedInTheAgencysWordsNotJavas() {
        JsonNode error = Json.tree(G2gClient.text(as(pupr).get("/g2g/v1/permits?limit=sepuluh")));

        assertThat(error.path("error").asText()).isEqualTo("limit must be a whole number");
    }

    @Test
    void aBodyFieldOfTheWrongJsonTypeIsRefusedNamingTheFieldNotCoercedIntoText() {
        HttpResponse<byte[]> response = as(pupr).post("/g2g/v1/subscriptions",
                "{\"url\":\"https://pupr.example.id/angka\",\"eventTypes\":[\"PermitIssued\"],\"regions\":[1607]}");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = Json.tree(G2gClient.text(response));
        assertThat(error.path("error").asText()).isEqualTo("regions[0] must be text");
        assertThat(error.path("parameter").asText()).isEqualTo("regions[0]");
    }

    @Test
    void permitsArePagedByAnOpaqueCursorInUpdateOrder() {
        receive(Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json")
                .replace(BANYUASIN_NIB, "9120301234571").replace(BANYUASIN_IZIN, "I-202611210915001234571"),
                "9120301234571");
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = Json.tree(G2gClient.text(as(pupr).get("/g2g/v1/permits?limit=1"
                    + (cursor == null ? "" : "&cursor=" + cursor))));
            assertThat(page.path("items")).hasSizeLessThanOrEqualTo(1);
            page.path("items").forEach(i -> assertThat(seen.add(i.path("idIzin").asText())).isTrue());
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(seen).contains(BANYUASIN_IZIN, "I-202611210915001234571").doesNotContain(PALEMBANG_IZIN);
        JsonNode since = Json.tree(G2gClient.text(as(pupr).get("/g2g/v1/permits?updatedSince=2999-01-01")));
        assertThat(since.path("items")).isEmpty();
    }

    @Test
    void anApplicantMergedByAReviewDecisionAnswersUnderItsRetiredIdMaskedByScopeAndAgenciesHearOfIt() {
        Map<String, SourceRecord> cases = RegistryFixture.cases("matcher-cases.jsonl");
        String survivorId = registry.resolve(cases.get("case:review-a")).applicantId();
        Resolution maybe = registry.resolve(cases.get("case:review-b"));
        String retiredId = maybe.applicantId();
        assertThat(maybe.reviewIds()).as("a pair for review").hasSize(1);
        assertThat(retiredId).isNotEqualTo(survivorId);
        carriesApplicant(BANYUASIN_IZIN, survivorId);
        // A permit converted before the merge names the id its applicant had then.
        String earlierIzin = "I-202611210915001234572";
        receive(Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json")
                .replace(BANYUASIN_NIB, "9120301234572").replace(BANYUASIN_IZIN, earlierIzin), "9120301234572");
        carriesApplicant(earlierIzin, retiredId);
        assertThat(as(pupr).get("/g2g/v1/applicants/" + retiredId).statusCode()).as("before the merge").isEqualTo(200);

        HttpResponse<String> decided = ossSender.postAsAdmin("/api/v1/applicants/review/" + maybe.reviewIds().get(0)
                + "/decision", "{\"decision\":\"same\"}");
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT survivor_id FROM g2g_applicant_alias "
                + "WHERE retired_id = :r").param("r", retiredId).query(String.class).optional(),
                survivor -> survivor.equals(java.util.Optional.of(survivorId)));
        JsonNode survivor = Json.tree(G2gClient.text(as(pupr).get("/g2g/v1/applicants/" + retiredId)));
        assertThat(survivor.path("applicantId").asText()).isEqualTo(survivorId);
        assertThat(survivor.path("requestedId").asText()).isEqualTo(retiredId);
        assertThat(survivor.path("retired").asBoolean()).isTrue();
        assertThat(survivor.at("/applicant/identityNumber").asText()).isEqualTo("1607**********03");
        assertThat(survivor.path("permits").findValuesAsText("idIzin"))
                .as("the survivor's permits include those converted under the retired id")
                .containsExactlyInAnyOrder(BANYUASIN_IZIN, earlierIzin);
        assertThat(as(dinkes).get("/g2g/v1/applicants/" + survivorId).statusCode()).as("not in its region")
                .isEqualTo(404);
        assertThat(as(pupr).get("/g2g/v1/applicants/APL%2500").statusCode()).isEqualTo(400);
        await().atMost(Duration.ofSeconds(20)).until(() -> G2gClient.text(as(pupr).get("/g2g/v1/events?limit=100")),
                feed -> feed.contains("\"type\":\"ApplicantMerged\"") && feed.contains(retiredId));
    }

    @Test
    void anApplicantMergedEventCarriesTheTwoIdsAndACodedReasonButNoNibOrStaffName() {
        Map<String, SourceRecord> cases = RegistryFixture.cases("matcher-cases.jsonl");
        // OSS names its records oss:<nib>:P:<pseudonym>; the registry's own reason for a merge quotes that name.
        String bridgingNib = "9120301277703";
        String olderId = registry.resolve(named(cases.get("case:bridge-a"), "oss:9120301277701:P:0a1b2c3d4e5f6071"))
                .applicantId();
        String bridgedId = registry.resolve(named(cases.get("case:bridge-b"), "oss:9120301277702:P:1a2b3c4d5e6f7081"))
                .applicantId();
        Resolution bridge = registry.resolve(named(cases.get("case:bridge-c"),
                "oss:" + bridgingNib + ":P:2a3b4c5d6e7f8091"));
        assertThat(bridge.merged()).as("an automatic merge").containsExactly(bridgedId);
        String reviewedId = registry.resolve(cases.get("case:review-c")).applicantId();
        Resolution maybe = registry.resolve(cases.get("case:review-d"));
        HttpResponse<String> decided = ossSender.postAsAdmin("/api/v1/applicants/review/" + maybe.reviewIds().get(0)
                + "/decision", "{\"decision\":\"same\"}");
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);

        Map<String, JsonNode> events = await().atMost(Duration.ofSeconds(10)).until(() -> {
            Map<String, JsonNode> byRetired = new HashMap<>();
            jdbc.sql("SELECT body FROM g2g_event WHERE type = 'ApplicantMerged'").query(String.class).list()
                    .forEach(body -> byRetired.put(Json.tree(body).at("/data/retiredId").asText(), Json.tree(body)));
            return byRetired;
        }, found -> found.containsKey(bridgedId) && found.containsKey(maybe.applicantId()));

        JsonNode automatic = events.get(bridgedId);
        JsonNode reviewed = events.get(maybe.applicantId());
        for (JsonNode event : List.of(automatic, reviewed)) {
            List<String> keys = new ArrayList<>();
            event.path("data").fieldNames().forEachRemaining(keys::add);
            assertThat(keys).containsExactly("survivorId", "retiredId", "reason");
            assertThat(Json.write(event)).doesNotContain(bridgingNib).doesNotContain("oss:")
                    .doesNotContain("decided by").doesNotContain("\"" + OssSender.ADMIN + "\"");
        }
        assertThat(automatic.at("/data/survivorId").asText()).isEqualTo(olderId);
        assertThat(automatic.at("/data/reason").asText()).isEqualTo("AUTOMATIC");
        assertThat(reviewed.at("/data/survivorId").asText()).isEqualTo(reviewedId);
        assertThat(reviewed.at("/data/reason").asText()).isEqualTo("REVIEW_DECISION");
        assertThat(jdbc.sql("SELECT detail FROM applicant_event WHERE kind = 'MERGED_IN'").query(String.class).list())
                .as("the free text stays in the applicant's own history")
                .anySatisfy(detail -> assertThat(detail).contains(bridgingNib))
                .anySatisfy(detail -> assertThat(detail).contains("decided by " + OssSender.ADMIN));
    }

    @Test
    void aMergeTheRegistryStoredIsToldToAgenciesOnceFromItsHistoryWithNoHandOffInProcess() {
        // As the registry leaves it when the hub stops right after its write: the history row, and nothing else.
        String survivorId = ApplicantIds.format(900_001);
        String retiredId = ApplicantIds.format(900_002);
        jdbc.sql("""
                INSERT INTO applicant_event (applicant, kind, other_applicant, detail, at, cause)
                VALUES (900001, 'MERGED_IN', 900002, 'decided by someone on review 7', :at, 'REVIEW_DECISION')""")
                .param("at", java.sql.Timestamp.from(java.time.Instant.now())).update();

        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT survivor_id FROM g2g_applicant_alias "
                + "WHERE retired_id = :r").param("r", retiredId).query(String.class).optional(),
                survivor -> survivor.equals(java.util.Optional.of(survivorId)));
        applicantEvents.poll();
        applicantEvents.poll();

        List<String> bodies = jdbc.sql("SELECT body FROM g2g_event WHERE type = 'ApplicantMerged' AND body LIKE :r")
                .param("r", "%" + retiredId + "%").query(String.class).list();
        assertThat(bodies).as("told once, however often the history is read").hasSize(1);
        JsonNode event = Json.tree(bodies.get(0));
        assertThat(event.at("/data/survivorId").asText()).isEqualTo(survivorId);
        assertThat(event.at("/data/reason").asText()).isEqualTo("REVIEW_DECISION");
        assertThat(bodies.get(0)).as("the registry's own words stay in its history").doesNotContain("decided by");
    }

    @Test
    void afterASplitThePermitsOfTheMovedRecordAnswerUnderTheNewIdAndAgenciesHearOfIt() {
        String izinKept = "I-202611210915001234581";
        String izinMoved = "I-202611210915001234582";
        receive(person("9120301234581", izinKept, "1607111204780015", "Sukarjo Wiryopranoto"), "9120301234581");
        receive(person("9120301234582", izinMoved, "1607111204780015", "Sukarjo Wiryopranoto"), "9120301234582");
        String original = filedUnder(izinKept);
        assertThat(filedUnder(izinMoved)).as("one person, one master").isEqualTo(original);
        assertThat(permitsOf(original)).containsExactlyInAnyOrder(izinKept, izinMoved);

        String newId = split(original, sourceRefOf(original, "9120301234582"));

        // G2G hears of the split from the registry's stored history, at its next poll.
        await().atMost(Duration.ofSeconds(10)).until(() -> filedUnder(izinMoved), newId::equals);
        assertThat(permitsOf(newId)).as("the moved record's permit").containsExactly(izinMoved);
        assertThat(permitsOf(original)).as("the original keeps the rest").containsExactly(izinKept);
        JsonNode moved = Json.tree(G2gClient.text(as(pupr).get("/g2g/v1/applicants/" + newId)));
        assertThat(moved.path("applicantId").asText()).isEqualTo(newId);
        assertThat(moved.path("retired").asBoolean()).isFalse();
        assertThat(moved.at("/applicant/identityNumber").asText()).as("masked as ever").isEqualTo("1607**********15");
        assertThat(trailPermitsOf(newId)).containsExactly(izinMoved);
        assertThat(trailPermitsOf(original)).containsExactly(izinKept);
        assertThat(Json.tree(payloads.open(jdbc.sql("SELECT canonical FROM sync_ledger WHERE id_izin = :i")
                .param("i", izinMoved).query(String.class).single())).path("applicantId").asText())
                .as("the stored canonical form stays as converted").isEqualTo(original);
        assertThat(ossSender.get("/api/v1/trail?idIzin=" + izinMoved).body()).as("the move is in the permit's trail")
                .contains("APPLICANT_REASSIGNED").contains(original + " -> " + newId);
        assertThat(jdbc.sql("SELECT details FROM audit_log WHERE action = 'APPLICANT_PERMITS_REASSIGNED' "
                + "AND subject_id = :n").param("n", newId).query(String.class).single()).contains(izinMoved + "@1");

        JsonNode event = Json.tree(await().atMost(Duration.ofSeconds(10)).until(
                () -> jdbc.sql("SELECT body FROM g2g_event WHERE type = 'ApplicantSplit' AND applicant_id = :n")
                        .param("n", newId).query(String.class).optional(), java.util.Optional::isPresent).get());
        List<String> keys = new ArrayList<>();
        event.path("data").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("originalId", "newId", "splitAt", "reason");
        assertThat(event.at("/data/originalId").asText()).isEqualTo(original);
        assertThat(event.at("/data/reason").asText()).isEqualTo("STAFF_DECISION");
        assertThat(event.path("kdDaerah").isNull()).isTrue();
        assertThat(Json.write(event)).doesNotContain("oss:").doesNotContain("9120301234582")
                .doesNotContain(OssSender.ADMIN);
        await().atMost(Duration.ofSeconds(20)).until(() -> G2gClient.text(as(pupr).get("/g2g/v1/events?limit=100")),
                feed -> feed.contains("\"type\":\"ApplicantSplit\"") && feed.contains(newId));
    }

    @Test
    void aSplitOfAMasterThatAbsorbedARetiredIdMovesItsPermitsAndTheRetiredIdStaysWithTheOriginal() {
        String izinKept = "I-202611210915001234583";
        String izinMoved = "I-202611210915001234584";
        receive(person("9120301234583", izinKept, "1607111204780027", "Wiryono Puspodiharjo"), "9120301234583");
        String original = filedUnder(izinKept);
        Resolution nameOnly = registry.resolve(new SourceRecord("case:split-retired", "PERSON",
                "WIRYONO PUSPODIHARJO", null, null, null, null, null, null, null, null, null));
        assertThat(nameOnly.reviewIds()).as("a name alone is a pair for review").hasSize(1);
        String retiredId = nameOnly.applicantId();
        HttpResponse<String> decided = ossSender.postAsAdmin("/api/v1/applicants/review/" + nameOnly.reviewIds().get(0)
                + "/decision", "{\"decision\":\"same\"}");
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT survivor_id FROM g2g_applicant_alias "
                + "WHERE retired_id = :r").param("r", retiredId).query(String.class).optional(),
                survivor -> survivor.equals(java.util.Optional.of(original)));
        receive(person("9120301234584", izinMoved, "1607111204780027", "Wiryono Puspodiharjo"), "9120301234584");
        assertThat(filedUnder(izinMoved)).isEqualTo(original);
        // As if converted before the merge: its canonical form names the id its applicant had then.
        carriesApplicant(izinMoved, retiredId);
        assertThat(permitsOf(retiredId)).containsExactlyInAnyOrder(izinKept, izinMoved);

        String newId = split(original, sourceRefOf(original, "9120301234584"));

        await().atMost(Duration.ofSeconds(10)).until(() -> filedUnder(izinMoved), newId::equals);
        assertThat(permitsOf(newId)).containsExactly(izinMoved);
        JsonNode retired = Json.tree(G2gClient.text(as(pupr).get("/g2g/v1/applicants/" + retiredId)));
        assertThat(retired.path("applicantId").asText()).as("a retired id names the master it was merged into")
                .isEqualTo(original);
        assertThat(retired.path("retired").asBoolean()).isTrue();
        assertThat(retired.path("permits").findValuesAsText("idIzin")).containsExactly(izinKept);
        assertThat(ossSender.get("/api/v1/applicants/" + retiredId).body()).as("as the registry resolves it")
                .contains("\"" + original + "\"");
    }

    /** The OSS fixture of a sole trader, as another person with permits of their own. */
    private static String person(String nib, String idIzin, String nik, String name) {
        return Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json")
                .replace(BANYUASIN_NIB, nib).replace(BANYUASIN_IZIN, idIzin)
                .replace("I-202611210915009999999", "I-20261121091500999" + nib.substring(9))
                .replace("1607111204780003", nik).replace("H. Muhammad Yusuf, S.E.", name)
                .replace("MUHAMMAD YUSUF", name.toUpperCase(java.util.Locale.ROOT))
                .replace("m.yusuf.usaha@gmail.com", "u" + nib + "@mail.example.id")
                .replace("0812-7788-9900", "0813-" + nib.substring(5, 9) + "-" + nib.substring(9))
                .replace("+62 812 7788 9900", "+62 813 " + nib.substring(5, 9) + " " + nib.substring(9))
                .replace("092542943312000", "0" + nib.substring(0, 13) + "0")
                .replace("09.254.294.3-312.000", "07.111.222.3-" + nib.substring(10) + ".000");
    }

    private String filedUnder(String idIzin) {
        return jdbc.sql("SELECT applicant_id FROM sync_ledger WHERE id_izin = :i AND canonical IS NOT NULL")
                .param("i", idIzin).query(String.class).single();
    }

    private List<String> permitsOf(String applicantId) {
        HttpResponse<byte[]> answer = as(pupr).get("/g2g/v1/applicants/" + applicantId);
        assertThat(answer.statusCode()).as(G2gClient.text(answer)).isEqualTo(200);
        return Json.tree(G2gClient.text(answer)).path("permits").findValuesAsText("idIzin");
    }

    private List<String> trailPermitsOf(String applicantId) {
        return Json.tree(ossSender.get("/api/v1/trail?applicantId=" + applicantId).body()).path("entries")
                .findValuesAsText("idIzin").stream().distinct().toList();
    }

    /** The registry's name for the record of this NIB on the master, as IT staff see it. */
    private String sourceRefOf(String applicantId, String nib) {
        JsonNode view = Json.tree(ossSender.get("/api/v1/applicants/" + applicantId).body());
        return view.findValuesAsText("sourceRef").stream().filter(ref -> ref.contains(":" + nib + ":"))
                .findFirst().orElseThrow(() -> new AssertionError("no record of " + nib + " in " + view));
    }

    private String split(String applicantId, String sourceRef) {
        HttpResponse<String> split = ossSender.postAsAdmin("/api/v1/applicants/" + applicantId + "/split",
                "{\"sourceRefs\":[\"" + sourceRef + "\"]}");
        assertThat(split.statusCode()).as(split.body()).isEqualTo(200);
        return Json.tree(split.body()).path("newApplicantId").asText();
    }

    private static SourceRecord named(SourceRecord r, String sourceRef) {
        return new SourceRecord(sourceRef, r.type(), r.name(), r.nik(), r.npwp(), r.nib(), r.birthDate(), r.birthPlace(),
                r.gender(), r.address(), r.phone(), r.email());
    }

    /** The permit's stored canonical messages name this applicant (the G2G directory reads them). */
    private void carriesApplicant(String idIzin, String applicantId) {
        Map<Long, String> rows = new HashMap<>();
        jdbc.sql("SELECT id, canonical FROM sync_ledger WHERE id_izin = :i AND canonical IS NOT NULL")
                .param("i", idIzin).query(rs -> {
                    rows.put(rs.getLong("id"), payloads.open(rs.getString("canonical")));
                });
        assertThat(rows).isNotEmpty();
        rows.forEach((id, text) -> {
            ObjectNode canonical = (ObjectNode) Json.tree(text);
            canonical.put("applicantId", applicantId);
            // As SyncLedger.attachCanonical stores it: the form and the applicant's id beside it.
            jdbc.sql("UPDATE sync_ledger SET canonical = :c, applicant_id = :a WHERE id = :id")
                    .param("c", payloads.seal(Json.write(canonical))).param("a", applicantId).param("id", id).update();
        });
    }

    @Test
    void aRevokedSystemIsRefusedAtOnceAndOnlyAnAdminManagesAgencies() {
        HttpResponse<String> client = ossSender.postAsAdmin("/api/v1/agencies/dinas-pupr-banyuasin/clients",
                "{\"system\":\"sistem lama\"}");
        String key = Json.tree(client.body()).path("apiKey").asText();
        assertThat(as(key).get("/g2g/v1/permits").statusCode()).isEqualTo(200);

        HttpResponse<String> revoked = adminDelete("/api/v1/agencies/dinas-pupr-banyuasin/clients/"
                + "dinas-pupr-banyuasin.sistem-lama");

        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(as(key).get("/g2g/v1/permits").statusCode()).isEqualTo(401);
        assertThat(ossSender.get("/api/v1/agencies").body()).doesNotContain(key.substring(10));
        accounts.create("rina.operator", "kata-sandi-uji", List.of(Roles.OPERATOR));
        assertThat(ossSender.getAs("rina.operator", "kata-sandi-uji", "/api/v1/agencies").statusCode()).isEqualTo(403);
    }

    @Test
    void aRequestBodyOverTheLimitIsRefusedWith413() {
        String huge = "{\"url\":\"https://pupr.example.id/" + "a".repeat(70_000) + "\",\"eventTypes\":[]}";

        HttpResponse<byte[]> response = as(pupr).post("/g2g/v1/subscriptions", huge);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("X-Simpul-Signature")).isPresent();
    }

    @Test
    void theOpenApiDocumentHasEveryG2gHandlerAndEveryHandlerNamesItsScope() {
        JsonNode document = Json.tree(G2gClient.text(as(null).get("/g2g/v1/openapi.json")));
        Set<String> documented = new HashSet<>();
        document.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                .forEachRemaining(m -> documented.add(m.toUpperCase() + " " + p.getKey())));
        Set<String> mapped = new HashSet<>();
        openApi.services().forEach(s -> mapped.add(s.method() + " " + s.path()));

        assertThat(document.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(documented).isEqualTo(mapped).contains("GET /g2g/v1/permits", "GET /g2g/v1/permits/{idIzin}",
                "GET /g2g/v1/businesses/{nib}", "GET /g2g/v1/applicants/{applicantId}", "POST /g2g/v1/subscriptions",
                "POST /g2g/v1/subscriptions/{id}/replay", "GET /g2g/v1/recommendations/{id}",
                "POST /g2g/v1/recommendations/{id}/decision", "GET /g2g/v1/keys", "GET /g2g/v1/catalogue");
        assertThat(openApi.services()).allSatisfy(s -> assertThat(s.api()).as(s.path()).isNotNull());
        JsonNode catalogue = Json.tree(G2gClient.text(as(null).get("/g2g/v1/catalogue")));
        assertThat(catalogue.path("services")).hasSize(mapped.size());
        assertThat(catalogue.path("eventTypes").findValuesAsText("type")).contains("PermitReceived",
                "PermitStatusChanged", "PermitIssued", "ApplicantMerged");
    }


    private static String errorOf(HttpResponse<byte[]> response) {
        return Json.tree(G2gClient.text(response)).path("error").asText();
    }

    private static String parameterOf(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as(G2gClient.text(response)).isEqualTo(400);
        return Json.tree(G2gClient.text(response)).path("parameter").asText();
    }
}
