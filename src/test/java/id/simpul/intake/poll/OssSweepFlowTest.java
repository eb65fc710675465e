package id.simpul.intake.poll;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.simpul.platform.connector.oss.FinalLicense;
import id.simpul.platform.connector.oss.OssClient;
import id.simpul.platform.ledger.LedgerEntry;
import id.simpul.platform.ledger.LedgerState;
import id.simpul.platform.ledger.SyncLedger;
import id.simpul.platform.ledger.TrailEvent;
import id.simpul.support.Fixtures;
import id.simpul.support.HubTestSupport;
import id.simpul.support.OssSimulatorControl;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sweep end to end: a NIB OSS pushed (and the simulator remembers), delivered as version 1; the
 * sweep asks OSS again and ingests what changed as version 2, and leaves what did not alone.
 */
class OssSweepFlowTest extends HubTestSupport {

    @DynamicPropertySource
    static void sweepProperties(DynamicPropertyRegistry registry) {
        // Every permit is "stale" at once; runs are triggered by the test, not by the clock.
        registry.add("simpul.oss.sweep.max-age", () -> "0s");
        registry.add("simpul.oss.sweep.interval", () -> "0");
        registry.add("simpul.oss.sweep.rate", () -> "50");
        registry.add("simpul.oss.backfill.poll-interval", () -> "0");
    }

    @Autowired
    OssPollScheduler poller;

    @Autowired
    SyncLedger ledger;

    @Autowired
    OssClient ossClient;

    @Autowired
    NibRefresh refresh;

    @Autowired
    JdbcClient jdbc;

    private OssSimulatorControl control;

    @BeforeEach
    void simulatorControl() {
        control = new OssSimulatorControl(oss.port());
        control.clearFaults();
    }

    @AfterEach
    void restoreStubs() {
        oss.resetStubs();
    }

    @Test
    void aNibChangedAtOssIsFoundByTheSweepAndIngestedAsVersion2() {
        String nib = "9120301235001";
        String idIzin = "I-202611210915005001001";
        pushedAndDelivered(nib, idIzin);

        control.change(nib);
        OssSweep.Report report = poller.sweepNow().orElseThrow();

        assertThat(report.ingested()).isGreaterThanOrEqualTo(1);
        List<LedgerEntry> versions = await().atMost(Duration.ofSeconds(30)).until(() -> ledger.byIdIzin(idIzin),
                v -> v.size() == 2 && v.get(1).state() == LedgerState.DELIVERED);
        assertThat(versions.get(1).version()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ledger.events(versions.get(1).id()))
                .extracting(TrailEvent::kind).contains("RECEIVED", "DELIVERED"));
        sicantik.wireMock().verify(1, postRequestedFor(urlPathEqualTo("/api/v1/permohonan"))
                .withHeader("Idempotency-Key", equalTo("simpul:" + idIzin + ":v2"))
                .withRequestBody(matchingJsonPath("$.nib", equalTo(nib))));
    }

    @Test
    void anUnchangedNibIsNotReVersionedByTheSweep() {
        String nib = "9120301235002";
        String idIzin = "I-202611210915005002001";
        LedgerEntry v1 = pushedAndDelivered(nib, idIzin);

        poller.sweepNow().orElseThrow();
        poller.sweepNow().orElseThrow();

        assertThat(ledger.byIdIzin(idIzin)).hasSize(1);
        assertThat(ledger.events(v1.id())).extracting(TrailEvent::kind)
                .doesNotContain("DUPLICATE_IGNORED")
                .containsOnlyOnce("OSS_STATUS");
        Map<String, Object> swept = jdbc.sql("SELECT * FROM oss_sweep_permit WHERE id_izin = :id")
                .param("id", idIzin).query().singleRow();
        assertThat(swept.get("last_outcome")).isEqualTo("UNCHANGED");
        assertThat(swept.get("oss_kd_status")).isEqualTo("09");
        assertThat(swept.get("closed")).isEqualTo(false);
    }

    @Test
    void aPermitOssReportsApprovedIsNoLongerSwept() {
        String nib = "9120301235003";
        String idIzin = "I-202611210915005003001";
        pushedAndDelivered(nib, idIzin);
        ossClient.receiveLicense(new FinalLicense(nib, null, null, idIzin, "011000000001", "1607112003", null,
                "2026-11-28", null, null, null, null, "50", null, null, null, null, null, null, null, null));

        poller.sweepNow().orElseThrow();
        int inquiries = inqueryNibCalls(nib);
        poller.sweepNow().orElseThrow();

        assertThat(jdbc.sql("SELECT closed FROM oss_sweep_permit WHERE id_izin = :id").param("id", idIzin)
                .query(Boolean.class).single()).isTrue();
        assertThat(inqueryNibCalls(nib)).isEqualTo(inquiries);
    }

    @Test
    void aPermitTheRegionIssuedIsNotSentToTheRegionAgainByTheSweep() {
        // The push carries kbli_konversi (which inqueryNIB never returns); after the region's licence OSS's
        // inquiry carries its number, date and file. Neither is a change of the permit.
        String nib = "9120301235004";
        String idIzin = "I-202611210915005004001";
        pushedAndDelivered(Fixtures.text("oss/receiveNIB/perorangan-banyuasin-kbli-konversi.json"), nib, idIzin);
        ossClient.receiveLicense(new FinalLicense(nib, null, null, idIzin, "011000000001", "1607112003",
                "503/0042/PBG/DPMPTSP/2026", "2026-11-28", null, null, null, null, "50",
                "https://sicantik.example/izin/0042.pdf", null, null, null, null, null, null, null));

        poller.sweepNow().orElseThrow();

        sweptUnchangedAndRegisteredOnce(idIzin);
    }

    @Test
    void aPushWithProductHalalAndSniFlagsIsNotSentToTheRegionAgainByTheSweep() {
        // The push carries flag_perubahan_data_teknis and its product's halal/SNI fields, which inqueryNIB does
        // not return (the PIA's examples of the two operations): no change of the permit.
        String nib = "9120301235007";
        String idIzin = "I-202611210915005007001";
        pushedAndDelivered(Fixtures.text("oss/receiveNIB/perorangan-banyuasin-produk.json"), nib, idIzin);

        poller.sweepNow().orElseThrow();

        sweptUnchangedAndRegisteredOnce(idIzin);
    }

    @Test
    void aPermitRecordedBeforeSharedHashesIsNotSentToTheRegionAgainByTheFirstSweepAfterTheUpgrade() {
        // A hub upgraded from a build before V57: its versions have no shared hash, and the push carried
        // kbli_konversi, which inqueryNIB never returns.
        String nib = "9120301235008";
        String idIzin = "I-202611210915005008001";
        LedgerEntry v1 = pushedAndDelivered(Fixtures.text("oss/receiveNIB/perorangan-banyuasin-kbli-konversi.json"),
                nib, idIzin);
        recordedBeforeSharedHashes(idIzin);

        poller.sweepNow().orElseThrow();
        poller.sweepNow().orElseThrow();

        sweptUnchangedAndRegisteredOnce(idIzin);
        assertThat(ledger.events(v1.id())).extracting(TrailEvent::kind).containsOnlyOnce("LEGACY_CONTENT_MATCHED");
    }

    @Test
    void aPermitRecordedBeforeSharedHashesThatChangedAtOssIsStillIngestedByTheSweep() {
        String nib = "9120301235009";
        String idIzin = "I-202611210915005009001";
        pushedAndDelivered(Fixtures.text("oss/receiveNIB/perorangan-banyuasin-kbli-konversi.json"), nib, idIzin);
        recordedBeforeSharedHashes(idIzin);

        control.change(nib);
        poller.sweepNow().orElseThrow();

        List<LedgerEntry> versions = await().atMost(Duration.ofSeconds(30)).until(() -> ledger.byIdIzin(idIzin),
                v -> v.size() == 2 && v.get(1).state() == LedgerState.DELIVERED);
        assertThat(versions.get(1).version()).isEqualTo(2);
    }

    @Test
    void aPushOssRepeatsAfterABackfillFetchedTheMissedNibIsNotSentToTheRegionAgain() {
        // OSS pushed while the hub was unreachable: the hub has nothing, OSS has the NIB.
        String nib = "9120301235005";
        String idIzin = "I-202611210915005005001";
        String body = Fixtures.text("oss/receiveNIB/perorangan-banyuasin-kbli-konversi.json")
                .replace("9120301234567", nib).replace("I-202611210915001234567", idIzin);
        control.remember(body);

        // A backfill's one step for that NIB (the sweep knows only the permits the hub has).
        assertThat(refresh.refresh(nib, "backfill")).isEqualTo(NibRefresh.Outcome.INGESTED);
        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.byIdIzin(idIzin),
                v -> v.size() == 1 && v.get(0).state() == LedgerState.DELIVERED);
        // OSS retries its push once the hub answers again.
        assertThat(ossSender.receiveNib(body, nib).statusCode()).isEqualTo(200);

        LedgerEntry v1 = ledger.byIdIzin(idIzin).get(0);
        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.events(v1.id()).stream().map(TrailEvent::kind)
                .toList(), kinds -> kinds.contains("DUPLICATE_IGNORED"));
        assertThat(ledger.byIdIzin(idIzin)).hasSize(1);
        assertThat(sicantik.wireMock().findAll(postRequestedFor(urlPathEqualTo("/api/v1/permohonan"))
                .withRequestBody(containing(idIzin)))).hasSize(1);
    }

    @Test
    void aFetchedNibWithAValueLongerThanTheStoreHoldsIsDeadLetteredAsPermanentAtOnce() {
        String nib = "9120301235006";
        String idIzin = "I-" + "6".repeat(39); // 41 characters: sync_ledger.id_izin holds 40
        control.remember(Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json")
                .replace("9120301234567", nib).replace("I-202611210915001234567", idIzin));

        assertThat(refresh.refresh(nib, "backfill")).isEqualTo(NibRefresh.Outcome.INGESTED);

        Map<String, Object> letter = await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT error_class, error_message, attempts FROM dead_letter WHERE nib = :n").param("n", nib)
                .query().listOfRows(), rows -> !rows.isEmpty()).get(0);
        assertThat(letter.get("error_class")).isEqualTo("PERMANENT");
        assertThat((String) letter.get("error_message")).contains("id_izin");
        assertThat(ledger.byNib(nib)).isEmpty();
    }

    @Test
    void nibsThatKeepFailingGoToTheBackSoTheOthersAreStillChecked() {
        // Pushed first, so the stalest: without a record of their failed checks they lead every run.
        List<String> failing = List.of("9120301235011", "9120301235012", "9120301235013");
        for (int i = 0; i < failing.size(); i++) {
            pushedAndDelivered(failing.get(i), "I-20261121091500501" + (i + 1) + "001");
        }
        String healthy = "9120301235014";
        pushedAndDelivered(healthy, "I-202611210915005014001");
        for (String nib : failing) {
            oss.wireMock().stubFor(post(urlPathEqualTo("/v1/kl/rba/inqueryNIB")).atPriority(1)
                    .withRequestBody(matchingJsonPath("$.INQUERYNIB.nib", equalTo(nib)))
                    .willReturn(aResponse().withStatus(503).withBody("Service Temporarily Unavailable")));
        }

        // The first run meets the three failing NIBs in a row and stops before the healthy one.
        OssSweep.Report first = poller.sweepNow().orElseThrow();
        OssSweep.Report second = poller.sweepNow().orElseThrow();

        assertThat(first.failed()).isEqualTo(3);
        assertThat(first.complete()).isFalse();
        assertThat(inqueryNibCalls(healthy)).as("the healthy NIB is checked by the second run").isEqualTo(1);
        assertThat(second.unchanged()).isGreaterThanOrEqualTo(1);
        for (int i = 0; i < failing.size(); i++) {
            Map<String, Object> swept = jdbc.sql("SELECT * FROM oss_sweep_permit WHERE id_izin = :id")
                    .param("id", "I-20261121091500501" + (i + 1) + "001").query().singleRow();
            assertThat(swept.get("last_outcome")).isEqualTo("FAILED");
            assertThat((String) swept.get("last_error")).contains("503");
        }
    }

    private int inqueryNibCalls(String nib) {
        return oss.wireMock().findAll(postRequestedFor(urlPathEqualTo("/v1/kl/rba/inqueryNIB"))
                .withRequestBody(matchingJsonPath("$.INQUERYNIB.nib", equalTo(nib)))).size();
    }

    /** The sweep found the permit unchanged: one version, registered at the region once. */
    private void sweptUnchangedAndRegisteredOnce(String idIzin) {
        assertThat(jdbc.sql("SELECT last_outcome FROM oss_sweep_permit WHERE id_izin = :id").param("id", idIzin)
                .query(String.class).single()).isEqualTo("UNCHANGED");
        assertThat(ledger.byIdIzin(idIzin)).hasSize(1);
        assertThat(sicantik.wireMock().findAll(postRequestedFor(urlPathEqualTo("/api/v1/permohonan"))
                .withRequestBody(containing(idIzin)))).hasSize(1);
    }

    /** The state V57 leaves a version in that an earlier build recorded: no shared hash, not fetched. */
    private void recordedBeforeSharedHashes(String idIzin) {
        assertThat(jdbc.sql("UPDATE sync_ledger SET shared_hash = NULL, fetched = FALSE WHERE id_izin = :id")
                .param("id", idIzin).update()).isEqualTo(1);
    }

    /** OSS pushes the NIB (and remembers it), the hub delivers version 1. */
    private LedgerEntry pushedAndDelivered(String nib, String idIzin) {
        return pushedAndDelivered(Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json"), nib, idIzin);
    }

    private LedgerEntry pushedAndDelivered(String fixture, String nib, String idIzin) {
        String body = fixture.replace("9120301234567", nib).replace("I-202611210915001234567", idIzin);
        control.remember(body);
        assertThat(ossSender.receiveNib(body, nib).statusCode()).isEqualTo(200);
        return await().atMost(Duration.ofSeconds(30)).until(() -> ledger.byIdIzin(idIzin),
                v -> v.size() == 1 && v.get(0).state() == LedgerState.DELIVERED).get(0);
    }
}
