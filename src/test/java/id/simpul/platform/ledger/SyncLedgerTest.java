package id.simpul.platform.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.platform.metrics.FlowMetrics;
import id.simpul.support.MutableClock;
import id.simpul.support.TestStores;
import id.simpul.support.TestPayloads;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The ledger over a fresh in-memory H2 store with the real migrations. */
class SyncLedgerTest {

    private static final Duration LEASE = Duration.ofMinutes(2);
    /** Long enough for a few statements on a loaded machine, short enough to wait for it to lapse. */
    private static final Duration SHORT_LEASE = Duration.ofMillis(1500);
    /** Between the JVM's monotonic time and the store's clock (precision of CURRENT_TIMESTAMP). */
    private static final Duration TOLERANCE = Duration.ofMillis(20);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T08:00:00Z"));
    private final SyncLedger ledger = new SyncLedger(JdbcClient.create(TestStores.migratedH2("ledger")), clock,
            new FlowMetrics(meters), event -> { }, TestPayloads.sealed());

    @Test
    void aDeadLetterAboutADeliveredVersionLeavesItDeliveredAndStillTellsTheTrail() {
        LedgerEntry entry = ledger.recordIncoming("oss-nib", "9120301234567", "I-1", "P-1", "1607112003", IncomingContent.of("h1")).entry();
        ledger.delivered(entry, "banyuasin", "SC-2026-000001");

        ledger.deadLettered(entry.id(), "PERMANENT", "a late duplicate failed");

        LedgerEntry after = ledger.get(entry.id());
        assertThat(after.state()).isEqualTo(LedgerState.DELIVERED);
        assertThat(after.targetRef()).isEqualTo("SC-2026-000001");
        assertThat(ledger.events(entry.id())).extracting(TrailEvent::kind).containsExactly("RECEIVED", "DELIVERED",
                "DEAD_LETTERED");
        assertThat(meters.find("simpul.messages").tag("outcome", "dead_lettered").counter()).isNull();
    }

    @Test
    void aDeadLetterAboutAnUndeliveredVersionMovesItToDeadLettered() {
        LedgerEntry entry = ledger.recordIncoming("oss-nib", "9120301234567", "I-2", "P-1", "1607112003", IncomingContent.of("h2")).entry();
        ledger.attemptFailed(Attempt.keyed(entry.id(), "banyuasin"), "TRANSIENT", "HTTP 503");

        ledger.deadLettered(entry.id(), "TRANSIENT", "retries exhausted");

        LedgerEntry after = ledger.get(entry.id());
        assertThat(after.state()).isEqualTo(LedgerState.DEAD_LETTERED);
        assertThat(after.lastError()).isEqualTo("retries exhausted");
        assertThat(meters.get("simpul.messages").tag("outcome", "dead_lettered").counter().count()).isEqualTo(1);
    }

    @Test
    void aFailedAttemptsMessageIsKeptWithTheNikAndPhoneItQuotesMaskedButATargetsSixteenDigitNumberStays() {
        LedgerEntry entry = ledger.recordIncoming("oss-nib", "9120301234567", "I-4", "P-1", "1607112003", IncomingContent.of("h4")).entry();

        ledger.attemptFailed(Attempt.keyed(entry.id(), "banyuasin"), "PERMANENT", "HTTP 422: no_identitas 1607111204780003 sudah terdaftar, telp 081277889900");
        String lastError = ledger.get(entry.id()).lastError();
        ledger.delivered(entry, "banyuasin", "1607202611300001");

        String kept = "HTTP 422: no_identitas 1607**********03 sudah terdaftar, telp *********900";
        assertThat(lastError).isEqualTo(kept);
        assertThat(ledger.events(entry.id())).extracting(TrailEvent::detail)
                .anyMatch(detail -> detail.endsWith("PERMANENT: " + kept))
                .contains("target banyuasin registered it as 1607202611300001");
    }

    @Test
    void aKeyedAttemptIsCountedWithItsOutcomeAndWritesNothingBefore() {
        LedgerEntry entry = ledger.recordIncoming("oss-nib", "9120301234567", "I-7", "P-1", "1607112003", IncomingContent.of("h7")).entry();
        Attempt first = Attempt.keyed(entry.id(), "banyuasin");
        assertThat(ledger.get(entry.id())).as("starting it writes nothing").isEqualTo(entry);

        LedgerEntry failed = ledger.attemptFailed(first, "TRANSIENT", "HTTP 503");
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.targetId()).isEqualTo("banyuasin");

        ledger.delivered(entry, "SC-2026-000007", Attempt.keyed(entry.id(), "banyuasin"));
        LedgerEntry after = ledger.get(entry.id());
        assertThat(after.attempts()).isEqualTo(2);
        assertThat(after.state()).isEqualTo(LedgerState.DELIVERED);
        assertThat(ledger.events(entry.id())).extracting(TrailEvent::detail)
                .contains("attempt 1 TRANSIENT: HTTP 503", "target banyuasin registered it as SC-2026-000007");
    }

    @Test
    void aLeasedAttemptCountedWhenItTookTheLeaseIsNotCountedAgainByItsOutcome() {
        LedgerEntry entry = ledger.recordIncoming("oss-nib", "9120301234567", "I-8", "P-1", "1671042005", IncomingContent.of("h8")).entry();
        Attempt first = Attempt.leased(ledger.startLeasedAttempt(entry.id(), "palembang", LEASE).orElseThrow(), "palembang");

        assertThat(ledger.attemptFailed(first, "TRANSIENT", "HTTP 503").attempts()).isEqualTo(1);
        ledger.release(first.lease());
        Attempt second = Attempt.leased(ledger.startLeasedAttempt(entry.id(), "palembang", LEASE).orElseThrow(), "palembang");
        ledger.delivered(entry, "9202611290000008", second);

        assertThat(ledger.get(entry.id()).attempts()).isEqualTo(2);
    }

    @Test
    void ofManyAttemptsStartingAtOnceExactlyOneTakesTheLease() throws Exception {
        LedgerEntry entry = ledger.recordIncoming("oss-nib", "9120301234567", "I-3", "P-1", "1671042005", IncomingContent.of("h3")).entry();
        int consumers = 8;
        CyclicBarrier together = new CyclicBarrier(consumers);
        ExecutorService threads = Executors.newFixedThreadPool(consumers);
        try {
            List<CompletableFuture<Optional<Lease>>> attempts = IntStream.range(0, consumers)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                        await(together);
                        return ledger.startLeasedAttempt(entry.id(), "palembang", LEASE);
                    }, threads)).toList();

            assertThat(attempts.stream().map(CompletableFuture::join).filter(Optional::isPresent)).hasSize(1);
        } finally {
            threads.shutdownNow();
        }
        assertThat(ledger.get(entry.id()).attempts()).as("only the attempt that took the lease counts").isEqualTo(1);
    }

    @Test
    void aLeaseLeftByAHolderThatDiedLapsesOnceItsLengthHasPassed() {
        LedgerEntry entry = ledger.recordIncoming("oss-nib", "9120301234567", "I-4", "P-1", "1671042005", IncomingContent.of("h4")).entry();
        long start = System.nanoTime();
        assertThat(ledger.startLeasedAttempt(entry.id(), "palembang", SHORT_LEASE)).isPresent();
        assertThat(ledger.startLeasedAttempt(entry.id(), "palembang", SHORT_LEASE)).isEmpty();

        clock.advance(Duration.ofDays(1));
        assertThat(ledger.startLeasedAttempt(entry.id(), "palembang", SHORT_LEASE)).as("the hub's clock plays no part")
                .isEmpty();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> ledger.startLeasedAttempt(entry.id(), "palembang", SHORT_LEASE).isPresent());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(SHORT_LEASE.minus(TOLERANCE));
    }

    @Test
    void aReleasedLeaseIsFreeAtOnceAndADeliveredVersionIsNotLeasedAgain() {
        LedgerEntry entry = ledger.recordIncoming("oss-nib", "9120301234567", "I-5", "P-1", "1671042005", IncomingContent.of("h5")).entry();
        Lease failed = ledger.startLeasedAttempt(entry.id(), "palembang", LEASE).orElseThrow();

        ledger.release(failed);
        Lease next = ledger.startLeasedAttempt(entry.id(), "palembang", LEASE).orElseThrow();
        ledger.delivered(entry, "9202611290000001", Attempt.leased(next, "palembang"));

        assertThat(ledger.startLeasedAttempt(entry.id(), "palembang", LEASE)).isEmpty();
        assertThat(ledger.get(entry.id()).attempts()).isEqualTo(2);
    }

    @Test
    void aHolderWhoseLeaseLapsedAndWasTakenOverCannotEndTheNewHoldersLease() {
        LedgerEntry entry = ledger.recordIncoming("oss-nib", "9120301234567", "I-6", "P-1", "1671042005", IncomingContent.of("h6")).entry();
        Lease slow = ledger.startLeasedAttempt(entry.id(), "palembang", SHORT_LEASE).orElseThrow();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> ledger.startLeasedAttempt(entry.id(), "palembang", LEASE).isPresent());

        ledger.release(slow);

        assertThat(ledger.startLeasedAttempt(entry.id(), "palembang", LEASE)).isEmpty();
    }

    @Test
    void twoHubsWhoseClocksAreAnHourApartOnOneStoreShareTheLeaseByTheDatabasesClock() {
        javax.sql.DataSource store = TestStores.migratedH2("ledger-two-clocks");
        MutableClock ahead = new MutableClock(Instant.now().plus(Duration.ofHours(1)));
        MutableClock behind = new MutableClock(Instant.now().minus(Duration.ofHours(1)));
        SyncLedger hubAhead = new SyncLedger(JdbcClient.create(store), ahead, new FlowMetrics(meters), event -> { }, TestPayloads.sealed());
        SyncLedger hubBehind = new SyncLedger(JdbcClient.create(store), behind, new FlowMetrics(meters), event -> { }, TestPayloads.sealed());
        LedgerEntry first = hubBehind.recordIncoming("oss-nib", "9120301234567", "I-7", "P-1", "1671042005",
                IncomingContent.of("h7")).entry();
        LedgerEntry second = hubBehind.recordIncoming("oss-nib", "9120301234567", "I-8", "P-1", "1671042005",
                IncomingContent.of("h8")).entry();

        // A hub whose clock runs ahead does not take over an attempt that has just started.
        assertThat(hubBehind.startLeasedAttempt(first.id(), "palembang", LEASE)).isPresent();
        assertThat(hubAhead.startLeasedAttempt(first.id(), "palembang", LEASE))
                .as("a lease of %s taken a moment ago by a hub whose clock is two hours behind", LEASE).isEmpty();

        // A hub whose clock lags takes a lease that lapsed as soon as it has lapsed, not an hour later.
        long start = System.nanoTime();
        assertThat(hubAhead.startLeasedAttempt(second.id(), "palembang", SHORT_LEASE)).isPresent();
        assertThat(hubBehind.startLeasedAttempt(second.id(), "palembang", SHORT_LEASE)).isEmpty();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> hubBehind.startLeasedAttempt(second.id(), "palembang", SHORT_LEASE).isPresent());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(SHORT_LEASE.minus(TOLERANCE));
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aPushRepeatingContentTheHubFetchedFromOssIsNotANewVersion() {
        // The sweep fetched the NIB (no kbli_konversi: inqueryNIB does not carry it), then OSS repeats its push.
        Recorded fetched = ledger.recordIncoming("oss-nib", "9120301234567", "I-7", "P-1", "1607112003",
                new IncomingContent("fetched-hash", "shared", true));
        Recorded pushed = ledger.recordIncoming("oss-nib", "9120301234567", "I-7", "P-1", "1607112003",
                new IncomingContent("pushed-hash", "shared", false));

        assertThat(pushed.fresh()).isFalse();
        assertThat(pushed.entry().id()).isEqualTo(fetched.entry().id());
        assertThat(ledger.byIdIzin("I-7")).hasSize(1);
    }

    @Test
    void twoPushesThatDifferOnlyInWhatInqueryNibLacksAreTwoVersions() {
        ledger.recordIncoming("oss-nib", "9120301234567", "I-8", "P-1", "1607112003",
                new IncomingContent("kbli-41011", "shared", false));
        Recorded changed = ledger.recordIncoming("oss-nib", "9120301234567", "I-8", "P-1", "1607112003",
                new IncomingContent("kbli-41012", "shared", false));

        assertThat(changed.fresh()).isTrue();
        assertThat(changed.entry().version()).isEqualTo(2);
    }

    @Test
    void aVersionNeverConvertedCountsAsUnconvertedOnlyOnceItHasBeenStuckSinceTheThreshold() {
        // A burst's version waits in the intake queue for minutes: the sweep must not queue it a second time.
        IncomingContent content = new IncomingContent("h9", "shared-9", true);
        ledger.recordIncoming("oss-nib", "9120301234567", "I-9", "P-1", "1607112003", content);
        Duration stuckAfter = Duration.ofMinutes(15);

        assertThat(ledger.holdsUnconverted("I-9", content, clock.instant().minus(stuckAfter))).isFalse();
        clock.advance(stuckAfter.plusSeconds(1));
        assertThat(ledger.holdsUnconverted("I-9", content, clock.instant().minus(stuckAfter))).isTrue();
        assertThat(ledger.holdsUnconverted("I-9", new IncomingContent("other", "other", true),
                clock.instant().minus(stuckAfter))).as("other content is not that version").isFalse();
    }
}
