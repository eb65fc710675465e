package id.simpul.g2g.events;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.support.TestStores;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Cursors over the outbox on a store shared by hub instances whose clocks differ a little: rows then come
 * in id order with their written times out of order, and a cursor must wait for an unsettled row rather
 * than pass it for good.
 */
class OutboxTest {

    private static final Instant T0 = Instant.parse("2026-11-29T08:00:00Z");
    private static final Duration DRIFT = Duration.ofMillis(300);

    private final DataSource store = TestStores.migratedH2("outbox");
    /** Writes first (the lower id), on a clock {@link #DRIFT} ahead of the other instance's. */
    private final Outbox ahead = outbox(T0.plus(DRIFT));
    private final Outbox behind = outbox(T0);

    @Test
    void aCursorStopsAtTheFirstEventNotYetSettledInsteadOfPassingIt() {
        G2gEvent first = ahead.append(EventType.PermitReceived, null, Outbox.Subject.NONE, null, Map.of());
        G2gEvent second = behind.append(EventType.PermitReceived, null, Outbox.Subject.NONE, null, Map.of());

        assertThat(behind.after(0, T0, 100)).as("read while only the second is settled").isEmpty();
        assertThat(behind.after(0, T0.plus(DRIFT), 100)).extracting(G2gEvent::eventId)
                .containsExactly(first.eventId(), second.eventId());
    }

    @Test
    void anAgencysFeedStopsAtTheFirstEventNotYetSettledInsteadOfPassingIt() {
        G2gEvent first = ahead.append(EventType.PermitReceived, null, Outbox.Subject.NONE, null, Map.of());
        G2gEvent second = behind.append(EventType.PermitReceived, null, Outbox.Subject.NONE, null, Map.of());
        List<String> types = List.of(EventType.PermitReceived.name());

        assertThat(behind.visibleAfter(0, T0, types, "pupr", List.of("1607"), 100))
                .as("read while only the second is settled").isEmpty();
        assertThat(behind.visibleAfter(0, T0.plus(DRIFT), types, "pupr", List.of("1607"), 100))
                .extracting(G2gEvent::eventId).containsExactly(first.eventId(), second.eventId());
    }

    private Outbox outbox(Instant now) {
        return new Outbox(JdbcClient.create(store), new JdbcTemplate(store), Clock.fixed(now, ZoneOffset.UTC));
    }
}
