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
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import id.simpul.platform.json.Json;
import id.simpul.simulator.SiCantikCloudSimulator;
import id.simpul.support.Fixtures;
import id.simpul.support.HubTestSupport;
import id.simpul.support.OssSimulatorControl;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Later versions of a permit the region already has: an update reaches the office as a change (Perubahan), a
 * revocation (tipe_dokumen 3) or cancellation (4) as a withdrawal; from then on the newest registration speaks
 * for the permit, and the office's handling of a withdrawal is not reported to OSS as the permit's status.
 */
class LaterVersionsDeliveryTest extends HubTestSupport {

    private static final String PERMOHONAN = "/api/v1/permohonan";
    private static final String STATUS = "/v1/kl/rba/receiveLicenseStatus";
    private static final String FINAL = "/v1/kl/rba/receiveLicense";

    @Autowired
    @Qualifier("sicantikSimulator")
    SiCantikCloudSimulator banyuasin;

    @Autowired
    JdbcClient jdbc;

    private StubMapping refusingDecision;
    private StubMapping refusingFinal;

    @DynamicPropertySource
    static void pollOften(DynamicPropertyRegistry registry) {
        registry.add("simpul.delivery.poll-interval", () -> "200ms");
    }

    @Test
    void anUpdatedPermitReachesTheOfficeAsPerubahanAndOnlyItsNewRegistrationIsReported() {
        String nib = "9120301234603";
        String idIzin = "I-202611210915001234603";
        String original = original(nib, idIzin);
        String first = deliveredAndReported(nib, idIzin);

        push(original.replace("\"tipe_dokumen \": 9,", "\"tipe_dokumen \": \"5\",")
                .replace("Jl. ", "Jl. Baru "), nib);

        String changed = awaitDelivered(nib, 2).path("targetRef").asText();
        sicantikGot(idIzin, 2, "Perubahan");
        // The changed application starts again at the office, and OSS hears so.
        awaitStatus(idIzin, "09", 2);
        // The office closes the old registration, then decides the new one: one poll reads both rows, so by the
        // time the new one's final permit reaches OSS, a report of the old one would have been recorded.
        banyuasin.advance(first, "Selesai");
        String noIzin = banyuasin.advance(changed, "Selesai").noIzin();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> oss.wireMock().verify(1,
                postRequestedFor(urlPathEqualTo(FINAL))
                        .withRequestBody(matchingJsonPath("$.IZINFINAL.id_izin", equalTo(idIzin)))
                        .withRequestBody(matchingJsonPath("$.IZINFINAL.nomor_izin", equalTo(noIzin)))));

        assertThat(reportsOfVersion(idIzin, 1)).containsExactly("STATUS 09");
        awaitStatus(idIzin, "50", 1);
        oss.wireMock().verify(1, postRequestedFor(urlPathEqualTo(FINAL))
                .withRequestBody(matchingJsonPath("$.IZINFINAL.id_izin", equalTo(idIzin))));
    }

    @Test
    void aChangeToAnIssuedPermitDoesNotTakeItBackToInProcessAtOssAndTheOfficesDecisionOnItIsReported() {
        String nib = "9120301234604";
        String idIzin = "I-202611210915001234604";
        String original = original(nib, idIzin);
        String first = deliveredAndReported(nib, idIzin);
        banyuasin.advance(first, "Selesai");
        awaitStatus(idIzin, "50", 1);

        push(original.replace("\"tipe_dokumen \": 9,", "\"tipe_dokumen \": \"5\",")
                .replace("Jl. ", "Jl. Baru "), nib);

        String changed = awaitDelivered(nib, 2).path("targetRef").asText();
        sicantikGot(idIzin, 2, "Perubahan");
        // The change starts at the office's first step (09); OSS, which shows the permit issued (50), is not told.
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
                        SELECT r.state FROM status_report r JOIN sync_ledger l ON l.id = r.ledger_id
                         WHERE l.id_izin = :i AND l.version = 2 AND r.kd_status = '09'""")
                .param("i", idIzin).query(String.class).optional().orElse(""), "HELD"::equals);
        awaitStatus(idIzin, "09", 1);
        assertThat(ossSender.get("/api/v1/trail?idIzin=" + idIzin).body()).contains("STATUS_HELD");

        String noIzin = banyuasin.advance(changed, "Selesai").noIzin();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> oss.wireMock().verify(1,
                postRequestedFor(urlPathEqualTo(FINAL))
                        .withRequestBody(matchingJsonPath("$.IZINFINAL.id_izin", equalTo(idIzin)))
                        .withRequestBody(matchingJsonPath("$.IZINFINAL.nomor_izin", equalTo(noIzin)))));
        awaitStatus(idIzin, "50", 2);
        awaitStatus(idIzin, "09", 1);
    }

    @Test
    void aChangeAfterARefusalIsANewApplicationAndOssHearsItsSteps() {
        String nib = "9120301234605";
        String idIzin = "I-202611210915001234605";
        String original = original(nib, idIzin);
        String first = deliveredAndReported(nib, idIzin);
        banyuasin.advance(first, "Ditolak");
        awaitStatus(idIzin, "90", 1);

        push(original.replace("\"tipe_dokumen \": 9,", "\"tipe_dokumen \": \"5\",")
                .replace("Jl. ", "Jl. Baru "), nib);

        awaitDelivered(nib, 2);
        awaitStatus(idIzin, "09", 2);
        assertThat(ossSender.get("/api/v1/trail?idIzin=" + idIzin).body()).doesNotContain("STATUS_HELD");
    }

    @Test
    void aHeldStatusNamesTheFurthestStatusOssHasFromTheEarlierVersion() {
        String nib = "9120301234606";
        String idIzin = "I-202611210915001234606";
        String original = original(nib, idIzin);
        String first = deliveredAndReported(nib, idIzin);
        banyuasin.advance(first);
        awaitStatus(idIzin, "20", 1);
        banyuasin.advance(first, "Selesai");
        awaitStatus(idIzin, "50", 1);

        push(original.replace("\"tipe_dokumen \": 9,", "\"tipe_dokumen \": \"5\",")
                .replace("Jl. ", "Jl. Baru "), nib);

        awaitDelivered(nib, 2);
        String held = await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
                        SELECT e.detail FROM trail_event e JOIN sync_ledger l ON l.id = e.ledger_id
                         WHERE l.id_izin = :i AND l.version = 2 AND e.kind = 'STATUS_HELD'""")
                .param("i", idIzin).query(String.class).optional().orElse(""), d -> !d.isEmpty());
        // The trail tells IT staff why OSS was not told: what OSS shows for the permit now, the issued permit.
        assertThat(held).contains("OSS has 50 from an earlier version");
    }

    /**
     * The change's first step is held while the first version's decision is on its way to OSS; OSS refuses that
     * decision, and IT staff discard its dead letters: OSS never gets 50, so the held step is sent after all.
     */
    @Test
    void aStepHeldBehindAnEarlierDecisionIsSentOnceWhenThatDecisionsDeadLettersAreDiscarded() {
        String nib = "9120301234607";
        String idIzin = "I-202611210915001234607";
        heldBehindARefusedDecision(nib, idIzin);

        discardTheDecision(idIzin);

        await().atMost(Duration.ofSeconds(20)).until(() -> reportState(idIzin, 2, "09"), "SENT"::equals);
        // v1's 09 and, now, v2's; once each.
        staysSent(idIzin, "09", 2);
        assertThat(reportState(idIzin, 1, "50")).isEqualTo("DISCARDED");
        assertThat(ossSender.get("/api/v1/trail?idIzin=" + idIzin).body()).contains("STATUS_RELEASED")
                .contains("50 of version 1 never reaches OSS");
    }

    /** The first version's decision replayed and taken by OSS after all: the change's steps stay held. */
    @Test
    void aStepHeldBehindAnEarlierDecisionStaysHeldWhenThatDecisionIsReplayedAndReachesOss() {
        String nib = "9120301234608";
        String idIzin = "I-202611210915001234608";
        heldBehindARefusedDecision(nib, idIzin);
        oss.wireMock().removeStubMapping(refusingDecision);
        oss.wireMock().removeStubMapping(refusingFinal);

        for (long deadLetter : waitingReportDeadLetters(idIzin)) {
            assertThat(ossSender.postAsAdmin("/api/v1/dead-letters/" + deadLetter + "/replay", "").statusCode())
                    .isEqualTo(200);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> reportState(idIzin, 1, "50"), "SENT"::equals);
        await().atMost(Duration.ofSeconds(20)).until(() -> finalState(idIzin, 1), "SENT"::equals);
        staysSent(idIzin, "09", 1);
        assertThat(reportState(idIzin, 2, "09")).isEqualTo("HELD");
        assertThat(ossSender.get("/api/v1/trail?idIzin=" + idIzin).body()).doesNotContain("STATUS_RELEASED");
    }

    /**
     * Steps the office takes while the earlier decision's dead letter waits for IT staff are held too (they may
     * replay it); once it is discarded, OSS hears the office's latest step only, not the older ones after it.
     */
    @Test
    void onlyTheNewestHeldStepIsSentWhenTheEarlierDecisionIsDiscarded() {
        String nib = "9120301234610";
        String idIzin = "I-202611210915001234610";
        String changed = heldBehindARefusedDecision(nib, idIzin);
        banyuasin.advance(changed);
        await().atMost(Duration.ofSeconds(20)).until(() -> reportState(idIzin, 2, "20"), "HELD"::equals);

        discardTheDecision(idIzin);

        await().atMost(Duration.ofSeconds(20)).until(() -> reportState(idIzin, 2, "20"), "SENT"::equals);
        assertThat(reportState(idIzin, 2, "09")).isEqualTo("HELD");
        oss.wireMock().verify(1, postRequestedFor(urlPathEqualTo(STATUS))
                .withRequestBody(matchingJsonPath("$.IZINSTATUS.id_izin", equalTo(idIzin)))
                .withRequestBody(matchingJsonPath("$.IZINSTATUS.kd_status", equalTo("09"))));
        assertThat(ossSender.get("/api/v1/trail?idIzin=" + idIzin).body())
                .contains("the earlier held 09 stay unsent");
    }

    @Test
    void aRevokedPermitReachesTheOfficeAsPencabutanAndNothingOfItIsReportedToOssAsIssued() {
        String marker = deliveredAndReported("9120301234609", "I-202611210915001234609");
        String nib = "9120301234601";
        String idIzin = "I-202611210915001234601";
        String original = original(nib, idIzin);
        String first = deliveredAndReported(nib, idIzin);
        sicantikGot(idIzin, 1, "Baru");

        push(original.replace("\"tipe_dokumen \": 9,", "\"tipe_dokumen \": \"3\","), nib);

        JsonNode revocation = awaitDelivered(nib, 2);
        sicantikGot(idIzin, 2, "Pencabutan");
        assertThat(revocation.path("targetRef").asText()).isNotEqualTo(first);
        assertThat(banyuasin.permits().find(revocation.path("targetRef").asText()).orElseThrow()
                .permit().field("jenis_permohonan")).isEqualTo("Pencabutan");

        // The office completes the withdrawal and closes the original; then the marker moves, so a whole poll
        // has read both rows (one poll reads every row) before the assertions below.
        banyuasin.advance(revocation.path("targetRef").asText(), "Selesai");
        banyuasin.advance(first, "Selesai");
        banyuasin.advance(marker);
        awaitStatus("I-202611210915001234609", "20", 1);

        assertThat(reportsOfVersion(idIzin, 2)).isEmpty();
        assertThat(reportsOfVersion(idIzin, 1)).containsExactly("STATUS 09");
        oss.wireMock().verify(1, postRequestedFor(urlPathEqualTo(STATUS))
                .withRequestBody(matchingJsonPath("$.IZINSTATUS.id_izin", equalTo(idIzin))));
        oss.wireMock().verify(0, postRequestedFor(urlPathEqualTo(FINAL))
                .withRequestBody(matchingJsonPath("$.IZINFINAL.id_izin", equalTo(idIzin))));
    }

    @Test
    void aCancelledPermitReachesTheOfficeAsPembatalan() {
        String nib = "9120301234602";
        String idIzin = "I-202611210915001234602";
        String original = original(nib, idIzin);
        push(original, nib);
        awaitDelivered(nib, 1);

        push(original.replace("\"tipe_dokumen \": 9,", "\"tipe_dokumen \": \"4\","), nib);

        awaitDelivered(nib, 2);
        sicantikGot(idIzin, 2, "Pembatalan");
        JsonNode canonical = StreamSupport.stream(Json.tree(ossSender.get("/api/v1/trail?nib=" + nib).body())
                        .path("entries").spliterator(), false)
                .filter(e -> e.path("entry").path("version").asInt() == 2).findFirst().orElseThrow().path("canonical");
        assertThat(canonical.path("source").path("documentType").asText()).isEqualTo("CANCELLATION");
    }

    /**
     * The first version decided at the office while OSS takes its time over that decision's IZINSTATUS 50 and then
     * refuses it (and would refuse its IZINFINAL too); the change is delivered meanwhile and its first step (09)
     * held behind the decision still pending. Returns the change's number at the office once the status is
     * dead-lettered and the final waits for it.
     */
    private String heldBehindARefusedDecision(String nib, String idIzin) {
        String original = original(nib, idIzin);
        String first = deliveredAndReported(nib, idIzin);
        String refusal = "{\"responreceiveLicenseStatus\":{\"kode\":400,\"keterangan\":\"Data izin tidak sesuai\"}}";
        refusingDecision = oss.wireMock().stubFor(post(urlPathEqualTo(STATUS)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.IZINSTATUS.id_izin", equalTo(idIzin)))
                .withRequestBody(matchingJsonPath("$.IZINSTATUS.kd_status", equalTo("50")))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withFixedDelay(4000).withBody(refusal)));
        refusingFinal = oss.wireMock().stubFor(post(urlPathEqualTo(FINAL)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.IZINFINAL.id_izin", equalTo(idIzin)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(refusal.replace("receiveLicenseStatus", "receiveLicense"))));
        banyuasin.advance(first, "Selesai");
        await().atMost(Duration.ofSeconds(20)).until(() -> reportState(idIzin, 1, "50"), "PENDING"::equals);

        push(original.replace("\"tipe_dokumen \": 9,", "\"tipe_dokumen \": \"5\",")
                .replace("Jl. ", "Jl. Baru "), nib);

        String changed = awaitDelivered(nib, 2).path("targetRef").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> reportState(idIzin, 2, "09"), "HELD"::equals);
        await().atMost(Duration.ofSeconds(20)).until(() -> waitingReportDeadLetters(idIzin).size() == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> finalState(idIzin, 1), "WAITING"::equals);
        return changed;
    }

    /**
     * IT staff discard the decision's IZINSTATUS; its IZINFINAL, which waited for it, then goes to OSS, which
     * refuses it too, and they discard that as well: OSS never gets the first version's decision.
     */
    private void discardTheDecision(String idIzin) {
        discard(waitingReportDeadLetters(idIzin));
        await().atMost(Duration.ofSeconds(20)).until(() -> finalState(idIzin, 1), "DEAD_LETTERED"::equals);
        List<Long> finalDeadLetter = await().atMost(Duration.ofSeconds(20))
                .until(() -> waitingReportDeadLetters(idIzin), ids -> ids.size() == 1);
        oss.wireMock().removeStubMapping(refusingFinal);
        discard(finalDeadLetter);
    }

    private void discard(List<Long> deadLetters) {
        for (long deadLetter : deadLetters) {
            assertThat(ossSender.postAsAdmin("/api/v1/dead-letters/" + deadLetter + "/discard",
                    "{\"reason\":\"OSS menolak, izin diproses ulang lewat perubahan\"}").statusCode()).isEqualTo(200);
        }
    }

    /** The state of a version's IZINFINAL report, empty while there is none. */
    private String finalState(String idIzin, int version) {
        return jdbc.sql("""
                        SELECT r.state FROM status_report r JOIN sync_ledger l ON l.id = r.ledger_id
                         WHERE l.id_izin = :i AND l.version = :v AND r.kind = 'FINAL'""")
                .param("i", idIzin).param("v", version).query(String.class).optional().orElse("");
    }

    /** OSS got this status of the permit this many times, and no more over the next two seconds. */
    private void staysSent(String idIzin, String kdStatus, int times) {
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> oss.wireMock().verify(
                times, postRequestedFor(urlPathEqualTo(STATUS))
                        .withRequestBody(matchingJsonPath("$.IZINSTATUS.id_izin", equalTo(idIzin)))
                        .withRequestBody(matchingJsonPath("$.IZINSTATUS.kd_status", equalTo(kdStatus)))));
    }

    private List<Long> waitingReportDeadLetters(String idIzin) {
        return jdbc.sql("""
                        SELECT id FROM dead_letter WHERE id_izin = :i AND step = 'delivery-report-status'
                           AND state = 'WAITING' ORDER BY id""")
                .param("i", idIzin).query(Long.class).list();
    }

    /** The state of a version's IZINSTATUS report with this code, empty while there is none. */
    private String reportState(String idIzin, int version, String kdStatus) {
        return jdbc.sql("""
                        SELECT r.state FROM status_report r JOIN sync_ledger l ON l.id = r.ledger_id
                         WHERE l.id_izin = :i AND l.version = :v AND r.kind = 'STATUS' AND r.kd_status = :k""")
                .param("i", idIzin).param("v", version).param("k", kdStatus).query(String.class).optional().orElse("");
    }

    /**
     * The first version of a permit pushed, delivered and reported to OSS at 09; its number at the office. As a
     * marker, another permit: moving it later proves a poll ran after a test's own moves.
     */
    private String deliveredAndReported(String nib, String idIzin) {
        push(original(nib, idIzin), nib);
        String ref = awaitDelivered(nib, 1).path("targetRef").asText();
        awaitStatus(idIzin, "09", 1);
        return ref;
    }

    /** The reports recorded for one version of a permit, as "KIND kd_status". */
    private java.util.List<String> reportsOfVersion(String idIzin, int version) {
        return jdbc.sql("SELECT r.kind, r.kd_status FROM status_report r JOIN sync_ledger l ON l.id = r.ledger_id"
                        + " WHERE l.id_izin = :i AND l.version = :v ORDER BY r.id")
                .param("i", idIzin).param("v", version)
                .query((rs, n) -> rs.getString("kind") + " " + rs.getString("kd_status")).list();
    }

    /** The fixture push as a first version (tipe_dokumen 9) of another permit. */
    private static String original(String nib, String idIzin) {
        return Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json")
                .replace("9120301234567", nib).replace("I-202611210915001234567", idIzin);
    }

    private void sicantikGot(String idIzin, int version, String jenisPermohonan) {
        sicantik.wireMock().verify(1, postRequestedFor(urlPathEqualTo(PERMOHONAN))
                .withHeader("Idempotency-Key", equalTo("simpul:" + idIzin + ":v" + version))
                .withRequestBody(matchingJsonPath("$.id_izin_oss", equalTo(idIzin)))
                .withRequestBody(matchingJsonPath("$.jenis_permohonan", equalTo(jenisPermohonan))));
    }

    /** As OSS would: the simulator learns the NIB first (it answers statuses only for permits it knows). */
    private void push(String body, String nib) {
        new OssSimulatorControl(oss.port()).remember(body);
        ossSender.receiveNib(body, nib);
    }

    private JsonNode awaitDelivered(String nib, int version) {
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> StreamSupport.stream(Json.tree(ossSender.get("/api/v1/trail?nib=" + nib).body())
                                .path("entries").spliterator(), false)
                        .map(e -> e.path("entry"))
                        .filter(e -> e.path("version").asInt() == version).findFirst().orElse(null),
                e -> e != null && "DELIVERED".equals(e.path("state").asText()));
    }

    private void awaitStatus(String idIzin, String kdStatus, int times) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> oss.wireMock().verify(times,
                postRequestedFor(urlPathEqualTo(STATUS))
                        .withRequestBody(matchingJsonPath("$.IZINSTATUS.id_izin", equalTo(idIzin)))
                        .withRequestBody(matchingJsonPath("$.IZINSTATUS.kd_status", equalTo(kdStatus)))));
    }
}
