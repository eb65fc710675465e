package id.simpul.intake.poll;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import id.simpul.intake.NibIntake;
import id.simpul.platform.SimpulProperties;
import id.simpul.platform.audit.AuditLog;
import id.simpul.platform.audit.TestAuditKeys;
import id.simpul.platform.connector.oss.OssClient;
import id.simpul.platform.connector.oss.OssOperation;
import id.simpul.platform.connector.oss.OssRefusedException;
import id.simpul.platform.failure.TransientFailureException;
import id.simpul.platform.ledger.SyncLedger;
import id.simpul.platform.lock.LockConfig;
import id.simpul.simulator.OssSimulatorFaults;
import id.simpul.simulator.OssSimulatorState;
import id.simpul.simulator.OssStateTransformer;
import id.simpul.simulator.SimulatorServer;
import id.simpul.support.OssSimulatorControl;
import id.simpul.support.TestPorts;
import id.simpul.support.TestStores;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The backfill worker on the hub's store (H2, the hub's Flyway scripts), without the rest of the hub. */
class BackfillsTest {

    private static final List<String> NIBS = List.of("9120301236001", "9120301236002", "9120301236003");
    private static final BackfillProperties PROPERTIES = new BackfillProperties(null, 0, 0, null, 0, 0);

    @TempDir
    Path dir;

    private DataSource store;

    @BeforeEach
    void store() {
        // In memory and kept open: a file store opened one connection per statement is closed each time the last
        // one ends, and once a batch saw it reopen without its tables ("Table oss_backfill_job not found").
        store = TestStores.migratedH2("backfills");
    }

    @Test
    void whileOssAnswers5xxEachPollCallsItOnceAndThePollEnds() {
        SimulatorServer oss = new SimulatorServer("oss", TestPorts.free(), dir,
                new OssStateTransformer(new OssSimulatorState(null, Clock.systemUTC()), new OssSimulatorFaults()));
        oss.start();
        OssPollScheduler poller = null;
        try {
            new OssSimulatorControl(oss.port()).fault("{\"type\":\"http-5xx\",\"operation\":\"inqueryNIB\"}");
            OssClient client = new OssClient("http://localhost:" + oss.port() + "/v1/kl/rba", "key",
                    Duration.ofSeconds(5));
            SimpulProperties settings = mock(SimpulProperties.class);
            when(settings.reconciliation()).thenReturn(new SimpulProperties.Reconciliation(0, null, null));
            NibRefresh refresh = new NibRefresh(client, mock(SyncLedger.class), mock(IntakeQueue.class),
                    settings, mock(NibIntake.class), Clock.systemUTC());
            Backfills backfills = backfills(refresh, Clock.systemUTC());
            long job = backfills.create(NIBS, 20.0, "uji").id();
            poller = new OssPollScheduler(mock(OssSweep.class), backfills,
                    new SweepProperties(null, null, null, 0, 0, null, null), PROPERTIES,
                    new DefaultLockingTaskExecutor(LockConfig.jdbcLockProvider(store)), Clock.systemUTC());

            for (int poll = 1; poll <= 3; poll++) {
                CompletableFuture<Void> pass = CompletableFuture.runAsync(poller::backfillPoll);
                // Bounds a poll that would go on calling OSS for as long as it is down.
                await().atMost(Duration.ofSeconds(30)).until(pass::isDone);
            }

            assertThat(oss.wireMock().findAll(postRequestedFor(urlPathEqualTo("/v1/kl/rba/inqueryNIB"))))
                    .as("one inqueryNIB per poll").hasSize(3);
            Backfills.Job paused = backfills.get(job).orElseThrow();
            assertThat(paused.state()).isEqualTo("RUNNING");
            assertThat(paused.done()).isZero();
            assertThat(paused.lastError()).contains("503");
        } finally {
            if (poller != null) {
                poller.stop();
            }
            oss.stop();
        }
    }

    @Test
    void aJobKeepsItsPaceFromOneSliceToTheNext() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-29T03:00:00Z"));
        NibRefresh refresh = mock(NibRefresh.class);
        // Each NIB takes the whole slice, so every work() is a slice of one NIB.
        when(refresh.refresh(any(), any())).thenAnswer(call -> {
            now.updateAndGet(t -> t.plus(PROPERTIES.slice()));
            return NibRefresh.Outcome.UNCHANGED;
        });
        Backfills backfills = backfills(refresh, clock(now));
        double oneEvery100Seconds = 0.01;
        long job = backfills.create(NIBS, oneEvery100Seconds, "uji").id();

        assertThat(backfills.work(() -> false)).isTrue();
        verify(refresh, times(1)).refresh(any(), any());

        // The next slice has to wait for the job's limiter instead of getting a call at once.
        AtomicBoolean stopping = new AtomicBoolean();
        Thread nextSlice = new Thread(() -> backfills.work(stopping::get));
        nextSlice.start();
        RateLimiter limiter = backfills.limiter(job, oneEvery100Seconds);
        await().atMost(Duration.ofSeconds(10)).until(() -> limiter.getMetrics().getNumberOfWaitingThreads() == 1);
        verify(refresh, times(1)).refresh(any(), any());
        stopping.set(true);
        nextSlice.interrupt();
        nextSlice.join(Duration.ofSeconds(10).toMillis());
        assertThat(backfills.get(job).orElseThrow().done()).isEqualTo(1);
    }

    @Test
    void aRefusalAndTheFailureThatPausedTheJobAreKeptWithTheNikAndPhoneTheyQuoteMasked() {
        NibRefresh refresh = mock(NibRefresh.class);
        when(refresh.refresh(eq(NIBS.get(0)), any())).thenThrow(new OssRefusedException(OssOperation.INQUERY_NIB, 400,
                "NIB 9120301236001: pemohon NIK 1607111204780003, telp 081277889900 tidak sesuai"));
        when(refresh.refresh(eq(NIBS.get(1)), any())).thenThrow(new TransientFailureException(
                "inqueryNIB: the store refused NIK 1607111204780003, telp 081277889900"));
        Backfills backfills = backfills(refresh, Clock.systemUTC());
        long job = backfills.create(NIBS, 20.0, "uji").id();

        assertThat(backfills.work(() -> false)).as("paused by the transient failure").isFalse();

        assertThat(JdbcClient.create(store).sql("SELECT detail FROM oss_backfill_item WHERE job_id = :job AND seq = 0")
                .param("job", job).query(String.class).single())
                .isEqualTo("NIB 9120301236001: pemohon NIK 1607**********03, telp *********900 tidak sesuai");
        assertThat(backfills.get(job).orElseThrow().lastError())
                .isEqualTo("inqueryNIB: the store refused NIK 1607**********03, telp *********900");
    }

    @Test
    void aBackfillCancelledBeforeTheWorkerMarksItRunningStaysCancelled() {
        Backfills backfills = backfills(mock(NibRefresh.class), Clock.systemUTC());
        long job = backfills.create(NIBS, 5.0, "uji").id();

        assertThat(backfills.cancel(job, "uji")).isTrue();
        assertThat(backfills.markRunning(job)).isFalse();

        assertThat(backfills.get(job).orElseThrow().state()).isEqualTo("CANCELLED");
    }

    private Backfills backfills(NibRefresh refresh, Clock clock) {
        return new Backfills(JdbcClient.create(store), new JdbcTemplate(store),
                new TransactionTemplate(new DataSourceTransactionManager(store)), refresh, PROPERTIES, clock,
                new SimpleMeterRegistry(), new AuditLog(JdbcClient.create(store), clock, TestAuditKeys.KEY));
    }

    private static Clock clock(AtomicReference<Instant> now) {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
    }
}
