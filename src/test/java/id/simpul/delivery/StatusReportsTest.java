package id.simpul.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.simpul.platform.json.Json;
import id.simpul.platform.ledger.IncomingContent;
import id.simpul.platform.ledger.LedgerEntry;
import id.simpul.platform.ledger.SyncLedger;
import id.simpul.platform.metrics.FlowMetrics;
import id.simpul.support.ConcurrentCopy;
import id.simpul.support.TestStores;
import id.simpul.support.TestPayloads;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A status report to OSS is recorded once per permit version, kind and code, also when two record it at once. */
class StatusReportsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T08:00:00Z"), ZoneOffset.UTC);

    private JdbcClient jdbc;
    private StatusReports reports;
    private TransactionTemplate transaction;
    private LedgerEntry entry;

    /** The store the test runs on; {@code StatusReportsIT} runs it on PostgreSQL. */
    DataSource store() {
        return TestStores.migratedH2("status-reports");
    }

    @BeforeEach
    void recordedVersion() {
        DataSource store = store();
        jdbc = JdbcClient.create(store);
        reports = new StatusReports(jdbc, CLOCK);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(store));
        entry = new SyncLedger(jdbc, CLOCK, new FlowMetrics(new SimpleMeterRegistry()), event -> { }, TestPayloads.sealed())
                .recordIncoming("oss-nib", "9120301234567", "I-1", "P-1", "1607112003", IncomingContent.of("h1"))
                .entry();
    }

    @Test
    void aReportRecordedByAConcurrentCopyMeanwhileLeavesTheCallersTransactionUsable() throws Exception {
        Optional<Long> mine = ConcurrentCopy.whileACopyCommits(transaction, this::record, () -> {
            Optional<Long> recorded = record();
            // The caller's own next statement, in the same transaction.
            jdbc.sql("UPDATE sync_ledger SET attempts = attempts WHERE id = :id").param("id", entry.id()).update();
            return recorded;
        });

        assertThat(mine).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM status_report").query(Long.class).single()).isEqualTo(1);
    }

    /**
     * Two hub instances on one store each poll their outputs and queue the reports left pending: a report both
     * find stale must be queued by one only, or the two copies, consumed at once by each instance's consumer,
     * both find it PENDING and OSS hears the status twice.
     */
    @Test
    void aStaleReportIsQueuedAgainByOneOfTwoInstancesLookingAtOnce() throws Exception {
        long id = record().orElseThrow();
        Clock later = Clock.offset(CLOCK, Duration.ofMinutes(11));
        StatusReports otherInstance = new StatusReports(jdbc, later);
        StatusReports thisInstance = new StatusReports(jdbc, later);
        Instant before = later.instant().minus(Duration.ofMinutes(10));
        List<Long> byOther = new ArrayList<>();

        List<Long> mine = ConcurrentCopy.whileACopyCommits(transaction,
                () -> byOther.addAll(otherInstance.stale("banyuasin", before)),
                () -> thisInstance.stale("banyuasin", before));

        assertThat(byOther).containsExactly(id);
        assertThat(mine).as("already queued again by the other instance").isEmpty();
    }

    /** Two instances' consumers claim the same report at once: exactly one may send it. */
    @Test
    void ofTwoInstancesClaimingOneReportAtOnceExactlyOneHoldsIt() throws Exception {
        long id = record().orElseThrow();
        StatusReports instanceA = new StatusReports(jdbc, CLOCK);
        StatusReports instanceB = new StatusReports(jdbc, CLOCK);
        CyclicBarrier start = new CyclicBarrier(2);

        CompletableFuture<Optional<StatusReports.Claim>> a = CompletableFuture.supplyAsync(() -> {
            awaitQuietly(start);
            return instanceA.claim(id);
        });
        CompletableFuture<Optional<StatusReports.Claim>> b = CompletableFuture.supplyAsync(() -> {
            awaitQuietly(start);
            return instanceB.claim(id);
        });

        assertThat(List.of(a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS)))
                .filteredOn(Optional::isPresent).hasSize(1);
    }

    /**
     * A holder that died mid-call leaves its lease to lapse, on the database's clock (the hubs' clocks here are
     * 11 minutes apart and play no part); the report is then taken over, and the old holder, should it wake,
     * may not send.
     */
    @Test
    void aLapsedLeaseIsTakenOverOnTheDatabasesClockAndTheOldHolderMayNotSendAnyMore() {
        long id = record().orElseThrow();
        StatusReports instanceA = new StatusReports(jdbc, CLOCK, Duration.ofSeconds(1));
        StatusReports instanceB = new StatusReports(jdbc, Clock.offset(CLOCK, Duration.ofMinutes(11)), Duration.ofSeconds(1));
        StatusReports.Claim held = instanceA.claim(id).orElseThrow();

        assertThat(instanceB.claim(id)).as("the lease still runs").isEmpty();
        StatusReports.Claim taken = await().atMost(Duration.ofSeconds(10)).until(() -> instanceB.claim(id).orElse(null),
                claim -> claim != null);

        assertThat(instanceA.attempted(held)).as("the old holder's next attempt").isFalse();
        assertThat(instanceB.attempted(taken)).isTrue();
        instanceA.release(held);
        assertThat(instanceA.claim(id)).as("releasing a lost lease frees nothing").isEmpty();
    }

    /** The stale sweep re-queues reports whose message was lost, not one a consumer is sending right now. */
    @Test
    void aReportUnderARunningLeaseIsNotQueuedAgainByTheStaleSweep() {
        long id = record().orElseThrow();
        Clock later = Clock.offset(CLOCK, Duration.ofMinutes(11));
        new StatusReports(jdbc, CLOCK).claim(id).orElseThrow();

        assertThat(new StatusReports(jdbc, later).stale("banyuasin", later.instant().minus(Duration.ofMinutes(10))))
                .isEmpty();
    }

    @Test
    void aSentReportCannotBeClaimed() {
        long id = record().orElseThrow();
        StatusReports.Claim claim = reports.claim(id).orElseThrow();
        reports.sent(id, "200", "{}");

        assertThat(reports.claim(id)).isEmpty();
        assertThat(reports.attempted(claim)).isFalse();
    }

    @Test
    void ossReplyIsKeptWithTheNikAndPhoneItQuotesMaskedWhetherOssTookTheReportOrItWasDeadLettered() {
        long sent = record().orElseThrow();
        reports.sent(sent, "200", "{\"kode\":200,\"keterangan\":\"Diterima: NIK 1607111204780003, telp 081277889900\"}");
        assertThat(reports.find(sent).orElseThrow().ossReply())
                .isEqualTo("{\"kode\":200,\"keterangan\":\"Diterima: NIK 1607**********03, telp *********900\"}");

        long deadLettered = reports.recordIfNew(entry, "banyuasin", "SCL-1", StatusReports.STATUS, "20", "Proses",
                Json.tree("{\"kd_status\":\"20\"}")).orElseThrow();
        reports.deadLettered(deadLettered, null, "unexpected error: value of no_identitas 1607111204780003, "
                + "telp 081277889900 too long");
        assertThat(reports.find(deadLettered).orElseThrow().ossReply())
                .isEqualTo("unexpected error: value of no_identitas 1607**********03, telp *********900 too long");
    }

    /**
     * What an earlier version had OSS take, or may still have it take, holds a later version's steps back: a
     * dead-lettered report waits for IT staff, who may replay it; a discarded one never reaches OSS.
     */
    @Test
    void anEarlierVersionsDeadLetteredStatusCountsForOssUntilItIsDiscarded() {
        long id = record().orElseThrow();
        LedgerEntry change = new SyncLedger(jdbc, CLOCK, new FlowMetrics(new SimpleMeterRegistry()), event -> { }, TestPayloads.sealed())
                .recordIncoming("oss-nib", "9120301234567", "I-1", "P-1", "1607112003", IncomingContent.of("h2"))
                .entry();
        reports.deadLettered(id, "400", "Data izin tidak sesuai");

        assertThat(reports.statusesOfEarlierVersions(change)).containsExactly("50");
        assertThat(reports.discarded(id)).isTrue();
        assertThat(reports.statusesOfEarlierVersions(change)).isEmpty();
        assertThat(reports.discarded(id)).as("discarded once").isFalse();
        assertThat(reports.find(id).orElseThrow().state()).isEqualTo(StatusReports.DISCARDED);
    }

    @Test
    void onlyAHeldReportIsReleasedAndThenPendingLikeAnyReport() {
        long held = reports.recordHeldIfNew(entry, "banyuasin", "SCL-1", "09", "Entri Data",
                Json.tree("{\"kd_status\":\"09\"}")).orElseThrow();
        long pending = record().orElseThrow();

        assertThat(reports.released(held)).isTrue();
        assertThat(reports.released(held)).as("released once").isFalse();
        assertThat(reports.released(pending)).isFalse();
        assertThat(reports.statusesOf(entry.id())).extracting(StatusReports.StatusReport::state)
                .containsExactly(StatusReports.PENDING, StatusReports.PENDING);
        assertThat(reports.claim(held)).isPresent();
    }

    /**
     * A decided permit's IZINFINAL waits only while its IZINSTATUS is in a dead letter, is released once, and
     * meanwhile is no pending report the stale sweep would queue again.
     */
    @Test
    void aFinalWaitsOnlyWhileItsStatusIsDeadLetteredAndIsReleasedOnce() {
        long status = record().orElseThrow();
        StatusReports.StatusReport decided = recordFinal();

        assertThat(reports.waits(decided)).as("its status is pending").isFalse();
        reports.deadLettered(status, "400", "Data izin tidak sesuai");
        assertThat(reports.waits(decided)).isTrue();
        assertThat(reports.waits(decided)).as("parked once").isFalse();
        assertThat(reports.find(decided.id()).orElseThrow().state()).isEqualTo(StatusReports.WAITING);
        assertThat(reports.claim(decided.id())).isEmpty();
        Clock later = Clock.offset(CLOCK, Duration.ofMinutes(11));
        assertThat(new StatusReports(jdbc, later).stale("banyuasin", later.instant().minus(Duration.ofMinutes(10))))
                .as("a waiting final is not queued again").isEmpty();
        assertThat(reports.finalsWaitingForNothing()).as("its status waits in a dead letter").isEmpty();

        assertThat(reports.discarded(status)).isTrue();
        assertThat(reports.finalsWaitingForNothing()).extracting(StatusReports.StatusReport::id)
                .containsExactly(decided.id());
        assertThat(reports.finalReleased(entry.id(), "50")).map(StatusReports.StatusReport::id).contains(decided.id());
        assertThat(reports.finalReleased(entry.id(), "50")).as("released once").isEmpty();
        assertThat(reports.find(decided.id()).orElseThrow().state()).isEqualTo(StatusReports.PENDING);
    }

    /**
     * The final's consumer decides to park it while the status, replayed, reaches OSS in a transaction that commits
     * a moment later (and finds no final waiting to release): parked, the final would wait for ever.
     */
    @Test
    void aFinalIsNotParkedBehindAStatusThatReachesOssWhileItIsBeingParked() throws Exception {
        long status = record().orElseThrow();
        StatusReports.StatusReport decided = recordFinal();
        reports.deadLettered(status, "400", "Data izin tidak sesuai");

        boolean parked = ConcurrentCopy.whileACopyCommits(transaction, () -> {
            jdbc.sql("UPDATE status_report SET state = 'PENDING' WHERE id = :id").param("id", status).update();
            reports.sent(status, "200", "{}");
            assertThat(reports.finalReleased(entry.id(), "50")).isEmpty();
        }, () -> reports.waits(decided));

        assertThat(parked).isFalse();
        assertThat(reports.find(decided.id()).orElseThrow().state()).isEqualTo(StatusReports.PENDING);
    }

    /** The other way round: the status reaches OSS while the final is being parked, and then releases it. */
    @Test
    void aFinalParkedWhileItsStatusReachesOssIsReleasedByThatStatus() throws Exception {
        long status = record().orElseThrow();
        StatusReports.StatusReport decided = recordFinal();
        reports.deadLettered(status, "400", "Data izin tidak sesuai");

        Optional<StatusReports.StatusReport> released = ConcurrentCopy.whileACopyCommits(transaction,
                () -> assertThat(reports.waits(decided)).isTrue(), () -> {
                    jdbc.sql("UPDATE status_report SET state = 'PENDING' WHERE id = :id").param("id", status).update();
                    reports.sent(status, "200", "{}");
                    return reports.finalReleased(entry.id(), "50");
                });

        assertThat(released).map(StatusReports.StatusReport::id).contains(decided.id());
        assertThat(reports.find(decided.id()).orElseThrow().state()).isEqualTo(StatusReports.PENDING);
    }

    private static void awaitQuietly(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private StatusReports.StatusReport recordFinal() {
        long id = reports.recordIfNew(entry, "banyuasin", "SCL-1", StatusReports.FINAL, "50", "Selesai",
                Json.tree("{\"IZINFINAL\":{\"status_izin\":\"50\"}}")).orElseThrow();
        return reports.find(id).orElseThrow();
    }

    private Optional<Long> record() {
        return reports.recordIfNew(entry, "banyuasin", "SCL-1", StatusReports.STATUS, "50", "Selesai",
                Json.tree("{\"kd_status\":\"50\"}"));
    }
}
