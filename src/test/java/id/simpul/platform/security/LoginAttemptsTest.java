package id.simpul.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.simpul.platform.SimpulProperties;
import id.simpul.platform.audit.AuditLog;
import id.simpul.platform.audit.TestAuditKeys;
import id.simpul.support.TestStores;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * A lock from wrong passwords on a store shared by hub instances whose clocks differ: it lasts {@code lock-for} on
 * the database's clock, on every instance, whichever one counted the wrong passwords. The hubs' clocks (an hour
 * off) still reach the accounts and the audit log, not the lock: on them, a lock set by a hub an hour behind had
 * lapsed elsewhere before it was set, and one set by a hub an hour ahead held for an hour more.
 */
class LoginAttemptsTest {

    private static final String USER = "sari.operator";
    private static final int MAX_FAILURES = 5;

    private DataSource store;
    private JdbcClient jdbc;

    /** The store the test runs on; {@code LoginAttemptsIT} runs it on PostgreSQL. */
    DataSource store() {
        return TestStores.migratedH2("login-attempts");
    }

    @BeforeEach
    void wire() {
        store = store();
        jdbc = JdbcClient.create(store);
        accounts(Clock.systemUTC()).create(USER, "kata-sandi-benar-sekali", List.of(Roles.OPERATOR));
    }

    @Test
    void aLockSetByAHubWhoseClockLagsAnHourHoldsOnTheOtherInstances() {
        guess(attempts(Clock.offset(Clock.systemUTC(), Duration.ofHours(-1)), Duration.ofMinutes(15)));

        assertThat(accounts(Clock.systemUTC()).loadUserByUsername(USER).isAccountNonLocked()).isFalse();
    }

    @Test
    void aLockSetByAHubWhoseClockRunsAnHourAheadLapsesAfterLockForOnTheOtherInstances() {
        Duration lockFor = Duration.ofSeconds(2);
        guess(attempts(Clock.offset(Clock.systemUTC(), Duration.ofHours(1)), lockFor));
        UserAccounts other = accounts(Clock.systemUTC());

        assertThat(other.loadUserByUsername(USER).isAccountNonLocked()).as("locked at first").isFalse();
        await().atMost(lockFor.plus(Duration.ofSeconds(3)))
                .until(() -> other.loadUserByUsername(USER).isAccountNonLocked());
    }

    private void guess(LoginAttempts attempts) {
        for (int i = 0; i < MAX_FAILURES; i++) {
            attempts.failed(new AuthenticationFailureBadCredentialsEvent(
                    UsernamePasswordAuthenticationToken.unauthenticated(USER, "geraten-" + i),
                    new BadCredentialsException("wrong password")));
        }
    }

    private LoginAttempts attempts(Clock clock, Duration lockFor) {
        return new LoginAttempts(jdbc, new AuditLog(jdbc, clock, TestAuditKeys.KEY), security(lockFor));
    }

    private UserAccounts accounts(Clock clock) {
        return new UserAccounts(jdbc, new BCryptPasswordEncoder(4), clock, security(Duration.ofMinutes(15)),
                new SimpulProperties(null, null, null, null, null, null, null, null, null, null, null));
    }

    private static SecurityProperties security(Duration lockFor) {
        return new SecurityProperties(null, null, new SecurityProperties.Login(MAX_FAILURES, lockFor, null, null));
    }
}
