package id.simpul.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.simpul.platform.SimpulProperties;
import id.simpul.support.TestStores;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Personal API tokens on a store shared by hub instances whose clocks differ: a token lives its time on the
 * database's clock, on every instance, and a revocation ends it on every instance at once. No hub's clock enters
 * (ApiTokens has none): on the hubs' clocks, a token revoked by a hub an hour ahead lived on for an hour elsewhere,
 * and one issued by a hub an hour behind was refused elsewhere from the start.
 */
class ApiTokenExpiryTest {

    private static final String USER = "joko.operator";

    private DataSource store;
    private JdbcClient jdbc;

    /** The store the test runs on; {@code ApiTokenExpiryIT} runs it on PostgreSQL. */
    DataSource store() {
        return TestStores.migratedH2("api-token-expiry");
    }

    @BeforeEach
    void wire() {
        store = store();
        jdbc = JdbcClient.create(store);
        accounts().create(USER, "kata-sandi-token-panjang", List.of(Roles.OPERATOR));
    }

    @Test
    void aRevokedTokenIsRefusedAtOnce() {
        String token = tokens().issue(USER, Duration.ofHours(8)).token();

        assertThat(tokens().revokeAll(USER)).isEqualTo(1);

        assertThat(tokens().owner(token)).isEmpty();
        assertThat(tokens().revokeAll(USER)).as("nothing live to revoke").isZero();
    }

    @Test
    void aNewTokenIsValidAndItsExpiryIsItsLifeFromNow() {
        Instant before = Instant.now();
        ApiTokens.Issued issued = tokens().issue(USER, Duration.ofMinutes(30));

        assertThat(tokens().owner(issued.token())).contains(USER);
        assertThat(issued.expiresAt()).as("the expiry it was told")
                .isBetween(before.plus(Duration.ofMinutes(30)).minusSeconds(5), Instant.now().plus(Duration.ofMinutes(31)));
    }

    @Test
    void aTokenExpiresWhenItsLifeIsOver() {
        Duration life = Duration.ofSeconds(2);
        String token = tokens().issue(USER, life).token();
        ApiTokens other = tokens();

        assertThat(other.owner(token)).as("valid at first").contains(USER);
        await().atMost(life.plus(Duration.ofSeconds(3))).until(() -> other.owner(token).isEmpty());
    }

    private ApiTokens tokens() {
        return new ApiTokens(jdbc, accounts());
    }

    private UserAccounts accounts() {
        return new UserAccounts(jdbc, new BCryptPasswordEncoder(4), Clock.systemUTC(),
                new SecurityProperties(null, null, null),
                new SimpulProperties(null, null, null, null, null, null, null, null, null, null, null));
    }
}
