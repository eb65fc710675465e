package id.simpul.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import id.simpul.platform.connector.oss.OssClient;
import id.simpul.platform.failure.SyncFailureException;
import id.simpul.platform.json.Json;
import id.simpul.platform.ledger.IncomingContent;
import id.simpul.platform.ledger.LedgerEntry;
import id.simpul.platform.ledger.SyncLedger;
import id.simpul.platform.ledger.TrailEvent;
import id.simpul.platform.metrics.FlowMetrics;
import id.simpul.support.TestStores;
import id.simpul.support.TestPayloads;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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

/** One status report sent to OSS on the hub's store (H2, the hub's Flyway scripts), without the rest of the hub. */
class OssBackSyncTest {

    private static final String QUOTING = "NIK 1607111204780003, telp 081277889900";
    private static final String MASKED = "NIK 1607**********03, telp *********900";

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private WireMockServer oss;
    private DataSource store;
    private JdbcClient jdbc;
    private SyncLedger ledger;
    private LedgerEntry entry;
    private long reportId;

    @BeforeEach
    void reportPending() {
        oss = new WireMockServer(options().dynamicPort());
        oss.start();
        store = TestStores.migratedH2("backsync");
        jdbc = JdbcClient.create(store);
        ledger = new SyncLedger(jdbc, Clock.systemUTC(), new FlowMetrics(new SimpleMeterRegistry()), event -> { }, TestPayloads.sealed());
        entry = ledger.recordIncoming("oss-nib", "9120301234567", "I-MASK-1", "P-1", "1607112003",
                IncomingContent.of("h1")).entry();
        reportId = new StatusReports(jdbc, Clock.systemUTC()).recordIfNew(entry, "banyuasin", "SCL-1",
                StatusReports.STATUS, "50", "Selesai",
                Json.tree("{\"IZINSTATUS\":{\"id_izin\":\"I-MASK-1\",\"kd_status\":\"50\"}}")).orElseThrow();
    }

    @AfterEach
    void stop() throws Exception {
        oss.stop();
        camel.close();
    }

    @Test
    void ossAcceptanceQuotingANikAndAPhoneIsKeptInTheTrailAndTheReportWithThemMasked() {
        oss.stubFor(post(urlPathEqualTo("/v1/kl/rba/receiveLicenseStatus")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"responreceiveLicenseStatus\":{\"kode\":200,\"keterangan\":\"Diterima untuk " + QUOTING
                        + "\"}}")));
        OssClient client = new OssClient(oss.baseUrl() + "/v1/kl/rba", "test-key", Duration.ofSeconds(10));

        backSync(new OssConnectorStatusReporter(client)).report("{\"reportId\":" + reportId + "}", message());

        assertThat(reportEvents()).extracting(TrailEvent::detail).containsExactly("receiveLicenseStatus kd_status 50 (banyuasin SCL-1: Selesai) -> OSS kode 200: "
                        + "Diterima untuk " + MASKED);
        assertThat(ossReply()).contains("Diterima untuk " + MASKED).doesNotContain("1607111204780003");
    }

    @Test
    void aFailureOfTheHubQuotingANikAndAPhoneIsKeptInTheTrailAndTheReportWithThemMasked() {
        OssStatusReporter failing = new OssStatusReporter() {
            @Override
            public OssReply reportStatus(JsonNode izinStatusBody) {
                throw new IllegalStateException("no_identitas " + QUOTING + " cannot be sent");
            }

            @Override
            public OssReply reportFinal(JsonNode izinFinalBody) {
                throw new UnsupportedOperationException();
            }
        };

        assertThatThrownBy(() -> backSync(failing).report("{\"reportId\":" + reportId + "}", message()))
                .isInstanceOf(SyncFailureException.class);

        String quoted = "unexpected error: java.lang.IllegalStateException: no_identitas " + MASKED + " cannot be sent";
        assertThat(reportEvents()).extracting(TrailEvent::kind, TrailEvent::detail).containsExactly(
                tuple("STATUS_FAILED",
                        "attempt 1 receiveLicenseStatus kd_status 50 (banyuasin SCL-1: Selesai) PERMANENT: " + quoted),
                tuple("STATUS_DEAD_LETTERED",
                        "receiveLicenseStatus kd_status 50 (banyuasin SCL-1: Selesai) PERMANENT: " + quoted));
        assertThat(ossReply()).isEqualTo(quoted);
    }

    private OssBackSync backSync(OssStatusReporter reporter) {
        FailurePolicy policy = new FailurePolicy(
                new FailurePolicy.Settings(2, Duration.ofMillis(10), 2.0, Duration.ofMillis(50)), null);
        StatusReports reports = new StatusReports(jdbc, Clock.systemUTC());
        return new OssBackSync(reports, reporter, policy, ledger, new HeldStatuses(reports, ledger, null),
                new TransactionTemplate(new DataSourceTransactionManager(store)));
    }

    private List<TrailEvent> reportEvents() {
        return ledger.events(entry.id()).stream().filter(e -> e.kind().startsWith("STATUS_")).toList();
    }

    private String ossReply() {
        return jdbc.sql("SELECT oss_reply FROM status_report WHERE id = :id").param("id", reportId)
                .query(String.class).single();
    }

    private Message message() {
        return new DefaultExchange(camel).getIn();
    }
}
