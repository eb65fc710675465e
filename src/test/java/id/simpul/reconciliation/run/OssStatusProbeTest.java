package id.simpul.reconciliation.run;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.platform.connector.oss.OssClient;
import id.simpul.reconciliation.ReportedStatuses;
import id.simpul.support.HubTestSupport;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Where OSS stands for each reported permit: the sweep's fresh answer first, direct calls within a budget. */
class OssStatusProbeTest extends HubTestSupport {

    private static final String CHECK = "/v1/kl/rba/checkLicenseStatus";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ReportedStatuses statuses;
    @Autowired
    OssClient ossClient;
    @Autowired
    Clock clock;

    /** Nothing else asks OSS while these tests count its checkLicenseStatus calls. */
    @DynamicPropertySource
    static void quiet(DynamicPropertyRegistry registry) {
        registry.add("simpul.oss.sweep.interval", () -> "0");
        registry.add("simpul.reconciliation.interval", () -> "0");
    }

    @Test
    void aSweepAnswerNewerThanTheReportIsUsedWithoutAskingOssAgain() {
        Instant now = clock.instant();
        plantSentReport("9120301277001", "I-PROBE-SWEPT", "50", now.minus(Duration.ofHours(1)));
        jdbc.sql("""
                INSERT INTO oss_sweep_permit (id_izin, nib, last_checked_at, oss_kd_status, closed, last_outcome)
                VALUES ('I-PROBE-SWEPT', '9120301277001', :t, '20', FALSE, 'UNCHANGED')""")
                .param("t", Timestamp.from(now)).update();
        oss.wireMock().resetRequests();

        List<Discrepancy> found = new OssStatusProbe(statuses, ossClient, jdbc, 0).find();

        assertThat(found).filteredOn(d -> d.idIzin().equals("I-PROBE-SWEPT")).singleElement()
                .satisfies(d -> assertThat(d.detail()).contains("OSS shows kd_status 20"));
        oss.wireMock().verify(0, postRequestedFor(urlPathEqualTo(CHECK)));
    }

    @Test
    void directCallsToOssStopAtTheRunsBudget() {
        Instant now = clock.instant();
        plantSentReport("9120301277002", "I-PROBE-BUDGET-1", "50", now.minus(Duration.ofMinutes(2)));
        plantSentReport("9120301277003", "I-PROBE-BUDGET-2", "50", now.minus(Duration.ofMinutes(1)));
        oss.wireMock().resetRequests();

        new OssStatusProbe(statuses, ossClient, jdbc, 1).find();

        oss.wireMock().verify(1, postRequestedFor(urlPathEqualTo(CHECK)));
    }

    private void plantSentReport(String nib, String idIzin, String kdStatus, Instant sentAt) {
        Timestamp at = Timestamp.from(sentAt);
        jdbc.sql("""
                INSERT INTO sync_ledger (flow, nib, id_izin, version, content_hash, state, attempts, kd_daerah,
                                         received_at, updated_at)
                VALUES ('oss-nib', :nib, :izin, 1, :hash, 'DELIVERED', 1, '1607112003', :t, :t)""")
                .param("nib", nib).param("izin", idIzin).param("hash", "planted-" + idIzin).param("t", at).update();
        long ledgerId = jdbc.sql("SELECT id FROM sync_ledger WHERE id_izin = :izin").param("izin", idIzin)
                .query(Long.class).single();
        jdbc.sql("""
                INSERT INTO status_report (ledger_id, target_id, target_ref, nib, id_izin, kind, kd_status, payload,
                                           state, attempts, oss_kode, created_at, updated_at, sent_at)
                VALUES (:l, 'banyuasin', :ref, :n, :izin, 'STATUS', :kd, '{}', 'SENT', 1, '200', :t, :t, :t)""")
                .param("l", ledgerId).param("ref", "SC-" + idIzin).param("n", nib).param("izin", idIzin)
                .param("kd", kdStatus).param("t", at).update();
    }
}
