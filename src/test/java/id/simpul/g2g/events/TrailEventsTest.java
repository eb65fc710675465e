package id.simpul.g2g.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.simpul.g2g.G2gProperties;
import id.simpul.platform.ledger.IncomingContent;
import id.simpul.platform.ledger.SyncLedger;
import id.simpul.platform.metrics.FlowMetrics;
import id.simpul.support.TestStores;
import id.simpul.support.TestPayloads;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Permit events derived from the trail that hub instances, whose clocks differ, write to one store: a trail row
 * becomes an event once it is {@code settle} old on the database's clock.
 */
class TrailEventsTest {

    private static final Duration SETTLE = Duration.ofSeconds(2);

    private DataSource store;
    private JdbcClient jdbc;

    /** The store the test runs on; {@code TrailEventsIT} runs it on PostgreSQL. */
    DataSource store() {
        return TestStores.migratedH2("trail-events");
    }

    @BeforeEach
    void wire() {
        store = store();
        jdbc = JdbcClient.create(store);
    }

    @Test
    void aTrailRowWrittenByAHubWhoseClockRunsAnHourAheadBecomesAnEventOnceSettledNotAnHourLater() {
        TrailEvents reader = trailEvents(Clock.systemUTC(), SETTLE);
        ledger(Clock.offset(Clock.systemUTC(), Duration.ofHours(1))).recordIncoming("oss-nib", "9120301234567", "I-1",
                "P-1", "1607112003", IncomingContent.of("h1"));

        await().atMost(SETTLE.plus(Duration.ofSeconds(3))).untilAsserted(() -> {
            reader.poll();
            assertThat(permitsReceived()).containsExactly("I-1");
        });
    }

    @Test
    void aTrailRowWrittenByAHubWhoseClockLagsAnHourIsNotTurnedIntoItsEventBeforeItHasSettled() {
        ledger(Clock.offset(Clock.systemUTC(), Duration.ofHours(-1))).recordIncoming("oss-nib", "9120301234567", "I-1",
                "P-1", "1607112003", IncomingContent.of("h1"));

        trailEvents(Clock.systemUTC(), Duration.ofMinutes(1)).poll();

        assertThat(permitsReceived()).isEmpty();
    }

    @Test
    void aTrailRowStoredLaterThanTheNextIsTurnedIntoItsEventOnceSettledNotPassedBy() {
        SyncLedger ledger = ledger(Clock.systemUTC());
        ledger.recordIncoming("oss-nib", "9120301234567", "I-1", "P-1", "1607112003", IncomingContent.of("h1"));
        ledger.recordIncoming("oss-nib", "9120301234568", "I-2", "P-2", "1607112003", IncomingContent.of("h2"));
        // The lower id stored later: its transaction started after the other's.
        storedSecondsAgo("I-1", 30);
        storedSecondsAgo("I-2", 120);
        TrailEvents trail = trailEvents(Clock.systemUTC(), Duration.ofMinutes(1));

        trail.poll();
        assertThat(permitsReceived()).as("polled while only the second is settled").isEmpty();
        storedSecondsAgo("I-1", 90);
        trail.poll();

        assertThat(permitsReceived()).containsExactly("I-1", "I-2");
    }

    private List<String> permitsReceived() {
        return jdbc.sql("SELECT id_izin FROM g2g_event WHERE type = 'PermitReceived' ORDER BY id").query(String.class)
                .list();
    }

    private void storedSecondsAgo(String idIzin, int seconds) {
        jdbc.sql("UPDATE trail_event SET stored_at = CURRENT_TIMESTAMP - INTERVAL '" + seconds
                + "' SECOND WHERE id_izin = :i").param("i", idIzin).update();
    }

    private TrailEvents trailEvents(Clock clock, Duration settle) {
        return new TrailEvents(jdbc, new Cursors(jdbc), new Outbox(jdbc, new JdbcTemplate(store), clock),
                new G2gProperties(null, null, null, null, null,
                        new G2gProperties.Events(Duration.ofSeconds(1), settle, "simpul.g2g.events", false),
                        null, null, null));
    }

    private SyncLedger ledger(Clock clock) {
        return new SyncLedger(jdbc, clock, new FlowMetrics(new SimpleMeterRegistry()), event -> { }, TestPayloads.sealed());
    }
}
