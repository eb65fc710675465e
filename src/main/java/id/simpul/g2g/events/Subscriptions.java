package id.simpul.g2g.events;

import id.simpul.g2g.Words;
import id.simpul.platform.lock.DatabaseClock;
import id.simpul.platform.security.PersonalText;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Webhook subscriptions and their delivery state ({@code g2g_subscription}). */
@Component
public class Subscriptions {

    private final JdbcClient jdbc;
    private final Clock clock;

    public Subscriptions(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void create(String id, String agencyId, String clientId, String url, List<String> eventTypes,
                       List<String> regions, String secretSealed, long position) {
        Timestamp now = now();
        jdbc.sql("""
                INSERT INTO g2g_subscription (id, agency_id, client_id, url, event_types, region_prefixes, secret_sealed,
                                              position, state, attempts, created_at, updated_at)
                VALUES (:id, :agency, :client, :url, :types, :regions, :secret, :position, 'ACTIVE', 0, :now, :now)""")
                .param("id", id).param("agency", agencyId).param("client", clientId).param("url", url)
                .param("types", Words.join(eventTypes)).param("regions", Words.join(regions))
                .param("secret", secretSealed).param("position", position).param("now", now).update();
    }

    public Optional<Subscription> find(String id) {
        return jdbc.sql("SELECT * FROM g2g_subscription WHERE id = :id").param("id", id)
                .query(Subscriptions::row).optional();
    }

    public List<Subscription> byAgency(String agencyId) {
        return jdbc.sql("SELECT * FROM g2g_subscription WHERE agency_id = :a AND state <> 'DELETED' ORDER BY created_at")
                .param("a", agencyId).query(Subscriptions::row).list();
    }

    public void delete(String id) {
        jdbc.sql("UPDATE g2g_subscription SET state = 'DELETED', updated_at = :now WHERE id = :id")
                .param("now", now()).param("id", id).update();
    }

    /**
     * Active subscriptions whose next attempt is due and that no delivery holds. The back-off ({@code now}) is
     * a hub's own timing; the lease is on the database's clock ({@link #claim}).
     */
    public List<String> due(Instant now) {
        Timestamp at = Timestamp.from(now);
        return jdbc.sql("""
                SELECT id FROM g2g_subscription WHERE state = 'ACTIVE'
                   AND (next_attempt_at IS NULL OR next_attempt_at <= :now)
                   AND %s ORDER BY id""".formatted(DatabaseClock.LEASE_FREE))
                .param("now", at).query(String.class).list();
    }

    /**
     * Takes the subscription for one delivery run, for {@code lease}; empty when another run holds it. The
     * lease is timed on the database's clock, which all hub instances on the store share: a hub whose clock
     * runs ahead must not take over a run still delivering (its events would go out twice, out of order).
     *
     * @return the run's holder id, which renews and releases the lease
     */
    public Optional<String> claim(String id, Duration lease) {
        String holder = UUID.randomUUID().toString();
        int taken = jdbc.sql("""
                UPDATE g2g_subscription SET lease_holder = :holder, lease_until = %s
                 WHERE id = :id AND state = 'ACTIVE' AND %s"""
                        .formatted(DatabaseClock.nowPlus(lease), DatabaseClock.LEASE_FREE))
                .param("holder", holder).param("id", id).update();
        return taken == 1 ? Optional.of(holder) : Optional.empty();
    }

    /**
     * Extends the lease of a run that holds it to {@code lease} from now; false when another run took the
     * subscription over after the lease lapsed.
     */
    public boolean renew(String id, String holder, Duration lease) {
        return jdbc.sql("UPDATE g2g_subscription SET lease_until = %s WHERE id = :id AND lease_holder = :holder"
                        .formatted(DatabaseClock.nowPlus(lease)))
                .param("id", id).param("holder", holder).update() == 1;
    }

    /** Ends the run's lease, unless another run holds the subscription now. */
    public void release(String id, String holder) {
        jdbc.sql("UPDATE g2g_subscription SET lease_holder = NULL, lease_until = NULL WHERE id = :id AND lease_holder = :holder")
                .param("id", id).param("holder", holder).update();
    }

    /**
     * A delivery run that failed before any answer (a secret that no longer opens, a fault of the hub):
     * counted as an attempt with its error, and retried after {@code nextAttemptAt}, so that it shows on
     * the subscription instead of repeating every poll.
     */
    public void runFailed(String id, Instant nextAttemptAt, String error) {
        jdbc.sql("""
                UPDATE g2g_subscription SET attempts = attempts + 1, next_attempt_at = :next, last_error = :e,
                       updated_at = :now WHERE id = :id""")
                .param("next", Timestamp.from(nextAttemptAt)).param("e", failure(error)).param("now", now())
                .param("id", id).update();
    }

    /**
     * Everything up to {@code position} is handled (delivered, dead-lettered or not for this subscriber),
     * unless a replay rewound the subscription since the run read {@code epoch}.
     */
    public void handled(String id, int epoch, long position) {
        jdbc.sql("""
                UPDATE g2g_subscription SET position = :p, attempts = 0, next_attempt_at = NULL, last_error = NULL,
                       updated_at = :now WHERE id = :id AND epoch = :epoch AND position < :p""")
                .param("p", position).param("now", now()).param("id", id).param("epoch", epoch).update();
    }

    public void failed(String id, int epoch, int attempts, Instant nextAttemptAt, String error) {
        jdbc.sql("""
                UPDATE g2g_subscription SET attempts = :a, next_attempt_at = :next, last_error = :e, updated_at = :now
                 WHERE id = :id AND epoch = :epoch""")
                .param("a", attempts).param("next", Timestamp.from(nextAttemptAt)).param("e", failure(error))
                .param("now", now()).param("id", id).param("epoch", epoch).update();
    }

    /** Delivery starts again after {@code position} (replay from a cursor); a run in flight no longer moves it. */
    public void rewind(String id, long position) {
        jdbc.sql("""
                UPDATE g2g_subscription SET position = :p, epoch = epoch + 1, attempts = 0, next_attempt_at = NULL,
                       last_error = NULL, updated_at = :now WHERE id = :id""")
                .param("p", position).param("now", now()).param("id", id).update();
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    /**
     * A delivery failure's text as the subscription and the webhook dead letters store it (VARCHAR(2000)): with
     * the NIKs, phone numbers and e-mail addresses it quotes masked (a receiver's answer, an exception of the hub),
     * as staff read it in the console and the API; masked before it is cut, so no number is left half shown.
     */
    static String failure(String s) {
        return PersonalText.maskedToFit(s, 2000);
    }

    private static Subscription row(ResultSet rs, int n) throws SQLException {
        Timestamp next = rs.getTimestamp("next_attempt_at");
        return new Subscription(rs.getString("id"), rs.getString("agency_id"), rs.getString("client_id"),
                rs.getString("url"), Words.split(rs.getString("event_types")), Words.split(rs.getString("region_prefixes")),
                rs.getString("secret_sealed"), rs.getLong("position"), rs.getInt("epoch"), rs.getString("state"), rs.getInt("attempts"),
                next == null ? null : next.toInstant(), rs.getString("last_error"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
