package id.simpul.reconciliation.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.canonical.PermitStatus;
import id.simpul.delivery.HubStatusReports;
import id.simpul.intake.NibIntake;
import id.simpul.platform.SimpulProperties;
import id.simpul.platform.json.Json;
import id.simpul.platform.ledger.SyncLedger;
import id.simpul.support.AuditOutage;
import id.simpul.support.Fixtures;
import id.simpul.support.HubTestSupport;
import id.simpul.support.OssSimulatorControl;
import id.simpul.platform.security.StoredPayloads;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A seeded scenario with one discrepancy of each category the hub can see, and each one-call fix. */
class ReconciliationTest extends HubTestSupport {

    @Autowired
    JdbcClient jdbc;


    @Autowired

    StoredPayloads payloads;

    @Autowired
    SimpulProperties properties;

    @Autowired
    Clock clock;

    @Autowired
    NibIntake nibIntake;

    @Autowired
    HubStatusReports izinStatus;

    @Autowired
    SyncLedger ledger;

    @Test
    void eachPlantedDiscrepancyIsFoundAndEachOneCallFixClearsIt() {
        // WAITING_IN_DLQ: the target refused, then recovered.
        String dlqNib = "9120301232001";
        sicantik.wireMock().stubFor(post(urlPathEqualTo("/api/v1/permohonan")).atPriority(1)
                .willReturn(aResponse().withStatus(422).withBody("{\"success\":false,\"message\":\"ditolak\"}")));
        push(dlqNib, "I-RECON-DLQ");
        awaitState(dlqNib, "DEAD_LETTERED");
        sicantik.resetStubs();

        // IN_OSS_NOT_AT_TARGET: a version received long ago that never reached the target.
        String stuckNib = "9120301232002";
        push(stuckNib, "I-RECON-STUCK");
        awaitState(stuckNib, "DELIVERED");
        String canonical = payloads.seal(payloads.open(jdbc.sql("SELECT canonical FROM sync_ledger WHERE nib = :n")
                .param("n", stuckNib).query(String.class).single()).replace("I-RECON-STUCK", "I-RECON-STUCK-2"));
        jdbc.sql("""
                INSERT INTO sync_ledger (flow, nib, id_izin, version, content_hash, state, attempts, canonical, kd_daerah,
                                         received_at, updated_at)
                VALUES ('oss-nib', :nib, 'I-RECON-STUCK-2', 1, 'planted', 'RECEIVED', 0, :c, '1607112003', :t, :t)""")
                .param("nib", stuckNib).param("c", canonical)
                .param("t", Timestamp.from(clock.instant().minus(Duration.ofHours(2)))).update();

        // STATUS_DIFFERS: the region reported 50 (approved) but OSS never took it.
        String statusNib = "9120301232003";
        String statusPush = permit(statusNib, "I-RECON-STATUS");
        ossSender.receiveNib(statusPush, statusNib);
        awaitState(statusNib, "DELIVERED");
        new OssSimulatorControl(oss.port()).remember(statusPush);
        long ledgerId = jdbc.sql("SELECT id FROM sync_ledger WHERE nib = :n").param("n", statusNib).query(Long.class).single();
        jdbc.sql("""
                INSERT INTO status_report (ledger_id, target_id, target_ref, nib, id_izin, kind, kd_status, payload,
                                           state, attempts, oss_kode, created_at, updated_at, sent_at)
                VALUES (:l, 'banyuasin', 'SC-LOST', :n, 'I-RECON-STATUS', 'STATUS', '50', '{}', 'SENT', 1, '200', :t, :t, :t)""")
                .param("l", ledgerId).param("n", statusNib).param("t", Timestamp.from(clock.instant())).update();

        // STUCK_PAST_SLA: open for 40 days.
        jdbc.sql("""
                INSERT INTO sync_ledger (flow, nib, id_izin, version, content_hash, state, attempts, canonical, kd_daerah,
                                         received_at, updated_at)
                VALUES ('oss-nib', '9120301232004', 'I-RECON-SLA', 1, 'planted-sla', 'DELIVERED', 1,
                        '{"permit":{"kdIzin":"011000000099"}}', '1607112003', :t, :t)""")
                .param("t", Timestamp.from(clock.instant().minus(Duration.ofDays(40)))).update();

        // AT_TARGET_UNKNOWN_TO_OSS: a clerk registered a permit straight into SiCantik.
        registerLocallyOnly("I-RECON-LOCAL");

        JsonNode run = Json.tree(ossSender.postAsAdmin("/api/v1/reconciliation/runs", "").body());
        assertThat(categoriesOf(run, "I-RECON-LOCAL")).containsExactly("AT_TARGET_UNKNOWN_TO_OSS");
        assertThat(itemOf(run, "I-RECON-LOCAL").path("detail").asText())
                .as("OSS does not know it either: registered at the office, not lost with a restore")
                .contains("the hub's ledger does not hold").contains("OSS does not know it either")
                .doesNotContain("OSS never routed");
        assertThat(categoriesOf(run, "I-RECON-DLQ")).containsExactly("WAITING_IN_DLQ");
        assertThat(categoriesOf(run, "I-RECON-STUCK-2")).containsExactly("IN_OSS_NOT_AT_TARGET");
        assertThat(categoriesOf(run, "I-RECON-STATUS")).containsExactly("STATUS_DIFFERS");
        assertThat(categoriesOf(run, "I-RECON-SLA")).containsExactly("STUCK_PAST_SLA");
        assertThat(ossSender.get("/actuator/prometheus").body())
                .containsPattern("simpul_reconciliation_discrepancies\\{[^}]*category=\"waiting_in_dlq\"[^}]*} [1-9]");
        JsonNode listed = Json.tree(ossSender.get("/api/v1/reconciliation/runs").body()).get(0);
        assertThat(listed.path("id").asLong()).isEqualTo(run.path("id").asLong());
        for (String field : List.of("trigger", "actor", "state", "startedAt", "finishedAt", "summary")) {
            // The list names a run's fields as the run itself does, with the same ISO times.
            assertThat(listed.path(field)).as(field).isEqualTo(run.path(field));
        }
        String csv = ossSender.get("/api/v1/reconciliation/runs/" + run.path("id").asLong() + ".csv").body();
        assertThat(csv).startsWith("item,category,").contains("I-RECON-STATUS").contains("STATUS_DIFFERS");

        long runId = run.path("id").asLong();
        for (String idIzin : List.of("I-RECON-DLQ", "I-RECON-STUCK-2", "I-RECON-STATUS")) {
            long item = itemOf(run, idIzin).path("id").asLong();
            assertThat(ossSender.postAsAdmin("/api/v1/reconciliation/runs/" + runId + "/items/" + item + "/fix", "")
                    .statusCode()).as(idIzin).isEqualTo(200);
            assertThat(ossSender.postAsAdmin("/api/v1/reconciliation/runs/" + runId + "/items/" + item + "/fix", "")
                    .statusCode()).as("a fix is applied once").isEqualTo(409);
        }
        long slaItem = itemOf(run, "I-RECON-SLA").path("id").asLong();
        assertThat(ossSender.postAsAdmin("/api/v1/reconciliation/runs/" + runId + "/items/" + slaItem + "/fix", "")
                .statusCode()).as("past the service standard needs a person").isEqualTo(409);

        awaitState(dlqNib, "DELIVERED");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT state FROM sync_ledger WHERE id_izin = 'I-RECON-STUCK-2'").query(String.class).single(), "DELIVERED"::equals);
        JsonNode again = Json.tree(ossSender.postAsAdmin("/api/v1/reconciliation/runs", "").body());
        assertThat(categoriesOf(again, "I-RECON-DLQ")).isEmpty();
        assertThat(categoriesOf(again, "I-RECON-STUCK-2")).isEmpty();
        assertThat(categoriesOf(again, "I-RECON-STATUS")).isEmpty();
        assertThat(categoriesOf(again, "I-RECON-SLA")).containsExactly("STUCK_PAST_SLA");
    }

    @Test
    void aStatusFixFromARunOlderThanTheRegionsNewestStatusIsRefusedAndOssHearsNothing() {
        String nib = "9120301232005";
        String idIzin = "I-RECON-STALE";
        long ledgerId = deliveredWithStatusSent(nib, idIzin, "42");
        JsonNode run = Json.tree(ossSender.postAsAdmin("/api/v1/reconciliation/runs", "").body());
        assertThat(categoriesOf(run, idIzin)).containsExactly("STATUS_DIFFERS");
        // After the run the region decided the permit, and back-sync brought OSS the decision.
        sentStatus(ledgerId, nib, idIzin, "50", clock.instant().plusSeconds(1));
        oss.wireMock().resetRequests();

        long item = itemOf(run, idIzin).path("id").asLong();
        var fix = ossSender.postAsAdmin("/api/v1/reconciliation/runs/" + run.path("id").asLong() + "/items/" + item
                + "/fix", "");

        assertThat(fix.statusCode()).isEqualTo(409);
        assertThat(fix.body()).contains("is now 50");
        assertThat(oss.wireMock().findAll(postRequestedFor(urlPathEqualTo("/v1/kl/rba/receiveLicenseStatus"))
                .withRequestBody(containing(idIzin)))).isEmpty();
    }

    /**
     * A store upgraded from before discards released held steps: the change's first step (09) was held behind the
     * first version's 50, whose dead letter was discarded then. Nothing holds it any more, OSS shows 09 of the first
     * version as the hub sent it last (no STATUS_DIFFERS), and the run is where IT staff see it and send it.
     */
    @Test
    void aHeldStepNothingHoldsAnyMoreIsListedAndItsFixSendsItToOssOnce() {
        String nib = "9120301232010";
        String idIzin = "I-RECON-HELD";
        String push = permit(nib, idIzin);
        new OssSimulatorControl(oss.port()).remember(push);
        ossSender.receiveNib(push, nib);
        awaitState(nib, "DELIVERED");
        long first = jdbc.sql("SELECT id FROM sync_ledger WHERE id_izin = :i").param("i", idIzin).query(Long.class).single();
        String payload = Json.write(izinStatus.izinStatus(ledger.get(first), PermitStatus.of(nib, idIzin, "09",
                "banyuasin SC-CHANGE: PENDAFTARAN", null, PermitStatus.timestamp(clock.instant()), "target:banyuasin")));
        jdbc.sql("""
                INSERT INTO sync_ledger (flow, nib, id_izin, oss_id, kd_daerah, version, content_hash, state, target_id,
                                         target_ref, attempts, canonical, received_at, updated_at, delivered_at)
                SELECT flow, nib, id_izin, oss_id, kd_daerah, 2, 'planted-change', state, target_id, 'SC-CHANGE',
                       attempts, canonical, received_at, updated_at, delivered_at FROM sync_ledger WHERE id = :l""")
                .param("l", first).update();
        long change = jdbc.sql("SELECT id FROM sync_ledger WHERE id_izin = :i AND version = 2").param("i", idIzin)
                .query(Long.class).single();
        plantReport(first, nib, idIzin, "50", "{}", "DISCARDED");
        plantReport(change, nib, idIzin, "09", payload, "HELD");

        JsonNode run = Json.tree(ossSender.postAsAdmin("/api/v1/reconciliation/runs", "").body());
        assertThat(categoriesOf(run, idIzin)).containsExactly("STATUS_HELD");
        JsonNode item = itemOf(run, idIzin);
        assertThat(item.path("fix").asText()).isEqualTo("RELEASE_HELD");
        assertThat(item.path("detail").asText()).contains("kd_status 09").contains("of version 2 is held");
        String fix = "/api/v1/reconciliation/runs/" + run.path("id").asLong() + "/items/" + item.path("id").asLong()
                + "/fix";
        assertThat(ossSender.postAsAdmin(fix, "").statusCode()).isEqualTo(200);
        assertThat(ossSender.postAsAdmin(fix, "").statusCode()).as("a fix is applied once").isEqualTo(409);

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT state FROM status_report WHERE ledger_id = :l AND kd_status = '09'").param("l", change)
                .query(String.class).single(), "SENT"::equals);
        // The change's 09, once (a back-sync poll may meanwhile report the first version's 09, which says nothing of
        // SC-CHANGE).
        assertThat(oss.wireMock().findAll(postRequestedFor(urlPathEqualTo("/v1/kl/rba/receiveLicenseStatus"))
                .withRequestBody(containing(idIzin)).withRequestBody(containing("SC-CHANGE")))).hasSize(1);
        assertThat(ossSender.get("/api/v1/trail?idIzin=" + idIzin).body()).contains("STATUS_RELEASED");
        JsonNode again = Json.tree(ossSender.postAsAdmin("/api/v1/reconciliation/runs", "").body());
        assertThat(categoriesOf(again, idIzin)).doesNotContain("STATUS_HELD");
    }

    /**
     * A decided permit waiting for its IZINSTATUS, which left its dead letter some other way than a send or a discard
     * (those release the final): nothing releases it, and the run is where IT staff see it and send it.
     */
    @Test
    void aFinalWaitingForAStatusNoLongerInADeadLetterIsListedAndItsFixSendsItToOssOnce() {
        String nib = "9120301232011";
        String idIzin = "I-RECON-FINAL";
        String push = permit(nib, idIzin);
        new OssSimulatorControl(oss.port()).remember(push);
        ossSender.receiveNib(push, nib);
        awaitState(nib, "DELIVERED");
        long version = jdbc.sql("SELECT id FROM sync_ledger WHERE id_izin = :i").param("i", idIzin).query(Long.class)
                .single();
        // Its status discarded by hand in the store: no discard of the hub released the final.
        plantReport(version, nib, idIzin, "50", "{}", "DISCARDED");
        jdbc.sql("""
                INSERT INTO status_report (ledger_id, target_id, target_ref, nib, id_izin, kind, kd_status, payload,
                                           state, attempts, created_at, updated_at)
                VALUES (:l, 'banyuasin', 'SC-1', :n, :i, 'FINAL', '50', :p, 'WAITING', 0, :t, :t)""")
                .param("l", version).param("n", nib).param("i", idIzin)
                .param("p", "{\"IZINFINAL\":{\"nib\":\"" + nib + "\",\"id_izin\":\"" + idIzin
                        + "\",\"status_izin\":\"50\",\"nomor_izin\":\"503/RECON/1\"}}")
                .param("t", Timestamp.from(clock.instant())).update();

        JsonNode run = Json.tree(ossSender.postAsAdmin("/api/v1/reconciliation/runs", "").body());
        assertThat(categoriesOf(run, idIzin)).contains("FINAL_WAITING");
        JsonNode item = StreamSupport.stream(run.path("items").spliterator(), false)
                .filter(i -> "FINAL_WAITING".equals(i.path("category").asText())
                        && idIzin.equals(i.path("idIzin").asText())).findFirst().orElseThrow();
        assertThat(item.path("fix").asText()).isEqualTo("SEND_FINAL");
        assertThat(item.path("detail").asText()).contains("IZINFINAL 50").contains("no longer in a dead letter");
        String fix = "/api/v1/reconciliation/runs/" + run.path("id").asLong() + "/items/" + item.path("id").asLong()
                + "/fix";
        assertThat(ossSender.postAsAdmin(fix, "").statusCode()).isEqualTo(200);
        assertThat(ossSender.postAsAdmin(fix, "").statusCode()).as("a fix is applied once").isEqualTo(409);

        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT state FROM status_report WHERE ledger_id = :l AND kind = 'FINAL'").param("l", version)
                .query(String.class).single(), "SENT"::equals);
        assertThat(oss.wireMock().findAll(postRequestedFor(urlPathEqualTo("/v1/kl/rba/receiveLicense"))
                .withRequestBody(containing(idIzin)))).hasSize(1);
        assertThat(ossSender.get("/api/v1/trail?idIzin=" + idIzin).body()).contains("FINAL_RELEASED");
        JsonNode again = Json.tree(ossSender.postAsAdmin("/api/v1/reconciliation/runs", "").body());
        assertThat(categoriesOf(again, idIzin)).doesNotContain("FINAL_WAITING");
    }

    private void plantReport(long ledgerId, String nib, String idIzin, String kdStatus, String payload, String state) {
        jdbc.sql("""
                INSERT INTO status_report (ledger_id, target_id, target_ref, nib, id_izin, kind, kd_status, payload,
                                           state, attempts, created_at, updated_at)
                VALUES (:l, 'banyuasin', 'SC-1', :n, :i, 'STATUS', :k, :p, :s, 0, :t, :t)""")
                .param("l", ledgerId).param("n", nib).param("i", idIzin).param("k", kdStatus).param("p", payload)
                .param("s", state).param("t", Timestamp.from(clock.instant())).update();
    }

    @Test
    void aFixTheAuditLogCannotRecordIsNotAppliedAndTheItemStaysOpen() {
        String nib = "9120301232006";
        String idIzin = "I-RECON-AUDIT";
        deliveredWithStatusSent(nib, idIzin, "50");
        JsonNode run = Json.tree(ossSender.postAsAdmin("/api/v1/reconciliation/runs", "").body());
        long item = itemOf(run, idIzin).path("id").asLong();
        oss.wireMock().resetRequests();

        int status = AuditOutage.during(jdbc, () -> ossSender.postAsAdmin("/api/v1/reconciliation/runs/"
                + run.path("id").asLong() + "/items/" + item + "/fix", "").statusCode());

        assertThat(status).isEqualTo(500);
        assertThat(oss.wireMock().findAll(postRequestedFor(urlPathEqualTo("/v1/kl/rba/receiveLicenseStatus"))
                .withRequestBody(containing(idIzin)))).as("nothing left the hub").isEmpty();
        assertThat(jdbc.sql("SELECT state FROM reconciliation_item WHERE id = :id").param("id", item)
                .query(String.class).single()).isEqualTo("OPEN");
    }

    @Test
    void aStatusFixSendsOssTheWholeIzinStatusAsBackSyncDoes() {
        String nib = "9120301232007";
        String idIzin = "I-RECON-WHOLE";
        deliveredWithStatusSent(nib, idIzin, "42");
        JsonNode run = Json.tree(ossSender.postAsAdmin("/api/v1/reconciliation/runs", "").body());
        long item = itemOf(run, idIzin).path("id").asLong();
        oss.wireMock().resetRequests();

        var fix = ossSender.postAsAdmin("/api/v1/reconciliation/runs/" + run.path("id").asLong() + "/items/" + item
                + "/fix", "");

        assertThat(fix.statusCode()).as(fix.body()).isEqualTo(200);
        var sent = oss.wireMock().findAll(postRequestedFor(urlPathEqualTo("/v1/kl/rba/receiveLicenseStatus"))
                .withRequestBody(containing(idIzin)));
        assertThat(sent).hasSize(1);
        JsonNode izinStatus = Json.tree(sent.get(0).getBodyAsString()).path("IZINSTATUS");
        // PIA receiveLicenseStatus field table: every field but persetujuan_form, file_lampiran, data_pnbp.
        assertThat(izinStatus.fieldNames()).toIterable().contains("nib", "id_produk", "id_proyek", "oss_id", "id_izin",
                "kd_izin", "kd_instansi", "kd_status", "tgl_status", "nip_status", "nama_status", "keterangan");
        assertThat(izinStatus.path("kd_izin").asText()).isEqualTo("011000000001");
        assertThat(izinStatus.path("id_proyek").asText()).isEqualTo("R-202611210915000000777");
        assertThat(izinStatus.path("kd_instansi").asText()).isEqualTo("160");
        assertThat(izinStatus.path("kd_status").asText()).isEqualTo("42");
        assertThat(izinStatus.path("tgl_status").asText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
    }

    @Test
    void ossAnswerToAStatusReSentByAFixIsKeptInTheTrailWithTheNikAndPhoneItQuotesMasked() {
        String nib = "9120301232099";
        String idIzin = "I-RECON-MASKED";
        long ledgerId = deliveredWithStatusSent(nib, idIzin, "42");
        var quoting = oss.wireMock().stubFor(post(urlPathEqualTo("/v1/kl/rba/receiveLicenseStatus")).atPriority(1)
                .withRequestBody(containing(idIzin))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"responreceiveLicenseStatus\":{\"kode\":200,\"keterangan\":\"Diterima untuk NIK "
                                + "1607111204780003, telp 081277889900\"}}")));
        try {
            JsonNode run = Json.tree(ossSender.postAsAdmin("/api/v1/reconciliation/runs", "").body());

            assertThat(applyFix(run, idIzin).statusCode()).isEqualTo(200);

            assertThat(ledger.events(ledgerId)).filteredOn(e -> e.kind().equals("STATUS_SENT"))
                    .extracting(e -> e.detail()).singleElement().asString()
                    .endsWith("OSS answered kode 200: Diterima untuk NIK 1607**********03, telp *********900");
        } finally {
            oss.wireMock().removeStub(quoting);
        }
    }

    /**
     * OSS issued the permit (58) after the region's approval (50) reached it: re-sending 50 would take OSS back.
     * The run reports it for a person instead of offering the re-send, and the fix sends nothing.
     */
    @Test
    void aStatusOssHasMovedPastIsReportedForAPersonAndNeverReSent() {
        String nib = "9120301232008";
        String idIzin = "I-RECON-AHEAD";
        deliveredWithStatusSent(nib, idIzin, "50");
        var issued = oss.wireMock().stubFor(ossShows(idIzin, "58"));
        try {
            JsonNode run = Json.tree(ossSender.postAsAdmin("/api/v1/reconciliation/runs", "").body());
            JsonNode item = itemOf(run, idIzin);
            oss.wireMock().resetRequests();

            var fix = applyFix(run, idIzin);

            assertThat(statusesSentToOss(idIzin)).as("OSS is not taken back to 50").isEmpty();
            assertThat(item.path("category").asText()).isEqualTo("STATUS_DIFFERS");
            assertThat(item.path("fix").asText()).isEqualTo("NONE");
            assertThat(item.path("detail").asText()).contains("OSS shows kd_status 58").contains("ahead");
            assertThat(fix.statusCode()).isEqualTo(409);
        } finally {
            oss.wireMock().removeStub(issued);
        }
    }

    /** The run offered the re-send while OSS still showed 09; when the fix is applied OSS shows 58: refused. */
    @Test
    void aReSendOfferedBeforeOssMovedPastTheStatusIsRefusedWhenApplied() {
        String nib = "9120301232009";
        String idIzin = "I-RECON-OVERTAKEN";
        deliveredWithStatusSent(nib, idIzin, "50");
        JsonNode run = Json.tree(ossSender.postAsAdmin("/api/v1/reconciliation/runs", "").body());
        JsonNode item = itemOf(run, idIzin);
        assertThat(item.path("fix").asText()).as(item.toString()).isEqualTo("RESEND_STATUS");
        var issued = oss.wireMock().stubFor(ossShows(idIzin, "58"));
        try {
            oss.wireMock().resetRequests();

            var fix = applyFix(run, idIzin);

            assertThat(statusesSentToOss(idIzin)).as("OSS is not taken back to 50").isEmpty();
            assertThat(fix.statusCode()).isEqualTo(409);
            assertThat(fix.body()).contains("58");
            assertThat(jdbc.sql("SELECT state FROM reconciliation_item WHERE id = :id")
                    .param("id", item.path("id").asLong()).query(String.class).single()).isEqualTo("OPEN");
        } finally {
            oss.wireMock().removeStub(issued);
        }
    }

    private java.net.http.HttpResponse<String> applyFix(JsonNode run, String idIzin) {
        return ossSender.postAsAdmin("/api/v1/reconciliation/runs/" + run.path("id").asLong() + "/items/"
                + itemOf(run, idIzin).path("id").asLong() + "/fix", "");
    }

    private List<com.github.tomakehurst.wiremock.verification.LoggedRequest> statusesSentToOss(String idIzin) {
        return oss.wireMock().findAll(postRequestedFor(urlPathEqualTo("/v1/kl/rba/receiveLicenseStatus"))
                .withRequestBody(containing(idIzin)));
    }

    /** OSS answering checkLicenseStatus for this permit with {@code kdStatus}, as the PIA's example spells it. */
    private static com.github.tomakehurst.wiremock.client.MappingBuilder ossShows(String idIzin, String kdStatus) {
        return post(urlPathEqualTo("/v1/kl/rba/checkLicenseStatus")).atPriority(1)
                .withRequestBody(containing(idIzin))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"responcheckStatusLicense\":{\"kode\":200,\"keterangan\":\"Sukses\","
                                + "\"dataIZIN\":{\"id_izin\":\"" + idIzin + "\",\"kd_status\":\"" + kdStatus
                                + "\",\"uraian_status\":\"Izin Terbit\"}}}"));
    }

    /**
     * A version recorded but never converted, with no dead letter and no message left to convert it (as after a
     * store restored from a backup: the broker starts empty). Its re-push has no canonical form to push; the fix
     * has OSS's content fetched again and converted through the normal path, and the region registers it once.
     */
    @Test
    void aVersionStuckInReceivedWithoutADeadLetterIsConvertedAndDeliveredOnceByItsRepushFix() {
        String nib = "9120301232010";
        String idIzin = "I-RECON-UNCONVERTED";
        String push = permit(nib, idIzin);
        new OssSimulatorControl(oss.port()).remember(push);
        // Intake's own first step records the version; the message that would have converted it is gone.
        assertThat(nibIntake.record(push, "receiveNIB", clock.instant().toString(), false, null, false, false, null,
                null)).hasSize(1);
        jdbc.sql("UPDATE sync_ledger SET received_at = :t, updated_at = :t WHERE id_izin = :i")
                .param("t", Timestamp.from(clock.instant().minus(Duration.ofHours(2)))).param("i", idIzin).update();
        JsonNode run = Json.tree(ossSender.postAsAdmin("/api/v1/reconciliation/runs", "").body());
        assertThat(categoriesOf(run, idIzin)).containsExactly("IN_OSS_NOT_AT_TARGET");
        String fixUrl = "/api/v1/reconciliation/runs/" + run.path("id").asLong() + "/items/"
                + itemOf(run, idIzin).path("id").asLong() + "/fix";

        var fix = ossSender.postAsAdmin(fixUrl, "");

        assertThat(fix.statusCode()).as(fix.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT state FROM sync_ledger WHERE id_izin = :i").param("i", idIzin).query(String.class).single(),
                "DELIVERED"::equals);
        assertThat(jdbc.sql("SELECT version FROM sync_ledger WHERE id_izin = :i").param("i", idIzin)
                .query(Integer.class).list()).as("the stuck version itself, no new one").containsExactly(1);
        assertThat(ossSender.postAsAdmin(fixUrl, "").statusCode()).as("a fix is applied once").isEqualTo(409);
        assertThat(Json.tree(ossSender.get("/api/v1/trail?idIzin=" + idIzin).body()).toString())
                .contains("CONVERSION_RESUMED");
        JsonNode again = Json.tree(ossSender.postAsAdmin("/api/v1/reconciliation/runs", "").body());
        assertThat(categoriesOf(again, idIzin)).isEmpty();
        assertThat(sicantik.wireMock().findAll(postRequestedFor(urlPathEqualTo("/api/v1/permohonan"))
                .withRequestBody(containing(idIzin)))).as("registered at the region once").hasSize(1);
    }

    /**
     * After a restore: a permit that came through the hub after the backup is at the region and at OSS, not in the
     * ledger. OSS's checkLicenseStatus names its NIB, so the finding carries it (API, CSV, console) and its fix
     * starts a backfill of that NIB, audited (the console shows it: ConsolePagesTest); a permit OSS does not know stays for a person, and says why.
     */
    @Test
    void aPermitTheTargetHoldsAndOssKnowsCarriesItsNibAndItsFixStartsABackfillOfIt() {
        String nib = "9120301232020";
        String idIzin = "I-RECON-AFTER-BACKUP";
        new OssSimulatorControl(oss.port()).remember(permit(nib, idIzin));
        registerLocallyOnly(idIzin);
        registerLocallyOnly("I-RECON-OFFICE-ONLY");

        JsonNode run = Json.tree(ossSender.postAsAdmin("/api/v1/reconciliation/runs", "").body());

        JsonNode item = itemOf(run, idIzin);
        assertThat(item.path("category").asText()).isEqualTo("AT_TARGET_UNKNOWN_TO_OSS");
        assertThat(item.path("nib").asText()).isEqualTo(nib);
        assertThat(item.path("fix").asText()).isEqualTo("BACKFILL");
        assertThat(item.path("detail").asText()).contains("OSS knows it under NIB " + nib).contains("backfill");
        JsonNode officeOnly = itemOf(run, "I-RECON-OFFICE-ONLY");
        assertThat(officeOnly.path("nib").isNull()).isTrue();
        assertThat(officeOnly.path("fix").asText()).isEqualTo("NONE");
        assertThat(officeOnly.path("detail").asText()).contains("OSS does not know it either");
        long runId = run.path("id").asLong();
        String csv = ossSender.get("/api/v1/reconciliation/runs/" + runId + ".csv").body();
        assertThat(csv.lines().filter(l -> l.contains(idIzin))).singleElement().asString()
                .contains(",AT_TARGET_UNKNOWN_TO_OSS,\"" + nib + "\",").contains(",BACKFILL,");
        long backfillsBefore = jdbc.sql("SELECT COUNT(*) FROM oss_backfill_job").query(Long.class).single();

        String fixUrl = "/api/v1/reconciliation/runs/" + runId + "/items/" + item.path("id").asLong() + "/fix";
        var fix = ossSender.postAsAdmin(fixUrl, "");

        assertThat(fix.statusCode()).as(fix.body()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM oss_backfill_job").query(Long.class).single())
                .isEqualTo(backfillsBefore + 1);
        assertThat(jdbc.sql("""
                SELECT i.nib FROM oss_backfill_item i WHERE i.job_id = (SELECT MAX(id) FROM oss_backfill_job)""")
                .query(String.class).list()).containsExactly(nib);
        assertThat(jdbc.sql("SELECT action FROM audit_log ORDER BY id DESC LIMIT 3").query(String.class).list())
                .contains("BACKFILL_CREATED", "RECONCILIATION_FIXED");
        assertThat(ossSender.postAsAdmin(fixUrl, "").statusCode()).as("a fix is applied once").isEqualTo(409);
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("SELECT COUNT(*) FROM sync_ledger WHERE id_izin = :i")
                .param("i", idIzin).query(Long.class).single() > 0);
    }

    /** A permit OSS pushed (and knows), delivered, whose region's status {@code kdStatus} OSS took. */
    private long deliveredWithStatusSent(String nib, String idIzin, String kdStatus) {
        String push = permit(nib, idIzin);
        ossSender.receiveNib(push, nib);
        awaitState(nib, "DELIVERED");
        new OssSimulatorControl(oss.port()).remember(push);
        long ledgerId = jdbc.sql("SELECT id FROM sync_ledger WHERE nib = :n").param("n", nib).query(Long.class).single();
        sentStatus(ledgerId, nib, idIzin, kdStatus, clock.instant());
        return ledgerId;
    }

    private void sentStatus(long ledgerId, String nib, String idIzin, String kdStatus, Instant at) {
        jdbc.sql("""
                INSERT INTO status_report (ledger_id, target_id, target_ref, nib, id_izin, kind, kd_status, payload,
                                           state, attempts, oss_kode, created_at, updated_at, sent_at)
                VALUES (:l, 'banyuasin', 'SC-1', :n, :i, 'STATUS', :k, '{}', 'SENT', 1, '200', :t, :t, :t)""")
                .param("l", ledgerId).param("n", nib).param("i", idIzin).param("k", kdStatus)
                .param("t", Timestamp.from(at)).update();
    }

    @Test
    void runsOlderThanThirtyDaysAreDeletedWithTheirItemsAfterTheNextRun() {
        Instant now = clock.instant();
        long old = plantRun(now.minus(Duration.ofDays(31)));
        long recent = plantRun(now.minus(Duration.ofDays(29)));

        ossSender.postAsAdmin("/api/v1/reconciliation/runs", "");

        assertThat(count("SELECT COUNT(*) FROM reconciliation_run WHERE id = " + old)).isZero();
        assertThat(count("SELECT COUNT(*) FROM reconciliation_item WHERE run_id = " + old)).isZero();
        assertThat(count("SELECT COUNT(*) FROM reconciliation_run WHERE id = " + recent)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM reconciliation_item WHERE run_id = " + recent)).isEqualTo(1);
    }

    private long plantRun(Instant startedAt) {
        var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO reconciliation_run (trigger_kind, actor, state, started_at, finished_at, summary)
                VALUES ('SCHEDULED', 'system', 'DONE', :t, :t, '1 discrepancies')""")
                .param("t", Timestamp.from(startedAt)).update(key, "id");
        long id = key.getKey().longValue();
        jdbc.sql("""
                INSERT INTO reconciliation_item (run_id, category, detail, fix, state)
                VALUES (:run, 'WAITING_IN_DLQ', 'planted', 'REPLAY', 'OPEN')""").param("run", id).update();
        return id;
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private void registerLocallyOnly(String idIzin) {
        try {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                            "http://localhost:" + sicantik.port() + "/api/v1/permohonan"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + properties.simulators().sicantik().token())
                    .header("Idempotency-Key", "counter:" + idIzin)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"id_izin_oss\":\"" + idIzin
                            + "\",\"jenis_izin_id\":\"011000000001\",\"nama\":\"Pemohon Loket\",\"kd_daerah\":\"1607112003\"}"))
                    .build();
            assertThat(java.net.http.HttpClient.newHttpClient().send(request,
                    java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isBetween(200, 201);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> categoriesOf(JsonNode run, String idIzin) {
        return StreamSupport.stream(run.path("items").spliterator(), false)
                .filter(i -> idIzin.equals(i.path("idIzin").asText())).map(i -> i.path("category").asText()).toList();
    }

    private static JsonNode itemOf(JsonNode run, String idIzin) {
        return StreamSupport.stream(run.path("items").spliterator(), false)
                .filter(i -> idIzin.equals(i.path("idIzin").asText())).findFirst().orElseThrow();
    }

    private static String permit(String nib, String idIzin) {
        return Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json").replace("9120301234567", nib)
                .replace("I-202611210915001234567", idIzin);
    }

    private void push(String nib, String idIzin) {
        ossSender.receiveNib(permit(nib, idIzin), nib);
    }

    private void awaitState(String nib, String state) {
        await().atMost(Duration.ofSeconds(30)).until(() -> Json.tree(ossSender.get("/api/v1/trail?nib=" + nib).body())
                .path("entries").path(0).path("entry").path("state").asText(), state::equals);
    }
}
