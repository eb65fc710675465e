package id.simpul.g2g.query;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.support.TestStores;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What an agency reads of a permit's trail: every step, but the detail of the exchange's own steps only. */
class StatusHistoryTest {

    private static final String ID_IZIN = "I-202611210915001234567";

    private final JdbcClient jdbc = JdbcClient.create(TestStores.migratedH2("status-history"));
    private final StatusHistory history = new StatusHistory(jdbc);

    /** Each kind the hub writes to a permit's trail, with a detail of the sort its writer gives it. */
    private static final Map<String, String> SHOWN = Map.of(
            "RECOMMENDATION_REQUESTED", "recommendation 7 requested from dinas-pupr-banyuasin for permit type 011000000001",
            "RECOMMENDATION_APPROVED", "dlh-banyuasin (dlh-banyuasin.simdlh) approved recommendation 8: UKL-UPL lengkap",
            "RECOMMENDATION_REJECTED", "dlh-banyuasin (dlh-banyuasin.simdlh) rejected recommendation 8: kawasan lindung",
            "RECOMMENDATION_MORE_INFO", "dlh-banyuasin (dlh-banyuasin.simdlh) more info recommendation 8: lampirkan UKL-UPL",
            "WORKFLOW_STAGE", "recommendations: AWAITING_RECOMMENDATIONS -> RECOMMENDATIONS_COMPLETE",
            "STATUS_RECORDED", "kd_status 45 Persyaratan terverifikasi: dlh-banyuasin: approve (queued for OSS as status report 3)");
    private static final Map<String, String> HIDDEN = hidden();

    private static Map<String, String> hidden() {
        Map<String, String> m = new LinkedHashMap<>();
        String failure = "receiveLicenseStatus kd_status 50 (palembang PB/2026/0042: Selesai) TRANSIENT: "
                + "Connect to http://10.20.30.40:8443 failed: Connection refused";
        m.put("STATUS_FAILED", "attempt 1 " + failure);
        m.put("FINAL_FAILED", "attempt 2 " + failure.replace("receiveLicenseStatus", "receiveLicense"));
        m.put("STATUS_DEAD_LETTERED", failure + ", retries exhausted");
        m.put("FINAL_DEAD_LETTERED", "receiveLicense kd_status 50 PERMANENT: OSS answered kode 400: id_izin tidak dikenal");
        m.put("STATUS_SENT", "kd_status 45 re-sent by reconciliation (siti.operator); OSS answered {kode=200}");
        m.put("FINAL_SENT", "receiveLicense kd_status 50 (palembang PB/2026/0042: Selesai) -> OSS kode 200: Berhasil");
        m.put("RECEIVED", "version 1 from oss-nib");
        m.put("ATTEMPT_FAILED", "attempt 1 TRANSIENT: palembang answered HTTP 503 (41 characters)");
        m.put("DEFERRED", "circuit of palembang open");
        m.put("DELIVERED", "target palembang registered it as PB/2026/0042");
        m.put("DEAD_LETTERED", "PERMANENT: palembang answered HTTP 422");
        m.put("MANUAL_ENTRY_QUEUED", "waiting for a clerk at oki");
        m.put("MANUAL_CONFIRMED", "confirmed by budi.operator as 503/OKI/2026");
        m.put("DISCARDED", "dead letter #4 discarded by siti.operator: sudah diurus di loket");
        m.put("EDITED", "dead letter #4 edited by siti.operator: [...]");
        m.put("REPLAY_REQUESTED", "dead letter #4 replayed by siti.operator");
        m.put("REPUSH_REQUESTED", "version 1 pushed again by siti.operator");
        m.put("RECONCILIATION_FIX", "fixed by siti.operator");
        m.put("OSS_STATUS", "OSS reports kd_status 50 (Izin terbit)");
        m.put("FILE_DS_RECEIVED", "signed permit file https://oss.go.id/file/x/izin-ds.pdf");
        return m;
    }

    @Test
    void theExchangesOwnStepsShowTheirDetailAndEveryOtherStepShowsOnlyItsKind() {
        Map<String, String> all = new LinkedHashMap<>(SHOWN);
        all.putAll(HIDDEN);
        all.forEach(this::trail);

        List<Map<String, Object>> steps = history.trail(ID_IZIN);

        assertThat(steps).extracting(s -> s.get("kind")).containsExactlyInAnyOrderElementsOf(all.keySet());
        for (Map<String, Object> step : steps) {
            String kind = (String) step.get("kind");
            if (SHOWN.containsKey(kind)) {
                assertThat(step.get("detail")).as(kind).isEqualTo(SHOWN.get(kind));
            } else {
                assertThat(step).as(kind).doesNotContainKey("detail");
            }
        }
        assertThat(steps.toString()).doesNotContain("10.20.30.40").doesNotContain("PB/2026/0042")
                .doesNotContain("siti.operator").doesNotContain("kode 400");
    }

    @Test
    void whatTheBackSyncReportedToOssShowsItsCodeTimesAndTheIssuedPermitsNumberButNoPayloadOrReply() {
        jdbc.sql("""
                INSERT INTO sync_ledger (flow, id_izin, nib, kd_daerah, version, content_hash, state, received_at,
                                         updated_at)
                VALUES ('oss-push', :i, '9120301234567', '1671041001', 1, 'h', 'DELIVERED', :t, :t)""")
                .param("i", ID_IZIN).param("t", Timestamp.from(Instant.parse("2026-11-29T08:00:00Z"))).update();
        long ledgerId = jdbc.sql("SELECT id FROM sync_ledger WHERE id_izin = :i").param("i", ID_IZIN)
                .query(Long.class).single();
        report(ledgerId, "STATUS", "50", "SENT", """
                {"IZINSTATUS":{"id_izin":"%s","kd_status":"50","nip_pemroses":"198001012005011002"}}""", "09:00:05");
        report(ledgerId, "FINAL", "50", "SENT", """
                {"IZINFINAL":{"id_izin":"%s","nomor_izin":"503/0042/DPMPTSP/2026","tgl_terbit_izin":"2026-11-29",
                 "tgl_berlaku_izin":"2031-11-29","nama_ttd":"Drs. Ahmad Fauzi","nip_ttd":"197501012000031001",
                 "file_izin":"https://sicantik.palembang.go.id/izin/ttd-42.pdf","keterangan":"Selesai"}}""", "09:00:07");

        List<Map<String, Object>> statuses = history.statuses(ID_IZIN);

        assertThat(statuses).hasSize(2);
        assertThat(statuses.get(0)).containsEntry("kdStatus", "50").containsEntry("report", "STATUS")
                .containsEntry("reportedToOss", "SENT").containsEntry("sentAt", "2026-11-29T09:00:05Z")
                .doesNotContainKey("permitNumber");
        assertThat(statuses.get(1)).containsEntry("report", "FINAL").containsEntry("sentAt", "2026-11-29T09:00:07Z")
                .containsEntry("permitNumber", "503/0042/DPMPTSP/2026").containsEntry("issuedOn", "2026-11-29")
                .containsEntry("validUntil", "2031-11-29");
        assertThat(statuses.toString()).as("no payload, reply, signer, file or target reference")
                .doesNotContain("Ahmad Fauzi").doesNotContain("197501012000031001").doesNotContain("198001012005011002")
                .doesNotContain("ttd-42.pdf").doesNotContain("Berhasil").doesNotContain("PB/2026/0042");
    }

    private void report(long ledgerId, String kind, String kdStatus, String state, String payload, String sentAt) {
        Instant created = Instant.parse("2026-11-29T09:00:00Z");
        jdbc.sql("""
                INSERT INTO status_report (ledger_id, target_id, target_ref, nib, id_izin, kind, kd_status, local_status,
                                           payload, state, attempts, oss_kode, oss_reply, created_at, updated_at, sent_at)
                VALUES (:l, 'palembang', 'PB/2026/0042', '9120301234567', :i, :kind, :kd, 'Selesai', :payload, :state, 1,
                        '200', '{"kode":200,"keterangan":"Berhasil"}', :c, :c, :sent)""")
                .param("l", ledgerId).param("i", ID_IZIN).param("kind", kind).param("kd", kdStatus)
                .param("payload", payload.formatted(ID_IZIN)).param("state", state).param("c", Timestamp.from(created))
                .param("sent", Timestamp.from(Instant.parse("2026-11-29T" + sentAt + "Z"))).update();
    }

    @Test
    void aPermitsTrailIsItsVersionsEventsAndTheEventsNoVersionOwnsInTimeOrder() {
        long v1 = version(ID_IZIN, 1);
        long v2 = version(ID_IZIN, 2);
        long other = version("I-202611210915009999999", 1);
        event(v1, ID_IZIN, "RECEIVED", "08:00:00");
        event(v2, ID_IZIN, "DELIVERED", "08:30:00");
        event(other, "I-202611210915009999999", "DELIVERED", "08:10:00");
        // A file OSS sent before the hub held the permit: no version owns it, yet it is this permit's step.
        jdbc.sql("INSERT INTO trail_orphan (nib, id_izin, kind, detail, at) VALUES ('9120301234567', :i, 'FILE_DS_RECEIVED', 'x', :at)")
                .param("i", ID_IZIN).param("at", Timestamp.from(Instant.parse("2026-11-29T07:00:00Z"))).update();

        List<Map<String, Object>> steps = history.trail(ID_IZIN);

        assertThat(steps).extracting(s -> s.get("kind")).containsExactly("FILE_DS_RECEIVED", "RECEIVED", "DELIVERED");
        assertThat(steps).extracting(s -> s.get("version")).containsExactly(null, 1, 2);
    }

    private long version(String idIzin, int version) {
        jdbc.sql("""
                INSERT INTO sync_ledger (flow, id_izin, nib, kd_daerah, version, content_hash, state, received_at,
                                         updated_at)
                VALUES ('oss-push', :i, '9120301234567', '1671041001', :v, :h, 'DELIVERED', :t, :t)""")
                .param("i", idIzin).param("v", version).param("h", "h" + version)
                .param("t", Timestamp.from(Instant.parse("2026-11-29T08:00:00Z"))).update();
        return jdbc.sql("SELECT id FROM sync_ledger WHERE id_izin = :i AND version = :v").param("i", idIzin)
                .param("v", version).query(Long.class).single();
    }

    private void event(long ledgerId, String idIzin, String kind, String at) {
        jdbc.sql("INSERT INTO trail_event (ledger_id, nib, id_izin, kind, detail, at) VALUES (:l, '9120301234567', :i, :k, 'x', :at)")
                .param("l", ledgerId).param("i", idIzin).param("k", kind)
                .param("at", Timestamp.from(Instant.parse("2026-11-29T" + at + "Z"))).update();
    }

    /** One step of each kind on the permit's one version. */
    private void trail(String kind, String detail) {
        long ledgerId = jdbc.sql("SELECT id FROM sync_ledger WHERE id_izin = :i").param("i", ID_IZIN)
                .query(Long.class).optional().orElseGet(() -> version(ID_IZIN, 1));
        jdbc.sql("INSERT INTO trail_event (ledger_id, nib, id_izin, kind, detail, at) VALUES (:l, '9120301234567', :i, :k, :d, :at)")
                .param("l", ledgerId).param("i", ID_IZIN).param("k", kind).param("d", detail)
                .param("at", Timestamp.from(Instant.parse("2026-11-29T08:00:00Z"))).update();
    }
}
