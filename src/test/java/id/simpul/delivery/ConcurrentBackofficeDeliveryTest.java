package id.simpul.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.simpul.canonical.PermitMessage;
import id.simpul.mapping.Mappings;
import id.simpul.platform.SimpulProperties;
import id.simpul.platform.SimpulProperties.Target;
import id.simpul.platform.audit.AuditLog;
import id.simpul.platform.audit.TestAuditKeys;
import id.simpul.platform.failure.DeferredException;
import id.simpul.platform.failure.TransientFailureException;
import id.simpul.platform.json.Json;
import id.simpul.platform.ledger.IncomingContent;
import id.simpul.platform.ledger.LedgerEntry;
import id.simpul.platform.ledger.LedgerState;
import id.simpul.platform.ledger.SyncLedger;
import id.simpul.platform.ledger.TrailEvent;
import id.simpul.platform.metrics.FlowMetrics;
import id.simpul.simulator.BackofficeSimulator;
import id.simpul.simulator.PermitSystemSimulator;
import id.simpul.simulator.SiCantikCloudSimulator;
import id.simpul.support.Fixtures;
import id.simpul.support.MutableClock;
import id.simpul.support.StatementLog;
import id.simpul.support.TestPorts;
import id.simpul.support.TestStores;
import id.simpul.support.TestPayloads;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two deliveries of the same permit version at the same moment: a reconciliation re-send or a replay
 * while the original is still in flight, or one message on each of two hub instances. Each delivery
 * here runs on a hub instance of its own (its own ledger, failure policy and adapters) over one shared
 * store ({@code ConcurrentBackofficeDeliveryIT}: PostgreSQL) and one simulated backoffice, which knows
 * no idempotency key: its adapter looks the permit up, then creates it. The test holds look-ups at a
 * gate it opens itself, so "at the same moment" needs no sleep.
 */
class ConcurrentBackofficeDeliveryTest {

    private static final String CANONICAL = Fixtures.text("delivery/canonical-permit-banyuasin.json");
    private static final Duration LEASE = Duration.ofMinutes(2);
    /**
     * A lease the tests wait out, on the store's clock: long enough for a few statements on a loaded machine. The
     * backoffice's read timeout is set below half of it, as {@link TargetRegistry} requires of any lease.
     */
    private static final Duration SHORT_LEASE = Duration.ofSeconds(2);
    private static final Duration SHORT_READ_TIMEOUT = Duration.ofMillis(900);
    /** Between the JVM's monotonic time and the store's clock (precision of CURRENT_TIMESTAMP). */
    private static final Duration TOLERANCE = Duration.ofMillis(20);
    private static final Mappings MAPPINGS = new Mappings(Path.of("mappings"));

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T08:00:00Z"));
    private final StatementLog statements = new StatementLog();
    private final ExecutorService consumers = Executors.newFixedThreadPool(2);
    private DataSource store;
    private PermitSystemSimulator backoffice;
    private PermitSystemSimulator cloud;
    private SimpulProperties properties;

    @BeforeEach
    void start() {
        store = statements.wrap(migratedStore());
        int backofficePort = TestPorts.free();
        int cloudPort = TestPorts.free();
        backoffice = new BackofficeSimulator("backoffice", backofficePort, dataDir.resolve("backoffice"), clock,
                new SimpulProperties.TargetSimulator(backofficePort, Duration.ZERO, null, "backoffice-key", null));
        cloud = new SiCantikCloudSimulator("sicantik", cloudPort, dataDir.resolve("sicantik"), clock,
                new SimpulProperties.TargetSimulator(cloudPort, Duration.ZERO, "cloud-token", null, null));
        backoffice.start();
        cloud.start();
        properties = properties(LEASE, Duration.ofSeconds(3));
    }

    /** Delivery settings with this lease, and this read timeout at the backoffice (which takes the lease). */
    private SimpulProperties properties(Duration lease, Duration backofficeReadTimeout) {
        return new SimpulProperties(null, null, null, null, null, null,
                new SimpulProperties.Delivery(2, 3, Duration.ofMillis(20), 2.0, Duration.ofMillis(100), Duration.ZERO,
                        lease),
                List.of(target("palembang", "sicantik-backoffice", backoffice, null, "backoffice-key",
                                "targets/sicantik-backoffice.jslt", "1671", backofficeReadTimeout),
                        target("banyuasin", "sicantik-cloud", cloud, "cloud-token", null,
                                "targets/sicantik-cloud.jslt", "1607", Duration.ofSeconds(3))),
                null, null, null);
    }

    @AfterEach
    void stop() {
        consumers.shutdownNow();
        backoffice.stop();
        cloud.stop();
    }

    /** The one store the hub instances share, migrated by the hub's Flyway scripts. */
    protected DataSource migratedStore() {
        return TestStores.migratedH2("concurrent-delivery");
    }

    @Test
    void twoDeliveriesOfOneVersionAtOnceRegisterItOnceAndTheOneHeldBackSkipsItWhenTheBrokerBringsItAgain()
            throws Exception {
        long id = received();
        LookUpGate gate = new LookUpGate();
        Hub first = hub(gate);
        Hub second = hub(gate);

        Future<String> original = consumers.submit(() -> first.push(id, "palembang"));
        // The original is in its attempt, held between its look-up and its create.
        await().atMost(Duration.ofSeconds(10)).until(() -> gate.lookUps() == 1);
        Future<String> resent = consumers.submit(() -> second.push(id, "palembang"));
        // The re-sent copy either looks the permit up as well (found nothing: the race) or gives up without trying.
        await().atMost(Duration.ofSeconds(10)).until(() -> gate.lookUps() == 2 || resent.isDone());
        gate.open();
        String originalEnded = original.get(10, TimeUnit.SECONDS);
        String resentEnded = resent.get(10, TimeUnit.SECONDS);

        assertThat(backoffice.registrations()).as("registrations at the backoffice").isEqualTo(1);
        assertThat(originalEnded).isEqualTo("acknowledged");
        assertThat(resentEnded).isEqualTo("deferred");
        assertThat(gate.lookUps()).isEqualTo(1);

        // The broker delivers the deferred copy again later: the version is delivered, so it is skipped.
        assertThat(second.push(id, "palembang")).isEqualTo("acknowledged");
        assertThat(backoffice.registrations()).isEqualTo(1);
        LedgerEntry entry = first.ledger().get(id);
        assertThat(entry.state()).isEqualTo(LedgerState.DELIVERED);
        assertThat(entry.targetRef()).isEqualTo(backoffice.permits().numbers().iterator().next());
        assertThat(entry.attempts()).isEqualTo(1);
        assertThat(first.ledger().events(id)).extracting(TrailEvent::kind)
                .containsExactly("RECEIVED", "DEFERRED", "DELIVERED", "DUPLICATE_IGNORED");
    }

    @Test
    void aLeaseLeftByAHubThatDiedMidAttemptHoldsOtherDeliveriesBackOnlyUntilItLapses() {
        properties = properties(SHORT_LEASE, SHORT_READ_TIMEOUT);
        long id = received();
        Hub survivor = hub(new TargetHttp());
        long start = diedAfterCreating(id, SHORT_LEASE);
        backoffice.wireMock().resetRequests();

        assertThat(survivor.push(id, "palembang")).isEqualTo("deferred");
        clock.advance(Duration.ofDays(1));
        assertThat(survivor.push(id, "palembang")).as("the hub's clock plays no part").isEqualTo("deferred");
        assertThat(backoffice.wireMock().getAllServeEvents()).as("requests while the lease runs").isEmpty();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> survivor.push(id, "palembang").equals("acknowledged"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("held back until the lease lapsed")
                .isGreaterThanOrEqualTo(SHORT_LEASE.minus(TOLERANCE));

        // The look-up finds what the dead hub created: still one registration.
        assertThat(backoffice.registrations()).isEqualTo(1);
        LedgerEntry entry = survivor.ledger().get(id);
        assertThat(entry.state()).isEqualTo(LedgerState.DELIVERED);
        assertThat(entry.targetRef()).isEqualTo(backoffice.permits().numbers().iterator().next());
        assertThat(survivor.ledger().events(id)).extracting(TrailEvent::kind)
                .containsExactly("RECEIVED", "DEFERRED", "DELIVERED", "ALREADY_REGISTERED");
    }

    @Test
    void aCreateWhoseAnswerNeverCameKeepsTheLeaseSoNoRetryLooksUpBeforeTheTargetHasFinished() throws Exception {
        properties = properties(SHORT_LEASE, SHORT_READ_TIMEOUT);
        long id = received();
        SlowCreates http = new SlowCreates();
        Hub hub = hub(http);

        // The create times out in the hub while the backoffice is still working on it; the retry is held back.
        long start = System.nanoTime();
        assertThat(hub.push(id, "palembang")).isEqualTo("deferred");
        assertThat(hub.push(id, "palembang")).as("a retry while the lease runs").isEqualTo("deferred");
        assertThat(http.lookUps()).as("look-ups while the lease runs").isEqualTo(1);
        http.finishCreate();
        assertThat(backoffice.registrations()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> hub.push(id, "palembang").equals("acknowledged"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("held back until the lease lapsed")
                .isGreaterThanOrEqualTo(SHORT_LEASE.minus(TOLERANCE));

        assertThat(backoffice.registrations()).as("registrations at the backoffice").isEqualTo(1);
        assertThat(hub.ledger().events(id)).extracting(TrailEvent::kind).contains("ALREADY_REGISTERED");
    }

    @Test
    void onlyAFailureWithoutAnAnswerAfterTheRequestMayHaveArrivedLeavesTheOutcomeUnknown() {
        assertThat(PermitDelivery.outcomeUnknown(new TransientFailureException("x did not answer within 5s",
                new java.util.concurrent.TimeoutException()))).isTrue();
        assertThat(PermitDelivery.outcomeUnknown(new TransientFailureException("x unreachable",
                new java.io.IOException("connection reset")))).isTrue();
        assertThat(PermitDelivery.outcomeUnknown(new TransientFailureException("x unreachable",
                new java.net.ConnectException("refused")))).isFalse();
        assertThat(PermitDelivery.outcomeUnknown(TargetHttp.failure("x", 503, "{}"))).as("it answered").isFalse();
        assertThat(PermitDelivery.outcomeUnknown(TargetHttp.failure("x", 422, "{}"))).isFalse();
    }

    @Test
    void aTargetIdempotentByKeyTakesNoLeaseAndCountsTheAttemptInTheStatementThatRecordsTheDelivery() {
        long id = received();
        Hub hub = hub(new TargetHttp());
        statements.clear();

        assertThat(hub.push(id, "banyuasin")).isEqualTo("acknowledged");

        assertThat(cloud.registrations()).isEqualTo(1);
        // Read the row, record the delivery with its attempt, tell the trail: nothing is written before the request,
        // so the embedded store commits once per delivery (ADR 0009).
        assertThat(statements.statements()).hasSize(3).noneMatch(sql -> sql.contains("lease"));
        assertThat(statements.statements().get(1)).contains("state = 'DELIVERED'", "attempts = attempts + 1");
        assertThat(hub.ledger().get(id).attempts()).isEqualTo(1);
    }

    @Test
    void aBackofficeDeliveryTakesAndEndsItsLeaseInsideTheSameFourStatements() {
        long id = received();
        Hub hub = hub(new TargetHttp());
        statements.clear();

        assertThat(hub.push(id, "palembang")).isEqualTo("acknowledged");

        assertThat(backoffice.registrations()).isEqualTo(1);
        assertThat(statements.statements()).hasSize(4).filteredOn(sql -> sql.contains("lease_holder")).hasSize(2);
    }

    /** The fixture's permit version, received into the ledger; returns its row id. */
    private long received() {
        PermitMessage message = Json.read(CANONICAL, PermitMessage.class);
        SyncLedger ledger = ledger();
        return ledger.recordIncoming("oss-nib", message.source().nib(), message.source().idIzin(),
                message.source().ossId(), message.permit().kdDaerah(), IncomingContent.of(message.source().contentHash())).entry().id();
    }

    /**
     * A hub took the version's lease, created the permit at the backoffice, and died before it could record that;
     * returns when the lease was taken ({@link System#nanoTime}).
     */
    private long diedAfterCreating(long id, Duration lease) {
        SyncLedger ledger = ledger();
        LedgerEntry entry = ledger.get(id);
        Target palembang = properties.targets().get(0);
        RegistrationRequest request = new RegistrationRequest(entry.idIzin(), entry.version(),
                RegistrationRequest.keyOf(entry.idIzin(), entry.version()),
                MAPPINGS.applyFile(palembang.mapping(), Json.tree(CANONICAL)));
        new BackofficeClient(new TargetHttp()).register(palembang, request);
        assertThat(backoffice.registrations()).isEqualTo(1);
        // Taken after the create here (the dead hub took it before) so that the lease's time starts just before
        // the test's next step, whatever the create cost on a loaded machine.
        long leaseTaken = System.nanoTime();
        assertThat(ledger.startLeasedAttempt(id, "palembang", lease)).isPresent();
        return leaseTaken;
    }

    /** One hub instance over the shared store: its own ledger, failure policy, adapters and delivery. */
    private Hub hub(TargetHttp http) {
        SyncLedger ledger = ledger();
        TargetRegistry targets = new TargetRegistry(properties, List.of(new BackofficeClient(http),
                new SiCantikClient(http)), MAPPINGS);
        FailurePolicy policy = new FailurePolicy(FailurePolicy.Settings.of(properties.delivery()),
                new SimpleMeterRegistry());
        // Both targets accept writes: the manual-entry queue is there but never reached.
        ManualEntries manual = new ManualEntries(JdbcClient.create(store), ledger, clock,
                new AuditLog(JdbcClient.create(store), clock, TestAuditKeys.KEY), TestPayloads.sealed());
        return new Hub(ledger, new PermitDelivery(targets, MAPPINGS, ledger, policy, manual, properties));
    }

    /** A ledger over the shared store (each hub instance has its own). */
    private SyncLedger ledger() {
        return new SyncLedger(JdbcClient.create(store), clock, new FlowMetrics(new SimpleMeterRegistry()), event -> { }, TestPayloads.sealed());
    }

    private record Hub(SyncLedger ledger, PermitDelivery delivery) {

        /**
         * A consumer taking the message from the target's queue (the route passes the target's id):
         * "acknowledged" when the push ends normally (the broker forgets the message), "deferred" when
         * it goes back to the broker for a later delivery.
         */
        String push(long ledgerId, String targetId) {
            try {
                delivery.push(CANONICAL, ledgerId, targetId);
                return "acknowledged";
            } catch (DeferredException e) {
                return "deferred";
            }
        }
    }

    private static Target target(String id, String flavour, PermitSystemSimulator simulator, String token,
                                 String apiKey, String mapping, String prefix, Duration readTimeout) {
        return new Target(id, flavour, List.of(prefix), "http://localhost:" + simulator.port(), token, apiKey,
                mapping, Duration.ofSeconds(2), readTimeout, 2, null, null, null, null, null);
    }

    /** The targets' HTTP, with every look-up of a permit ({@code ?id_izin_oss=}) held until the test opens the gate. */
    /**
     * The first create reaches the backoffice only when the test says so, while the hub has already given up
     * waiting for its answer, exactly as {@link TargetHttp} reports a read timeout.
     */
    private static final class SlowCreates extends TargetHttp {
        private final AtomicInteger lookUps = new AtomicInteger();
        private final CountDownLatch arrive = new CountDownLatch(1);
        private final ExecutorService backend = Executors.newSingleThreadExecutor();
        private final AtomicBoolean first = new AtomicBoolean(true);
        private volatile Future<HttpResponse<String>> create;

        @Override
        public HttpResponse<String> send(String system, Duration connectTimeout, Duration readTimeout,
                                         HttpRequest request) {
            if ("GET".equals(request.method()) && String.valueOf(request.uri().getQuery()).contains("id_izin_oss=")) {
                lookUps.incrementAndGet();
            }
            if ("POST".equals(request.method()) && first.getAndSet(false)) {
                create = backend.submit(() -> {
                    arrive.await();
                    return SlowCreates.super.send(system, connectTimeout, readTimeout, request);
                });
                throw new TransientFailureException(system + " did not answer within " + readTimeout,
                        new java.util.concurrent.TimeoutException());
            }
            return super.send(system, connectTimeout, readTimeout, request);
        }

        int lookUps() {
            return lookUps.get();
        }

        void finishCreate() throws Exception {
            arrive.countDown();
            create.get(10, TimeUnit.SECONDS);
            backend.shutdown();
        }
    }

    private static final class LookUpGate extends TargetHttp {

        private final CountDownLatch open = new CountDownLatch(1);
        private final AtomicInteger lookUps = new AtomicInteger();

        @Override
        public HttpResponse<String> send(String system, Duration connectTimeout, Duration readTimeout,
                                         HttpRequest request) {
            String query = request.uri().getQuery();
            if ("GET".equals(request.method()) && query != null && query.contains("id_izin_oss=")) {
                lookUps.incrementAndGet();
                try {
                    if (!open.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the test never opened the gate");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return super.send(system, connectTimeout, readTimeout, request);
        }

        int lookUps() {
            return lookUps.get();
        }

        void open() {
            open.countDown();
        }
    }
}
