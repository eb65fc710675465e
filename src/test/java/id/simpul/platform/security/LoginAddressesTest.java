package id.simpul.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.platform.audit.AuditLog;
import id.simpul.platform.audit.TestAuditKeys;
import id.simpul.support.MutableClock;
import id.simpul.support.TestStores;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Password spraying, one guess at each of many accounts, locks no account; the address it comes from is turned away
 * after {@code per-address.max-failures} wrong passwords within {@code window}, until the window ends, with one
 * audit row and one log line per window naming its network only.
 */
class LoginAddressesTest {

    private static final String SPRAYER = "203.0.113.7";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T08:00:00Z"));
    private JdbcClient jdbc;
    private LoginAddresses addresses;

    @BeforeEach
    void wire() {
        jdbc = JdbcClient.create(TestStores.migratedH2("login-addresses"));
        addresses = new LoginAddresses(clock, new AuditLog(jdbc, clock, TestAuditKeys.KEY), new SecurityProperties(
                null, null, new SecurityProperties.Login(0, null, new SecurityProperties.PerAddress(20,
                Duration.ofMinutes(10)), null)));
    }

    @Test
    void twentyWrongPasswordsFromOneAddressTurnItsLoginsAwayUntilTheWindowEnds() {
        for (int i = 0; i < 19; i++) {
            addresses.failed(SPRAYER);
        }
        assertThat(addresses.blockedUntil(SPRAYER)).as("19 wrong passwords").isEmpty();

        clock.advance(Duration.ofMinutes(5));
        addresses.failed(SPRAYER);

        assertThat(addresses.blockedUntil(SPRAYER)).contains(Instant.parse("2026-11-30T08:10:00Z"));
        assertThat(addresses.blockedUntil("203.0.113.8")).as("another address").isEmpty();
        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(addresses.blockedUntil(SPRAYER)).as("just before the window ends").isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(addresses.blockedUntil(SPRAYER)).as("the window has ended").isEmpty();
        addresses.failed(SPRAYER);
        assertThat(addresses.blockedUntil(SPRAYER)).as("a new window counts from one").isEmpty();
    }

    @Test
    void failuresSpreadOverMoreThanOneWindowTurnNothingAway() {
        for (int i = 0; i < 60; i++) {
            addresses.failed(SPRAYER);
            clock.advance(Duration.ofSeconds(40));
        }

        assertThat(addresses.blockedUntil(SPRAYER)).as("15 per 10 minutes").isEmpty();
    }

    @Test
    void theBlockIsAuditedOncePerWindowWithTheAddressMasked() {
        for (int i = 0; i < 30; i++) {
            addresses.failed(SPRAYER);
        }
        clock.advance(Duration.ofMinutes(10));
        for (int i = 0; i < 20; i++) {
            addresses.failed(SPRAYER);
        }

        List<String> rows = jdbc.sql("SELECT subject_id || ' ' || details FROM audit_log"
                + " WHERE action = 'LOGIN_ADDRESS_BLOCKED' ORDER BY id").query(String.class).list();
        assertThat(rows).hasSize(2).allSatisfy(row -> assertThat(row).startsWith("203.0.113.* ")
                .doesNotContain(SPRAYER).contains("20 wrong passwords within PT10M"));
    }

    @Test
    void anAddressIsMaskedToItsNetwork() {
        assertThat(LoginAddresses.masked("10.20.0.17")).isEqualTo("10.20.0.*");
        assertThat(LoginAddresses.masked("2001:df0:1a2b:3c4d:5:6:7:8")).isEqualTo("2001:df0:1a2b:3c4d:*");
        assertThat(LoginAddresses.masked("0:0:0:0:0:0:0:1")).isEqualTo("0:0:0:0:*");
    }
}
