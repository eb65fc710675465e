package id.simpul.g2g.events;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.support.TestStores;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The lease that keeps two hub instances from delivering one subscription's events at the same time. */
class SubscriptionsTest {

    private static final Instant T0 = Instant.parse("2026-11-29T08:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(5);

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
        Instant first = T0.plus(LEASE);
        assertThat(subscriptions.claim("sub-1", T0, first)).isTrue();
        // The first run outlives its lease (slow receivers); another instance claims the subscription.
        Instant later = first.plusSeconds(1);
        Instant second = later.plus(LEASE);
        assertThat(subscriptions.claim("sub-1", later, second)).isTrue();

        assertThat(subscriptions.renew("sub-1", first, later.plus(LEASE).plusSeconds(1))).isFalse();
        subscriptions.release("sub-1", first);

        assertThat(leaseUntil()).isEqualTo(second);
        assertThat(subscriptions.claim("sub-1", later.plusSeconds(2), later.plus(LEASE))).isFalse();
    }

    @Test
    void theHolderRenewsItsLeaseAndReleasesItAtTheEnd() {
        Instant first = T0.plus(LEASE);
        assertThat(subscriptions.claim("sub-1", T0, first)).isTrue();
        Instant renewed = first.plusSeconds(30);

        assertThat(subscriptions.renew("sub-1", first, renewed)).isTrue();
        assertThat(leaseUntil()).isEqualTo(renewed);
        subscriptions.release("sub-1", renewed);

        assertThat(leaseUntil()).isNull();
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

    private Instant leaseUntil() {
        Timestamp t = jdbc.sql("SELECT lease_until FROM g2g_subscription WHERE id = 'sub-1'")
                .query((rs, n) -> rs.getTimestamp(1)).list().get(0);
        return t == null ? null : t.toInstant();
    }
}
