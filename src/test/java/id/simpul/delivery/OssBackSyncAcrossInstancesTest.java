package id.simpul.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import id.simpul.platform.connector.oss.OssClient;
import id.simpul.platform.failure.DeferredException;
import id.simpul.platform.json.Json;
import id.simpul.platform.ledger.IncomingContent;
import id.simpul.platform.ledger.LedgerEntry;
import id.simpul.platform.ledger.SyncLedger;
import id.simpul.platform.metrics.FlowMetrics;
import id.simpul.support.Fixtures;
import id.simpul.support.TestStores;
import id.simpul.support.TestPayloads;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two hub instances share one store and one broker: each has its own report consumer, so two copies of one
 * report message (a deferred copy and the one the stale sweep re-queued) can be consumed at once, one per
 * instance. OSS must hear the status once.
 */
class OssBackSyncAcrossInstancesTest {

    private static final String STATUS = "/v1/kl/rba/receiveLicenseStatus";

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private WireMockServer oss;
    private DataSource store;
    private JdbcClient jdbc;
    private SyncLedger ledger;
    private long reportId;

    @BeforeEach
    void reportPending() {
        oss = new WireMockServer(options().dynamicPort());
        oss.start();
        // OSS takes its time: the first instance's call is still in flight when the second copy arrives.
        oss.stubFor(post(urlPathEqualTo(STATUS)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withFixedDelay(1500)
                .withBody(Fixtures.text("delivery/oss-receiveLicenseStatus-success.json"))));
        store = TestStores.migratedH2("backsync-instances");
        jdbc = JdbcClient.create(store);
        Clock clock = Clock.systemUTC();
        ledger = new SyncLedger(jdbc, clock, new FlowMetrics(new SimpleMeterRegistry()), event -> { }, TestPayloads.sealed());
        LedgerEntry entry = ledger.recordIncoming("oss-nib", "9120301234567", "I-LEASE-1", "P-1", "1607112003",
                IncomingContent.of("h1")).entry();
        reportId = new StatusReports(jdbc, clock).recordIfNew(entry, "banyuasin", "SCL-1", StatusReports.STATUS, "50",
                "Selesai", Json.tree("{\"IZINSTATUS\":{\"id_izin\":\"I-LEASE-1\",\"kd_status\":\"50\"}}")).orElseThrow();
    }

    @AfterEach
    void stop() throws Exception {
        oss.stop();
        camel.close();
    }

    @Test
    void aSecondCopyConsumedByAnotherInstanceWhileTheFirstIsInFlightIsNotSentToOssAgain() throws Exception {
        OssBackSync instanceA = instance();
        OssBackSync instanceB = instance();
        String body = "{\"reportId\":" + reportId + "}";

        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> instanceA.report(body, message()));
        await().atMost(Duration.ofSeconds(10)).until(() -> oss.findAll(postRequestedFor(urlPathEqualTo(STATUS))).size() == 1);
        Throwable second = catchThrowable(() -> instanceB.report(body, message()));
        first.get(30, TimeUnit.SECONDS);
        // The broker delivers the deferred copy again; by then the report is SENT.
        instanceB.report(body, message());

        oss.verify(1, postRequestedFor(urlPathEqualTo(STATUS)));
        assertThat(second).as("the copy in the second instance goes back to the broker")
                .isInstanceOf(DeferredException.class);
        assertThat(jdbc.sql("SELECT state FROM status_report WHERE id = :id").param("id", reportId)
                .query(String.class).single()).isEqualTo(StatusReports.SENT);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM trail_event WHERE kind = 'STATUS_SENT'").query(Long.class).single())
                .isEqualTo(1);
    }

    /**
     * The other copy's send ended in a dead letter (OSS refused the status): the copy still queued has nothing
     * to send, and must not go back to the broker for ever (its redelivery is unlimited) waiting for a lease
     * no one will take again. A replay makes the report pending and queues it anew.
     */
    @Test
    void aCopyOfAReportThatAnotherCopyDeadLetteredIsTakenOffTheQueueNotDeferredForever() {
        new StatusReports(jdbc, Clock.systemUTC()).deadLettered(reportId, "400", "OSS refused the status");

        Throwable copy = catchThrowable(() -> instance().report("{\"reportId\":" + reportId + "}", message()));

        assertThat(copy).as("the copy is consumed, not deferred back to the broker").isNull();
        oss.verify(0, postRequestedFor(urlPathEqualTo(STATUS)));
        assertThat(jdbc.sql("SELECT state FROM status_report WHERE id = :id").param("id", reportId)
                .query(String.class).single()).isEqualTo(StatusReports.DEAD_LETTERED);
    }

    /** One hub instance's report consumer: its own OSS connector and failure policy, the shared store. */
    private OssBackSync instance() {
        OssClient client = new OssClient(oss.baseUrl() + "/v1/kl/rba", "test-key", Duration.ofSeconds(10));
        FailurePolicy policy = new FailurePolicy(
                new FailurePolicy.Settings(2, Duration.ofMillis(10), 2.0, Duration.ofMillis(50)), null);
        StatusReports reports = new StatusReports(jdbc, Clock.systemUTC());
        return new OssBackSync(reports, new OssConnectorStatusReporter(client), policy, ledger,
                new HeldStatuses(reports, ledger, null),
                new TransactionTemplate(new DataSourceTransactionManager(store)));
    }

    private Message message() {
        return new DefaultExchange(camel).getIn();
    }
}
