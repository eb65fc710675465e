package id.simpul.g2g.events;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Events a subscription could not take after every attempt, for the agency and the hub's IT staff. */
@Component
public class WebhookDeadLetters {

    public static final String WAITING = "WAITING";
    public static final String REDELIVERED = "REDELIVERED";

    private final JdbcClient jdbc;
    private final Clock clock;

    public WebhookDeadLetters(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public record DeadLetter(long id, String subscriptionId, long eventPosition, String eventId, int attempts,
                             Integer lastStatus, String lastError, String state, Instant createdAt, Instant updatedAt) {
    }

    public void add(Subscription subscription, G2gEvent event, int attempts, Integer lastStatus, String lastError) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                INSERT INTO g2g_webhook_dead_letter (subscription_id, event_row, event_id, attempts, last_status,
                                                     last_error, state, created_at, updated_at)
                VALUES (:s, :row, :eventId, :attempts, :status, :error, 'WAITING', :now, :now)""")
                .param("s", subscription.id()).param("row", event.position()).param("eventId", event.eventId())
                .param("attempts", attempts).param("status", lastStatus).param("error", Subscriptions.failure(lastError))
                .param("now", now).update();
    }

    public List<DeadLetter> bySubscription(String subscriptionId) {
        return jdbc.sql("SELECT * FROM g2g_webhook_dead_letter WHERE subscription_id = :s ORDER BY id")
                .param("s", subscriptionId).query(WebhookDeadLetters::row).list();
    }

    /** For IT staff: by state ({@code null} = all), newest first. */
    public List<DeadLetter> list(String state, int limit) {
        if (state == null) {
            return jdbc.sql("SELECT * FROM g2g_webhook_dead_letter ORDER BY id DESC LIMIT :n").param("n", limit)
                    .query(WebhookDeadLetters::row).list();
        }
        return jdbc.sql("SELECT * FROM g2g_webhook_dead_letter WHERE state = :state ORDER BY id DESC LIMIT :n")
                .param("state", state).param("n", limit).query(WebhookDeadLetters::row).list();
    }

    public Optional<DeadLetter> find(long id) {
        return jdbc.sql("SELECT * FROM g2g_webhook_dead_letter WHERE id = :id").param("id", id)
                .query(WebhookDeadLetters::row).optional();
    }

    public void redelivered(long id) {
        jdbc.sql("UPDATE g2g_webhook_dead_letter SET state = 'REDELIVERED', updated_at = :now WHERE id = :id")
                .param("now", Timestamp.from(clock.instant())).param("id", id).update();
    }

    public void attemptFailed(long id, Integer status, String error) {
        jdbc.sql("""
                UPDATE g2g_webhook_dead_letter SET attempts = attempts + 1, last_status = :status, last_error = :error,
                       updated_at = :now WHERE id = :id""")
                .param("status", status).param("error", Subscriptions.failure(error))
                .param("now", Timestamp.from(clock.instant())).param("id", id).update();
    }

    private static DeadLetter row(ResultSet rs, int n) throws SQLException {
        Integer status = rs.getObject("last_status", Integer.class);
        return new DeadLetter(rs.getLong("id"), rs.getString("subscription_id"), rs.getLong("event_row"),
                rs.getString("event_id"), rs.getInt("attempts"), status,
                rs.getString("last_error"), rs.getString("state"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
