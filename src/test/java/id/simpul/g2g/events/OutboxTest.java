package id.simpul.g2g.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.simpul.support.TestStores;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Cursors over the outbox on a store shared by hub instances whose clocks differ: an event becomes visible once it
 * is {@code settle} old on the database's clock, whatever the clocks of the hubs that wrote and read it say. Rows
 * are stamped at their transaction's start, so they can come in id order with their stamps out of order, and a
 * cursor must then wait for an unsettled row rather than pass it for good.
 */
class OutboxTest {

    private static final Duration SETTLE = Duration.ofSeconds(2);
    private static final Duration MARGIN = Duration.ofSeconds(3);
    private static final List<String> TYPES = List.of(EventType.PermitReceived.name());

    private DataSource store;
    private JdbcClient jdbc;

    /** The store the test runs on; {@code OutboxIT} runs it on PostgreSQL. */
    DataSource store() {
        return TestStores.migratedH2("outbox");
    }

    @BeforeEach
    void wire() {
        store = store();
        jdbc = JdbcClient.create(store);
    }

    @Test
    void anEventWrittenByAHubWhoseClockRunsAnHourAheadIsReadOnceSettledNotAnHourLater() {
        Outbox writer = outbox(Clock.offset(Clock.systemUTC(), Duration.ofHours(1)));
        Outbox reader = outbox(Clock.systemUTC());
        G2gEvent event = writer.append(EventType.PermitReceived, "1607112003", Outbox.Subject.NONE, null, Map.of());

        await().atMost(SETTLE.plus(MARGIN)).untilAsserted(() -> {
            assertThat(reader.after(0, SETTLE, 100)).extracting(G2gEvent::eventId).containsExactly(event.eventId());
            assertThat(reader.visibleAfter(0, SETTLE, TYPES, "pupr", List.of("1607"), 100))
                    .extracting(G2gEvent::eventId).containsExactly(event.eventId());
        });
    }

    @Test
    void anEventWrittenByAHubWhoseClockLagsAnHourIsNotReadBeforeItHasSettled() {
        outbox(Clock.offset(Clock.systemUTC(), Duration.ofHours(-1)))
                .append(EventType.PermitReceived, "1607112003", Outbox.Subject.NONE, null, Map.of());
        Outbox reader = outbox(Clock.systemUTC());

        assertThat(reader.after(0, Duration.ofMinutes(1), 100)).isEmpty();
        assertThat(reader.visibleAfter(0, Duration.ofMinutes(1), TYPES, "pupr", List.of("1607"), 100)).isEmpty();
    }

    @Test
    void aCursorStopsAtTheFirstEventNotYetSettledInsteadOfPassingIt() {
        Outbox outbox = outbox(Clock.systemUTC());
        G2gEvent first = outbox.append(EventType.PermitReceived, "1607112003", Outbox.Subject.NONE, null, Map.of());
        G2gEvent second = outbox.append(EventType.PermitReceived, "1607112003", Outbox.Subject.NONE, null, Map.of());
        // The lower position stored later: its transaction started after the second's.
        storedSecondsAgo(first, 30);
        storedSecondsAgo(second, 120);

        assertThat(outbox.after(0, Duration.ofMinutes(1), 100)).as("read while only the second is settled").isEmpty();
        assertThat(outbox.after(0, Duration.ofSeconds(20), 100)).extracting(G2gEvent::eventId)
                .containsExactly(first.eventId(), second.eventId());
    }

    @Test
    void anAgencysFeedStopsAtTheFirstEventNotYetSettledInsteadOfPassingIt() {
        Outbox outbox = outbox(Clock.systemUTC());
        G2gEvent first = outbox.append(EventType.PermitReceived, "1607112003", Outbox.Subject.NONE, null, Map.of());
        G2gEvent second = outbox.append(EventType.PermitReceived, "1607112003", Outbox.Subject.NONE, null, Map.of());
        storedSecondsAgo(first, 30);
        storedSecondsAgo(second, 120);

        assertThat(outbox.visibleAfter(0, Duration.ofMinutes(1), TYPES, "pupr", List.of("1607"), 100))
                .as("read while only the second is settled").isEmpty();
        assertThat(outbox.visibleAfter(0, Duration.ofSeconds(20), TYPES, "pupr", List.of("1607"), 100))
                .extracting(G2gEvent::eventId).containsExactly(first.eventId(), second.eventId());
    }

    private void storedSecondsAgo(G2gEvent event, int seconds) {
        jdbc.sql("UPDATE g2g_event SET stored_at = CURRENT_TIMESTAMP - INTERVAL '" + seconds + "' SECOND WHERE id = :id")
                .param("id", event.position()).update();
    }

    private Outbox outbox(Clock clock) {
        return new Outbox(jdbc, new JdbcTemplate(store), clock);
    }
}
