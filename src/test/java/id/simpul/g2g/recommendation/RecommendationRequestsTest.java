package id.simpul.g2g.recommendation;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.canonical.PermitMessage;
import id.simpul.g2g.G2gProperties;
import id.simpul.g2g.events.Cursors;
import id.simpul.g2g.events.EventPublisher;
import id.simpul.g2g.events.Outbox;
import id.simpul.platform.json.Json;
import id.simpul.platform.ledger.CanonicalAttached;
import id.simpul.platform.ledger.IncomingContent;
import id.simpul.platform.ledger.SyncLedger;
import id.simpul.platform.metrics.FlowMetrics;
import id.simpul.support.MutableClock;
import id.simpul.support.TestStores;
import id.simpul.support.TestPayloads;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Requests are made when a canonical form is stored, once per permit and agency however often it is
 * stored; versions an earlier hub stored without asking (its poller had not reached them) are asked
 * about by a catch-up that then parks its cursor for good.
 */
class RecommendationRequestsTest {

    private static final String NEEDS_RECOMMENDATION = "011000000001";
    private static final String AGENCY = "dinas-pupr-banyuasin";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T08:00:00Z"));
    private final DataSource store = TestStores.migratedH2("recommendations");
    private final JdbcClient jdbc = JdbcClient.create(store);
    /** A ledger whose listeners are not called: what a hub before attach-time requests stored. */
    private final SyncLedger ledger = new SyncLedger(jdbc, clock, new FlowMetrics(new SimpleMeterRegistry()), event -> { }, TestPayloads.sealed());
    private final RecommendationRequests requests = new RecommendationRequests(jdbc, new Cursors(jdbc),
            new Recommendations(jdbc, clock), ledger,
            new EventPublisher(new Outbox(jdbc, new JdbcTemplate(store), clock), jdbc, clock),
            new G2gProperties(null, null, null, null, null, null, null,
                    Map.of(NEEDS_RECOMMENDATION, List.of(AGENCY)), null));

    @Test
    void everyStoreOfAVersionAsksAtMostOncePerPermitAndAgency() {
        PermitMessage first = converted("I-1", 1, NEEDS_RECOMMENDATION);
        long firstId = stored(first);
        requests.attached(new CanonicalAttached(firstId, first));
        // Stored again (a redelivered conversion), and the permit's next version.
        requests.attached(new CanonicalAttached(firstId, first));
        PermitMessage second = converted("I-1", 2, NEEDS_RECOMMENDATION);
        requests.attached(new CanonicalAttached(stored(second), second));
        PermitMessage other = converted("I-2", 1, "099000000001");
        requests.attached(new CanonicalAttached(stored(other), other));

        assertThat(requestsFor("I-1")).isEqualTo(1);
        assertThat(requestsFor("I-2")).as("a type that needs none").isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM g2g_event WHERE type = 'RecommendationRequested'")
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void versionsStoredBeforeTheUpgradeAreAskedAboutOnceThenTheCursorIsParked() {
        stored(converted("I-3", 1, NEEDS_RECOMMENDATION));

        requests.catchUp();

        assertThat(requestsFor("I-3")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT position FROM g2g_cursor WHERE name = 'recommendations'").query(Long.class).single())
                .isEqualTo(RecommendationRequests.CAUGHT_UP);
        stored(converted("I-4", 1, NEEDS_RECOMMENDATION));
        requests.catchUp();
        assertThat(requestsFor("I-4")).as("after the catch-up only attaching asks").isZero();
    }

    private long stored(PermitMessage message) {
        PermitMessage.Source source = message.source();
        long id = ledger.recordIncoming("oss-nib", source.nib(), source.idIzin(), null, "1607112003",
                IncomingContent.of(source.contentHash())).entry().id();
        ledger.attachCanonical(id, message, Json.write(message));
        return id;
    }

    private long requestsFor(String idIzin) {
        return jdbc.sql("SELECT COUNT(*) FROM g2g_recommendation WHERE id_izin = :i").param("i", idIzin)
                .query(Long.class).single();
    }

    private static PermitMessage converted(String idIzin, int version, String kdIzin) {
        return new PermitMessage(PermitMessage.SCHEMA, PermitMessage.VERSION,
                new PermitMessage.Source("oss-rba", "receiveNIB", "push", "9120301239001", idIzin, null, "4.3.22",
                        "2026-11-29T08:00:00Z", "hash-" + idIzin + "-" + version, version, null),
                null, null, null,
                new PermitMessage.PermitApplication(idIzin, kdIzin, null, null, null, "1607112003", null, null, null),
                null, false);
    }
}
