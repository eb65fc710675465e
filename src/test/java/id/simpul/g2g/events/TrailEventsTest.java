package id.simpul.g2g.events;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.g2g.G2gProperties;
import id.simpul.platform.ledger.IncomingContent;
import id.simpul.platform.ledger.SyncLedger;
import id.simpul.platform.metrics.FlowMetrics;
import id.simpul.support.MutableClock;
import id.simpul.support.TestStores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Permit events derived from the trail that two hub instances, whose clocks differ a little, write to one store. */
class TrailEventsTest {

    private static final Instant T0 = Instant.parse("2026-11-29T08:00:00Z");
    private static final Duration DRIFT = Duration.ofMillis(300);
    private static final Duration SETTLE = Duration.ofSeconds(2);

    private final DataSource store = TestStores.migratedH2("trail-events");
    private final JdbcClient jdbc = JdbcClient.create(store);
    private final MutableClock relayClock = new MutableClock(T0.plus(SETTLE));
    private final Outbox outbox = new Outbox(jdbc, new JdbcTemplate(store), relayClock);
    private final TrailEvents trail = new TrailEvents(jdbc, new Cursors(jdbc), outbox, relayClock,
            new G2gProperties(null, null, null, null, null,
                    new G2gProperties.Events(Duration.ofSeconds(1), SETTLE, "simpul.g2g.events", false),
                    null, null, null));

    @Test
    void aTrailRowWrittenOnAClockAheadIsTurnedIntoItsEventOnceSettledNotPassedBy() {
        // The instance whose clock runs ahead writes first: the lower trail id has the later time.
        ledger(T0.plus(DRIFT)).recordIncoming("oss-nib", "9120301234567", "I-1", "P-1", "1607112003",
                IncomingContent.of("h1"));
        ledger(T0).recordIncoming("oss-nib", "9120301234568", "I-2", "P-2", "1607112003", IncomingContent.of("h2"));

        trail.poll();
        relayClock.advance(DRIFT);
        trail.poll();

        assertThat(jdbc.sql("SELECT id_izin FROM g2g_event WHERE type = 'PermitReceived' ORDER BY id")
                .query(String.class).list()).containsExactly("I-1", "I-2");
    }

    private SyncLedger ledger(Instant now) {
        return new SyncLedger(jdbc, Clock.fixed(now, ZoneOffset.UTC), new FlowMetrics(new SimpleMeterRegistry()),
                event -> { });
    }
}
