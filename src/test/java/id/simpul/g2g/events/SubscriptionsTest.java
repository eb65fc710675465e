package id.simpul.g2g.events;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.support.TestStores;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The lease that keeps two hub instances from delivering one subscription's events at the same time. */
class SubscriptionsTest {

    private static final Instant T0 = Instant.parse("2026-11-29T08:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(5);
    /** A lease the tests wait out, on the store's clock: long enough for a few statements on a loaded machine. */
    private static final Duration SHORT_LEASE = Duration.ofMillis(1500);
    /** What a receiver may answer about the permit it refused, and what the hub keeps of it. */
    private static final String QUOTING = "no_identitas 1607111204780003 sudah terdaftar, telp 081277889900";
    private static final String MASKED = "no_identitas 1607**********03 sudah terdaftar, telp *********900";

    private JdbcClient jdbc;
    private Subscriptions subscriptions;

    @BeforeEach
    void store() {
        jdbc = JdbcClient.create(TestStores.migratedH2("subscriptions"));
        subscriptions = new Subscriptions(jdbc, java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC));
        Timestamp t0 = Timestamp.from(T0);
        jdbc.sql("""
                INSERT INTO g2g_agency (id, name, scopes, region_prefixes, enabled, created_at, updated_at)
                VALUES ('pupr', 'Dinas PUPR', 'events:subscribe', '1607', TRUE, :t, :t)""").param("t", t0).update();
        jdbc.sql("""
                INSERT INTO g2g_subscription (id, agency_id, client_id, url, event_types, region_prefixes, secret_sealed,
                                              position, state, created_at, updated_at)
                VALUES ('sub-1', 'pupr', 'pupr.simbg', 'https://pupr.example/hook', 'PermitReceived', '1607', 'x', 0,
                        'ACTIVE', :t, :t)""").param("t", t0).update();
    }

    @Test
    void aRunWhoseLeaseWasTakenOverNeitherRenewsNorReleasesTheNewHoldersLease() {
        String first = subscriptions.claim("sub-1", SHORT_LEASE).orElseThrow();
        // The first run outlives its lease (slow receivers); another instance claims the subscription.
        String second = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> subscriptions.claim("sub-1", LEASE).orElse(null), holder -> holder != null);

        assertThat(subscriptions.renew("sub-1", first, LEASE)).isFalse();
        subscriptions.release("sub-1", first);

        assertThat(leaseHolder()).isEqualTo(second);
        assertThat(subscriptions.claim("sub-1", LEASE)).isEmpty();
    }

    @Test
    void theHolderRenewsItsLeaseAndReleasesItAtTheEnd() {
        String run = subscriptions.claim("sub-1", SHORT_LEASE).orElseThrow();
        Instant until = leaseUntil();

        assertThat(subscriptions.renew("sub-1", run, LEASE)).isTrue();
        assertThat(leaseUntil()).as("%s from now", LEASE).isAfter(until.plus(LEASE.minus(SHORT_LEASE)).minusSeconds(1));
        subscriptions.release("sub-1", run);

        assertThat(leaseUntil()).isNull();
        assertThat(subscriptions.claim("sub-1", LEASE)).isPresent();
    }

    @Test
    void aHubWhoseClockRunsAheadDoesNotTakeOverARunningDeliveryRun() {
        Instant ahead = T0.plus(Duration.ofHours(1));
        Subscriptions otherInstance = new Subscriptions(jdbc, java.time.Clock.fixed(ahead, java.time.ZoneOffset.UTC));
        assertThat(subscriptions.claim("sub-1", LEASE)).isPresent();

        assertThat(otherInstance.due(ahead)).as("due on a hub an hour ahead").doesNotContain("sub-1");
        assertThat(otherInstance.claim("sub-1", LEASE)).as("claimed by a hub an hour ahead").isEmpty();
    }

    @Test
    void aLeaseLeftByARunThatDiedLapsesOnTheDatabasesClockWhateverTheHubsClockSays() {
        Instant behind = T0.minus(Duration.ofHours(1));
        Subscriptions otherInstance = new Subscriptions(jdbc, java.time.Clock.fixed(behind, java.time.ZoneOffset.UTC));
        long start = System.nanoTime();
        assertThat(subscriptions.claim("sub-1", SHORT_LEASE)).isPresent();
        assertThat(otherInstance.claim("sub-1", SHORT_LEASE)).isEmpty();

        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> otherInstance.claim("sub-1", LEASE).isPresent());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(SHORT_LEASE.minusMillis(20));
    }

    @Test
    void aRunThatFailedInTheHubCountsAsAnAttemptAndWaitsForItsNextTime() {
        subscriptions.runFailed("sub-1", T0.plusSeconds(60), "delivery run failed in the hub: a webhook secret cannot be opened");

        Subscription s = subscriptions.find("sub-1").orElseThrow();
        assertThat(s.attempts()).isEqualTo(1);
        assertThat(s.lastError()).contains("a webhook secret cannot be opened");
        assertThat(subscriptions.due(T0.plusSeconds(59))).doesNotContain("sub-1");
        assertThat(subscriptions.due(T0.plusSeconds(60))).contains("sub-1");
    }

    @Test
    void aFailedDeliveryIsKeptOnTheSubscriptionWithTheNikAndPhoneItsErrorQuotesMasked() {
        subscriptions.runFailed("sub-1", T0.plusSeconds(60), "delivery run failed in the hub: " + QUOTING);
        assertThat(subscriptions.find("sub-1").orElseThrow().lastError())
                .isEqualTo("delivery run failed in the hub: " + MASKED);

        subscriptions.failed("sub-1", 0, 2, T0.plusSeconds(120), "HTTP 422: " + QUOTING);
        assertThat(subscriptions.find("sub-1").orElseThrow().lastError()).isEqualTo("HTTP 422: " + MASKED);
    }

    @Test
    void aWebhookDeadLetterKeepsItsErrorWithTheNikAndPhoneItQuotesMasked() {
        WebhookDeadLetters deadLetters = new WebhookDeadLetters(jdbc, java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC));
        jdbc.sql("""
                INSERT INTO g2g_event (event_id, type, kd_daerah, body, created_at)
                VALUES ('ev-1', 'PermitReceived', '1607', '{}', :t)""").param("t", Timestamp.from(T0)).update();
        G2gEvent event = new G2gEvent(jdbc.sql("SELECT id FROM g2g_event").query(Long.class).single(), "ev-1",
                "PermitReceived", "1607", null, null, null, null, "{}", T0);

        deadLetters.add(subscriptions.find("sub-1").orElseThrow(), event, 5, 422, "HTTP 422: " + QUOTING);
        WebhookDeadLetters.DeadLetter added = deadLetters.bySubscription("sub-1").get(0);
        assertThat(added.lastError()).isEqualTo("HTTP 422: " + MASKED);

        deadLetters.attemptFailed(added.id(), null, "ConnectException: " + QUOTING);
        assertThat(deadLetters.find(added.id()).orElseThrow().lastError()).isEqualTo("ConnectException: " + MASKED);
    }

    private String leaseHolder() {
        return jdbc.sql("SELECT lease_holder FROM g2g_subscription WHERE id = 'sub-1'").query(String.class).single();
    }

    private Instant leaseUntil() {
        Timestamp t = jdbc.sql("SELECT lease_until FROM g2g_subscription WHERE id = 'sub-1'")
                .query((rs, n) -> rs.getTimestamp(1)).list().get(0);
        return t == null ? null : t.toInstant();
    }
}
