package id.simpul.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import id.simpul.platform.json.Json;
import id.simpul.simulator.BackofficeSimulator;
import id.simpul.simulator.LocalPermits;
import id.simpul.simulator.SiCantikCloudSimulator;
import id.simpul.support.Fixtures;
import id.simpul.support.HubTestSupport;
import id.simpul.support.OssSimulatorControl;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The embedded default end to end: OSS push → target registration → local approval in the target's
 * simulator → IZINSTATUS for each local step and IZINFINAL for the decision arrive at the OSS
 * simulator with the right kd_status and fields; both regions, both flavours.
 */
class BackSyncEndToEndTest extends HubTestSupport {

    private static final String STATUS = "/v1/kl/rba/receiveLicenseStatus";
    private static final String FINAL = "/v1/kl/rba/receiveLicense";

    @Autowired
    @Qualifier("sicantikSimulator")
    SiCantikCloudSimulator banyuasin;

    @Autowired
    BackofficeSimulator palembang;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JmsTemplate jms;

    @DynamicPropertySource
    static void pollOften(DynamicPropertyRegistry registry) {
        registry.add("simpul.delivery.poll-interval", () -> "200ms");
    }

    @AfterEach
    void restoreOss() {
        oss.wireMock().resetToDefaultMappings();
    }

    @Test
    void aBanyuasinPermitApprovedInSiCantikCloudReachesOssAsEachStatusAndThenAsTheFinalPermit() {
        String nib = "9120301234501";
        String idIzin = "I-202611210915001234501";
        push(banyuasinPermit(nib, idIzin), nib);
        String no = awaitDelivered(nib).path("targetRef").asText();

        awaitStatus(idIzin, "09");
        banyuasin.advance(no);
        awaitStatus(idIzin, "20");
        banyuasin.advance(no);
        awaitStatus(idIzin, "45");
        LocalPermits.View decided = banyuasin.advance(no, "Selesai");
        awaitStatus(idIzin, "50");

        String today = LocalDate.now(ZoneId.of("Asia/Jakarta")).toString();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> oss.wireMock().verify(1, postRequestedFor(urlPathEqualTo(FINAL))
                .withHeader("user_key", equalTo("simulator-user-key"))
                .withRequestBody(matchingJsonPath("$.IZINFINAL.id_izin", equalTo(idIzin)))
                .withRequestBody(matchingJsonPath("$.IZINFINAL.nib", equalTo(nib)))
                .withRequestBody(matchingJsonPath("$.IZINFINAL.nomor_izin", equalTo(decided.noIzin())))
                .withRequestBody(matchingJsonPath("$.IZINFINAL.tgl_terbit_izin", equalTo(today)))
                .withRequestBody(matchingJsonPath("$.IZINFINAL.tgl_berlaku_izin", equalTo(decided.validUntil().toString())))
                .withRequestBody(matchingJsonPath("$.IZINFINAL.nama_ttd", equalTo("Drs. H. Ahmad Syarifuddin, M.Si.")))
                .withRequestBody(matchingJsonPath("$.IZINFINAL.nip_ttd", equalTo("196805121990031004")))
                .withRequestBody(matchingJsonPath("$.IZINFINAL.status_izin", equalTo("50")))
                .withRequestBody(matchingJsonPath("$.IZINFINAL.kd_izin", equalTo("011000000001")))
                .withRequestBody(matchingJsonPath("$.IZINFINAL.kd_daerah", equalTo("1607112003")))
                .withRequestBody(matchingJsonPath("$.IZINFINAL.id_proyek", equalTo("R-202611210915000000777")))
                .withRequestBody(matchingJsonPath("$.IZINFINAL.file_izin", equalTo(
                        "http://localhost:" + banyuasin.port() + "/__simulator/files/" + no + ".pdf")))));
        // Each status once, in order, with the permit's identifiers.
        oss.wireMock().verify(4, postRequestedFor(urlPathEqualTo(STATUS))
                .withRequestBody(matchingJsonPath("$.IZINSTATUS.id_izin", equalTo(idIzin))));
        oss.wireMock().verify(postRequestedFor(urlPathEqualTo(STATUS))
                .withRequestBody(matchingJsonPath("$.IZINSTATUS.kd_status", equalTo("50")))
                .withRequestBody(matchingJsonPath("$.IZINSTATUS.nama_status", equalTo("Disetujui")))
                .withRequestBody(matchingJsonPath("$.IZINSTATUS.nib", equalTo(nib)))
                .withRequestBody(matchingJsonPath("$.IZINSTATUS.oss_id", equalTo("P-202611210915000000123")))
                .withRequestBody(matchingJsonPath("$.IZINSTATUS.kd_izin", equalTo("011000000001")))
                .withRequestBody(matchingJsonPath("$.IZINSTATUS.kd_instansi", equalTo("160")))
                .withRequestBody(matchingJsonPath("$.IZINSTATUS.tgl_status", matchingPiaTimestamp())));

        String trail = trailOf(nib);
        assertThat(trail).contains("DELIVERED").contains("STATUS_SENT").contains("kd_status 20")
                .contains("OSS kode 200").contains("FINAL_SENT");
    }

    @Test
    void aPalembangPermitInTheBackofficeReachesOssWithTheBackofficesWordsCrosswalked() {
        String nib = "9120305550001";
        String idIzin = "I-202611220830005550001";
        push(Fixtures.text("delivery/receiveNIB-badan-usaha-palembang.json"), nib);
        JsonNode entry = awaitDelivered(nib);
        assertThat(entry.path("targetId").asText()).isEqualTo("palembang");
        String no = entry.path("targetRef").asText();
        assertThat(palembang.permits().find(no)).isPresent();

        awaitStatus(idIzin, "09");
        LocalPermits.View decided = palembang.advance(no, "SELESAI");

        awaitStatus(idIzin, "50");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> oss.wireMock().verify(1, postRequestedFor(urlPathEqualTo(FINAL))
                .withRequestBody(matchingJsonPath("$.IZINFINAL.id_izin", equalTo(idIzin)))
                .withRequestBody(matchingJsonPath("$.IZINFINAL.nomor_izin", equalTo(decided.noIzin())))
                .withRequestBody(matchingJsonPath("$.IZINFINAL.kd_daerah", equalTo("1671042005")))));
        // 20 and 45 were never seen by a poll: the hub reports what it observes, not steps it missed.
        oss.wireMock().verify(2, postRequestedFor(urlPathEqualTo(STATUS))
                .withRequestBody(matchingJsonPath("$.IZINSTATUS.id_izin", equalTo(idIzin))));
        oss.wireMock().verify(postRequestedFor(urlPathEqualTo(STATUS))
                .withRequestBody(matchingJsonPath("$.IZINSTATUS.id_izin", equalTo(idIzin)))
                .withRequestBody(matchingJsonPath("$.IZINSTATUS.kd_instansi", equalTo("167"))));
    }

    @Test
    void aRejectionInTheTargetIsReportedAsNinetyAndNoFinalPermitIsSent() {
        String nib = "9120301234502";
        String idIzin = "I-202611210915001234502";
        push(banyuasinPermit(nib, idIzin), nib);
        String no = awaitDelivered(nib).path("targetRef").asText();
        awaitStatus(idIzin, "09");

        banyuasin.advance(no, "Ditolak");

        awaitStatus(idIzin, "90");
        oss.wireMock().verify(0, postRequestedFor(urlPathEqualTo(FINAL))
                .withRequestBody(matchingJsonPath("$.IZINFINAL.id_izin", equalTo(idIzin))));
    }

    @Test
    void ossRefusingAStatusInTheBodyIsDeadLetteredWithItsMessageAndThePermitStaysDelivered() {
        // HTTP 200, but the body says 400 — as a string, under the other root-key spelling.
        oss.wireMock().stubFor(statusFor("I-202611210915001234503").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"responreceiveStatusLicense\":{\"kode\":\"400\",\"keterangan\":\"Data izin tidak ditemukan\"}}")));
        String nib = "9120301234503";
        push(banyuasinPermit(nib, "I-202611210915001234503"), nib);
        awaitDelivered(nib);

        Map<String, Object> deadLetter = await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "SELECT * FROM dead_letter WHERE nib = :nib").param("nib", nib).query().listOfRows(),
                rows -> !rows.isEmpty()).get(0);

        assertThat(deadLetter.get("flow")).isEqualTo("oss-status");
        assertThat(deadLetter.get("step")).isEqualTo("delivery-report-status");
        assertThat(deadLetter.get("error_class")).isEqualTo("PERMANENT");
        assertThat(deadLetter.get("id_izin")).isEqualTo("I-202611210915001234503");
        assertThat(deadLetter.get("target_id")).isEqualTo("banyuasin");
        assertThat((String) deadLetter.get("error_message")).contains("kode 400").contains("Data izin tidak ditemukan");
        assertThat(deadLetter.get("attempts")).isEqualTo(1);
        JsonNode entry = Json.tree(ossSender.get("/api/v1/trail?nib=" + nib).body()).path("entries").path(0);
        assertThat(entry.path("entry").path("state").asText()).isEqualTo("DELIVERED");
        assertThat(entry.path("events").toString()).contains("STATUS_DEAD_LETTERED");
    }

    @Test
    void aStatusReportDeadLetteredWhileOssRefusedItReachesOssOnceWhenReplayedAfterOssRecovers() {
        String idIzin = "I-202611210915001234505";
        StubMapping refusing = oss.wireMock().stubFor(statusFor(idIzin).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"responreceiveLicenseStatus\":{\"kode\":400,\"keterangan\":\"Layanan tidak tersedia\"}}")));
        String nib = "9120301234505";
        push(banyuasinPermit(nib, idIzin), nib);
        awaitDelivered(nib);
        long deadLetter = await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "SELECT id FROM dead_letter WHERE id_izin = :i AND step = 'delivery-report-status' AND state = 'WAITING'")
                .param("i", idIzin).query(Long.class).list(), ids -> ids.size() == 1).get(0);
        assertThat(reportState(idIzin, "09")).isEqualTo("DEAD_LETTERED");

        oss.wireMock().removeStubMapping(refusing);
        assertThat(ossSender.postAsAdmin("/api/v1/dead-letters/" + deadLetter + "/replay", "").statusCode())
                .isEqualTo(200);

        awaitSent(idIzin, "09");
        // The refused report and the replayed one; nothing after (the poller does not queue a sent report again).
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                oss.wireMock().verify(2, postRequestedFor(urlPathEqualTo(STATUS))
                        .withRequestBody(matchingJsonPath("$.IZINSTATUS.id_izin", equalTo(idIzin)))));
        assertThat(ossSender.postAsAdmin("/api/v1/dead-letters/" + deadLetter + "/replay", "").statusCode())
                .as("a dead letter is replayed once").isEqualTo(409);
        // The replay is told with the report's other events, in the trail of the version the report is about.
        JsonNode trail = Json.tree(trailOf(nib));
        assertThat(trail.path("entries").path(0).path("events").findValuesAsText("kind"))
                .contains("STATUS_DEAD_LETTERED", "REPLAY_REQUESTED", "STATUS_SENT");
        assertThat(trail.path("otherEvents")).isEmpty();
    }

    @Test
    void aFinalPermitQueuedAheadOfItsStatusStillReachesOssAfterIt() {
        String nib = "9120301234506";
        String idIzin = "I-202611210915001234506";
        push(banyuasinPermit(nib, idIzin), nib);
        String no = awaitDelivered(nib).path("targetRef").asText();
        banyuasin.advance(no, "Selesai");
        awaitStatus(idIzin, "50");
        await().atMost(Duration.ofSeconds(20)).until(() -> reportState(idIzin, "50", "FINAL"), "SENT"::equals);
        // The pair again, in the order a STATUS deferred behind its FINAL (OSS's circuit open) leaves them.
        jdbc.sql("UPDATE status_report SET state = 'PENDING', sent_at = NULL WHERE id_izin = :i AND kd_status = '50'")
                .param("i", idIzin).update();
        oss.wireMock().resetRequests();

        jms.convertAndSend("simpul.delivery.status", "{\"reportId\":" + reportId(idIzin, "FINAL") + "}");
        jms.convertAndSend("simpul.delivery.status", "{\"reportId\":" + reportId(idIzin, "STATUS") + "}");

        await().atMost(Duration.ofSeconds(30)).until(() -> reportState(idIzin, "50", "FINAL"), "SENT"::equals);
        List<String> order = oss.wireMock().getAllServeEvents().stream()
                .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate()))
                .filter(e -> e.getRequest().getBodyAsString().contains(idIzin))
                .map(e -> e.getRequest().getUrl().replaceAll("\\?.*", "")).toList();
        assertThat(order).containsExactly(STATUS, FINAL);
    }

    /**
     * OSS refuses the decision's IZINSTATUS: the IZINFINAL must not reach OSS without it. It is neither sent nor
     * deferred back to the broker again and again while the dead letter waits: it waits, and the trail says for what.
     */
    @Test
    void aFinalPermitWhoseStatusIsInADeadLetterIsNotSentToOssAndWaitsForIt() {
        String nib = "9120301234507";
        String idIzin = "I-202611210915001234507";

        decisionStatusDeadLettered(nib, idIzin);

        finalsStay(idIzin, 0);
        assertThat(reportState(idIzin, "50", "FINAL")).isEqualTo("WAITING");
        assertThat(trailOf(nib)).contains("FINAL_WAITING")
                .contains("IZINFINAL waits for its IZINSTATUS 50, which is in a dead letter: replay or discard it");
    }

    /** The status's dead letter replayed and taken by OSS: then the final, each once, in that order. */
    @Test
    void aFinalPermitWaitingForItsStatusReachesOssOnceRightAfterTheReplayedStatus() {
        String nib = "9120301234508";
        String idIzin = "I-202611210915001234508";
        long deadLetter = decisionStatusDeadLettered(nib, idIzin);
        oss.wireMock().removeStubMapping(refusingDecision);

        assertThat(ossSender.postAsAdmin("/api/v1/dead-letters/" + deadLetter + "/replay", "").statusCode())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> reportState(idIzin, "50", "FINAL"), "SENT"::equals);
        finalsStay(idIzin, 1);
        // 09, 50 refused, 50 replayed, then the final.
        assertThat(callsFor(idIzin)).containsExactly(STATUS + " 09", STATUS + " 50", STATUS + " 50", FINAL + " 50");
        assertThat(trailOf(nib)).contains("FINAL_RELEASED").contains("its IZINSTATUS 50 reached OSS");
    }

    /**
     * The status's dead letter discarded: OSS never gets that step, but the decision and the permit number must
     * still reach it.
     */
    @Test
    void aFinalPermitWaitingForItsStatusReachesOssOnceWhenTheStatusesDeadLetterIsDiscarded() {
        String nib = "9120301234509";
        String idIzin = "I-202611210915001234509";
        long deadLetter = decisionStatusDeadLettered(nib, idIzin);

        assertThat(ossSender.postAsAdmin("/api/v1/dead-letters/" + deadLetter + "/discard",
                "{\"reason\":\"OSS menolak status 50, izin tetap diterbitkan\"}").statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> reportState(idIzin, "50", "FINAL"), "SENT"::equals);
        finalsStay(idIzin, 1);
        assertThat(callsFor(idIzin)).containsExactly(STATUS + " 09", STATUS + " 50", FINAL + " 50");
        assertThat(reportState(idIzin, "50")).isEqualTo("DISCARDED");
        assertThat(trailOf(nib)).contains("FINAL_RELEASED").contains("its IZINSTATUS 50 never reaches OSS");
    }

    private StubMapping refusingDecision;

    /**
     * A permit decided at the office (50, with its number) whose IZINSTATUS 50 OSS refuses; returns that status's
     * dead letter once the final waits for it.
     */
    private long decisionStatusDeadLettered(String nib, String idIzin) {
        refusingDecision = oss.wireMock().stubFor(statusFor(idIzin).withRequestBody(
                        matchingJsonPath("$.IZINSTATUS.kd_status", equalTo("50")))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"responreceiveLicenseStatus\":{\"kode\":400,"
                                + "\"keterangan\":\"Data izin tidak sesuai\"}}")));
        push(banyuasinPermit(nib, idIzin), nib);
        String no = awaitDelivered(nib).path("targetRef").asText();
        awaitStatus(idIzin, "09");
        banyuasin.advance(no, "Selesai");
        long deadLetter = await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "SELECT id FROM dead_letter WHERE id_izin = :i AND step = 'delivery-report-status' AND state = 'WAITING'")
                .param("i", idIzin).query(Long.class).list(), ids -> ids.size() == 1).get(0);
        await().atMost(Duration.ofSeconds(20)).until(() -> reportState(idIzin, "50", "FINAL"), "WAITING"::equals);
        return deadLetter;
    }

    /** OSS got the permit's IZINFINAL this many times, and no more over the next two seconds. */
    private void finalsStay(String idIzin, int times) {
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> oss.wireMock().verify(
                times, postRequestedFor(urlPathEqualTo(FINAL))
                        .withRequestBody(matchingJsonPath("$.IZINFINAL.id_izin", equalTo(idIzin)))));
    }

    /** The receiveLicenseStatus and receiveLicense calls OSS got for this permit, oldest first, as "path kd_status". */
    private List<String> callsFor(String idIzin) {
        return oss.wireMock().getAllServeEvents().stream()
                .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate()))
                .filter(e -> e.getRequest().getUrl().startsWith(STATUS.replace("Status", ""))
                        && e.getRequest().getBodyAsString().contains(idIzin))
                .map(e -> {
                    JsonNode body = Json.tree(e.getRequest().getBodyAsString());
                    String kd = body.has("IZINFINAL") ? body.path("IZINFINAL").path("status_izin").asText()
                            : body.path("IZINSTATUS").path("kd_status").asText();
                    return e.getRequest().getUrl().replaceAll("\\?.*", "") + " " + kd;
                }).toList();
    }

    private long reportId(String idIzin, String kind) {
        return jdbc.sql("SELECT id FROM status_report WHERE id_izin = :i AND kd_status = '50' AND kind = :k")
                .param("i", idIzin).param("k", kind).query(Long.class).single();
    }

    private String reportState(String idIzin, String kdStatus, String kind) {
        return jdbc.sql("SELECT state FROM status_report WHERE id_izin = :i AND kd_status = :k AND kind = :kind")
                .param("i", idIzin).param("k", kdStatus).param("kind", kind).query(String.class).single();
    }

    private String reportState(String idIzin, String kdStatus) {
        return jdbc.sql("SELECT state FROM status_report WHERE id_izin = :i AND kd_status = :k AND kind = 'STATUS'")
                .param("i", idIzin).param("k", kdStatus).query(String.class).single();
    }

    @Test
    void ossFailingWithKodeFiveHundredIsRetriedUntilItAccepts() {
        String idIzin = "I-202611210915001234504";
        oss.wireMock().stubFor(statusFor(idIzin).inScenario("oss-busy").whenScenarioStateIs("Started")
                .willSetStateTo("recovered").willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"responreceiveLicenseStatus\":{\"kode\":500,\"keterangan\":\"Proses gagal\"}}")));
        String nib = "9120301234504";
        push(banyuasinPermit(nib, idIzin), nib);
        awaitDelivered(nib);

        awaitSent(idIzin, "09");

        oss.wireMock().verify(2, postRequestedFor(urlPathEqualTo(STATUS))
                .withRequestBody(matchingJsonPath("$.IZINSTATUS.id_izin", equalTo(idIzin))));
        String trail = trailOf(nib);
        assertThat(trail).contains("STATUS_FAILED").contains("kode 500").contains("STATUS_SENT");
    }

    /** Pushes a receiveNIB as OSS would, after telling the OSS simulator about it (it answers statuses only for permits it knows). */
    private void push(String body, String nib) {
        new OssSimulatorControl(oss.port()).remember(body);
        ossSender.receiveNib(body, nib);
    }

    private static MappingBuilder statusFor(String idIzin) {
        return post(urlPathEqualTo(STATUS)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.IZINSTATUS.id_izin", equalTo(idIzin)));
    }

    private void awaitStatus(String idIzin, String kdStatus) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> oss.wireMock().verify(1,
                postRequestedFor(urlPathEqualTo(STATUS))
                        .withHeader("user_key", equalTo("simulator-user-key"))
                        .withRequestBody(matchingJsonPath("$.IZINSTATUS.id_izin", equalTo(idIzin)))
                        .withRequestBody(matchingJsonPath("$.IZINSTATUS.kd_status", equalTo(kdStatus)))));
        awaitSent(idIzin, kdStatus);
    }

    /** The hub recorded OSS's acceptance of this status. */
    private void awaitSent(String idIzin, String kdStatus) {
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "SELECT COUNT(*) FROM status_report WHERE id_izin = :i AND kd_status = :k AND kind = 'STATUS' AND state = 'SENT'")
                .param("i", idIzin).param("k", kdStatus).query(Long.class).single() == 1);
    }

    private JsonNode awaitDelivered(String nib) {
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> Json.tree(ossSender.get("/api/v1/trail?nib=" + nib).body()).path("entries").path(0).path("entry"),
                e -> "DELIVERED".equals(e.path("state").asText()));
    }

    private String trailOf(String nib) {
        return ossSender.get("/api/v1/trail?nib=" + nib).body();
    }

    private static com.github.tomakehurst.wiremock.matching.StringValuePattern matchingPiaTimestamp() {
        return com.github.tomakehurst.wiremock.client.WireMock.matching("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
    }

    private static String banyuasinPermit(String nib, String idIzin) {
        return Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json")
                .replace("9120301234567", nib)
                .replace("I-202611210915001234567", idIzin);
    }
}
