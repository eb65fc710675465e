package id.simpul.g2g;

import static org.assertj.core.api.Assertions.assertThat;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.json.Json;
import id.simpul.platform.security.PersonalData;
import id.simpul.support.Fixtures;
import id.simpul.support.OssSimulatorControl;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class RecommendationRoundTripTest extends G2gTestSupport {

    private static final DateTimeFormatter PIA_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private static String pupr;
    private static String dlh;
    private static String dinkes;
    private static String dpmptsp;

    @Autowired
    PersonalData personalData;

    /** Persetujuan Bangunan Gedung (kd_izin 011000000001) needs Dinas PUPR and DLH. */
    @DynamicPropertySource
    static void recommendations(DynamicPropertyRegistry registry) {
        registry.add("simpul.g2g.recommendations.011000000001[0]", () -> "dinas-pupr-banyuasin");
        registry.add("simpul.g2g.recommendations.011000000001[1]", () -> "dlh-banyuasin");
        // A permit type (in this test only) whose recommendation needs one agency with the personal scope.
        registry.add("simpul.g2g.recommendations.011000000009[0]", () -> "dlh-banyuasin");
        registry.add("simpul.g2g.recommendations.011000000009[1]", () -> "dpmptsp-banyuasin");
    }

    @BeforeEach
    void agencies() {
        if (pupr == null) {
            pupr = registerAgency("agency-dinas-pupr-banyuasin.json");
            dlh = registerAgency("agency-dlh-banyuasin.json");
            dinkes = registerAgency("agency-dinkes-palembang.json");
            dpmptsp = registerAgency("agency-dpmptsp-banyuasin.json");
        }
    }

    @Test
    void notesAndFilesNamingAPersonAreMaskedWithoutThePersonalScopeAndAuditedWithIt() {
        String nib = "9120301234593";
        String idIzin = "I-202611210915001234593";
        String nik = "1607111204780003";
        receiveKnownToOss(nib, idIzin, body -> body.replace("\"011000000001\"", "\"011000000009\"")
                .replace(idIzin + "/krk.pdf", idIzin + "/KTP_" + nik + ".pdf")
                .replace("Keterangan Rencana Kota", "KTP pemohon " + nik + ", telp 0812-7788-9900"));
        String dlhRequest = awaitRequest(dlh, idIzin);
        String dpmptspRequest = awaitRequest(dpmptsp, idIzin);
        decide(dlh, dlhRequest, "{\"decision\":\"MORE_INFO\",\"notes\":\"Pemohon (NIK " + nik
                + ", HP 0812-7788-9900, budi.santoso@example.id) lampirkan UKL-UPL\"}", 200);

        HttpResponse<byte[]> maskedPermit = as(dlh).get("/g2g/v1/permits/" + idIzin);
        HttpResponse<byte[]> maskedFiles = as(dlh).get("/g2g/v1/recommendations/" + dlhRequest);
        for (HttpResponse<byte[]> masked : List.of(maskedPermit, maskedFiles)) {
            assertThat(masked.statusCode()).isEqualTo(200);
            assertThat(G2gClient.text(masked)).doesNotContain(nik).doesNotContain("7788").doesNotContain("budi.santoso")
                    .contains("1607**********03");
            assertThat(Json.tree(G2gClient.text(masked)).path("personalDataMasked").asBoolean()).isTrue();
            assertThat(auditRowOf(masked).path("details").asText()).contains("fields unmasked: none");
        }
        assertThat(Json.tree(G2gClient.text(maskedPermit)).path("history").findValuesAsText("detail"))
                .anyMatch(d -> d.contains("more info recommendation") && d.contains("lampirkan UKL-UPL"));
        assertThat(Json.tree(G2gClient.text(maskedFiles)).path("files").findValuesAsText("url"))
                .contains("https://oss.go.id/file/" + idIzin + "/KTP_1607**********03.pdf");

        HttpResponse<byte[]> shownPermit = as(dpmptsp).get("/g2g/v1/permits/" + idIzin);
        HttpResponse<byte[]> shownFiles = as(dpmptsp).get("/g2g/v1/recommendations/" + dpmptspRequest);
        assertThat(G2gClient.text(shownPermit)).contains("NIK " + nik + ", HP 0812-7788-9900");
        assertThat(Json.tree(G2gClient.text(shownFiles)).path("files").findValuesAsText("url"))
                .contains("https://oss.go.id/file/" + idIzin + "/KTP_" + nik + ".pdf");
        JsonNode permitAudit = auditRowOf(shownPermit);
        assertThat(permitAudit.path("details").asText()).containsPattern("/history/[0-9]+/detail");
        assertThat(permitAudit.path("data_subject").asText()).isEqualTo(personalData.subjectKey(nik));
        assertThat(auditRowOf(shownFiles).path("details").asText()).contains("/files/0/url")
                .contains("/files/0/note").contains("/permit/requirements/0/fileUrl");
    }

    @Test
    void approvalsFromEveryNamedAgencyMoveThePermitToRequirementsVerifiedAndShowInTheTrail() {
        String nib = "9120301234591";
        String idIzin = "I-202611210915001234591";
        receiveKnownToOss(nib, idIzin);
        String puprRequest = awaitRequest(pupr, idIzin);
        String dlhRequest = awaitRequest(dlh, idIzin);

        JsonNode request = Json.tree(G2gClient.text(as(pupr).get("/g2g/v1/recommendations/" + puprRequest)));
        assertThat(request.path("state").asText()).isEqualTo("REQUESTED");
        assertThat(request.at("/permit/permit/kdIzin").asText()).isEqualTo("011000000001");
        assertThat(request.at("/permit/applicant/identityNumber").asText()).isEqualTo("1607**********03");
        assertThat(request.path("files").findValuesAsText("url"))
                .contains("https://oss.go.id/file/" + idIzin + "/krk.pdf");
        assertThat(as(pupr).get("/g2g/v1/recommendations/" + dlhRequest).statusCode())
                .as("another agency's request").isEqualTo(404);
        assertThat(as(dinkes).get("/g2g/v1/recommendations/" + puprRequest).statusCode()).isEqualTo(404);

        JsonNode first = decide(pupr, puprRequest, "{\"decision\":\"APPROVE\",\"notes\":\"KRK sesuai\"}", 200);
        assertThat(first.path("state").asText()).isEqualTo("APPROVED");
        assertThat(first.path("recommendationStage").asText()).isEqualTo("AWAITING_RECOMMENDATIONS");
        assertThat(first.path("kdStatusRecorded").isNull()).isTrue();

        JsonNode second = decide(dlh, dlhRequest, "{\"decision\":\"approve\",\"notes\":\"UKL-UPL lengkap\","
                + "\"documentUrl\":\"https://dlh.banyuasinkab.go.id/rekomendasi/2026/118.pdf\"}", 200);
        assertThat(second.path("recommendationStage").asText()).isEqualTo("RECOMMENDATIONS_COMPLETE");
        assertThat(second.path("kdStatusRecorded").asText()).isEqualTo("45");

        String trail = ossSender.get("/api/v1/trail?idIzin=" + idIzin).body();
        assertThat(trail).contains("RECOMMENDATION_REQUESTED").contains("RECOMMENDATION_APPROVED")
                .contains("WORKFLOW_STAGE").contains("STATUS_RECORDED").contains("kd_status 45 Persyaratan terverifikasi")
                .contains("118.pdf");
        JsonNode permit = Json.tree(G2gClient.text(as(pupr).get("/g2g/v1/permits/" + idIzin)));
        assertThat(permit.path("recommendationStage").asText()).isEqualTo("RECOMMENDATIONS_COMPLETE");
        assertThat(permit.path("statuses").findValuesAsText("kdStatus")).containsExactly("45");
        assertThat(permit.path("history").findValuesAsText("kind")).contains("RECOMMENDATION_APPROVED");
        awaitStatusAtOss(idIzin, "45");
        assertThat(trail).contains("queued for OSS as status report");
        await().atMost(Duration.ofSeconds(20)).until(() -> Json.tree(G2gClient.text(
                as(pupr).get("/g2g/v1/permits/" + idIzin))).at("/statuses/0/reportedToOss").asText(), "SENT"::equals);
        decide(pupr, puprRequest, "{\"decision\":\"REJECT\",\"notes\":\"berubah pikiran\"}", 409);
        await().atMost(Duration.ofSeconds(20)).until(() -> G2gClient.text(as(pupr).get("/g2g/v1/events?limit=100")),
                feed -> feed.contains("PermitStatusChanged") && feed.contains("RECOMMENDATION_APPROVED"));
    }

    @Test
    void aRejectionRecordsRequirementsRejectedAndAskingForMoreNeedsNotes() {
        String nib = "9120301234592";
        String idIzin = "I-202611210915001234592";
        receiveKnownToOss(nib, idIzin);
        String dlhRequest = awaitRequest(dlh, idIzin);

        assertThat(decide(dlh, dlhRequest, "{\"decision\":\"MAYBE\"}", 400).path("parameter").asText())
                .isEqualTo("decision");
        assertThat(decide(dlh, dlhRequest, "{\"decision\":\"MORE_INFO\"}", 400).path("parameter").asText())
                .isEqualTo("notes");
        assertThat(decide(dlh, dlhRequest, "{\"decision\":\"APPROVE\",\"documentUrl\":\"file:///etc/passwd\"}", 400)
                .path("parameter").asText()).isEqualTo("documentUrl");
        JsonNode more = decide(dlh, dlhRequest, "{\"decision\":\"MORE_INFO\",\"notes\":\"lampirkan dokumen UKL-UPL\"}", 200);
        assertThat(more.path("recommendationStage").asText()).isEqualTo("MORE_INFO_REQUESTED");
        JsonNode rejected = decide(dlh, dlhRequest, "{\"decision\":\"REJECT\",\"notes\":\"lokasi di kawasan lindung\"}", 200);

        assertThat(rejected.path("recommendationStage").asText()).isEqualTo("RECOMMENDATION_REJECTED");
        assertThat(rejected.path("kdStatusRecorded").asText()).isEqualTo("93");
        assertThat(ossSender.get("/api/v1/trail?idIzin=" + idIzin).body()).contains("RECOMMENDATION_MORE_INFO")
                .contains("RECOMMENDATION_REJECTED").contains("kd_status 93 Penolakan Persyaratan");
        awaitStatusAtOss(idIzin, "93");
    }

    /**
     * The status reached OSS's receiveLicenseStatus once, from the hub's office (kd_instansi of Banyuasin's
     * target), dated as the PIA wants tgl_status: "YYYY-MM-DD HH:II:SS" in Jakarta time.
     */
    private void awaitStatusAtOss(String idIzin, String kdStatus) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> oss.wireMock().verify(1,
                postRequestedFor(urlPathEqualTo("/v1/kl/rba/receiveLicenseStatus"))
                        .withRequestBody(matchingJsonPath("$.IZINSTATUS.id_izin", equalTo(idIzin)))
                        .withRequestBody(matchingJsonPath("$.IZINSTATUS.kd_status", equalTo(kdStatus)))
                        .withRequestBody(matchingJsonPath("$.IZINSTATUS.kd_instansi", equalTo("160")))
                        .withRequestBody(matchingJsonPath("$.IZINSTATUS.tgl_status",
                                matching("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}")))));
        String sent = oss.wireMock().findAll(postRequestedFor(urlPathEqualTo("/v1/kl/rba/receiveLicenseStatus"))
                        .withRequestBody(matchingJsonPath("$.IZINSTATUS.id_izin", equalTo(idIzin)))).get(0)
                .getBodyAsString();
        Instant stated = LocalDateTime.parse(Json.tree(sent).at("/IZINSTATUS/tgl_status").asText(), PIA_TIMESTAMP)
                .atZone(ZoneId.of("Asia/Jakarta")).toInstant();
        assertThat(Duration.between(stated, Instant.now()).abs()).as("Jakarta time, not UTC")
                .isLessThan(Duration.ofMinutes(5));
    }

    /** A permit OSS itself issued: the OSS simulator answers statuses only for permits it knows. */
    private void receiveKnownToOss(String nib, String idIzin) {
        receiveKnownToOss(nib, idIzin, UnaryOperator.identity());
    }

    private void receiveKnownToOss(String nib, String idIzin, UnaryOperator<String> edit) {
        String body = edit.apply(permit(nib, idIzin));
        new OssSimulatorControl(oss.port()).remember(body);
        receive(body, nib);
    }

    private String awaitRequest(String apiKey, String idIzin) {
        JsonNode item = await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode open = Json.tree(G2gClient.text(as(apiKey).get("/g2g/v1/recommendations"))).path("items");
            for (JsonNode i : open) {
                if (idIzin.equals(i.path("idIzin").asText())) {
                    return i;
                }
            }
            return null;
        }, Objects::nonNull);
        return item.path("id").asText();
    }


    private JsonNode decide(String apiKey, String id, String body, int expectedStatus) {
        HttpResponse<byte[]> response = as(apiKey).post("/g2g/v1/recommendations/" + id + "/decision", body);
        assertThat(response.statusCode()).as(G2gClient.text(response)).isEqualTo(expectedStatus);
        return Json.tree(G2gClient.text(response));
    }

    private static String permit(String nib, String idIzin) {
        return Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json").replace(BANYUASIN_NIB, nib)
                .replace(BANYUASIN_IZIN, idIzin);
    }
}
