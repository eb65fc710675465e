package id.simpul.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.platform.SimpulProperties;
import id.simpul.platform.audit.AuditLog;
import id.simpul.platform.audit.TestAuditKeys;
import id.simpul.support.TestStores;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A password reset ends every session opened with the old password, including one whose login was checking that
 * password (bcrypt, about 100 ms) while the reset was made: someone holding a stolen password who keeps logging in
 * must not keep a session through the reset.
 */
class SessionEpochRaceTest {

    @TempDir
    Path dataDir;

    @EnableConfigurationProperties({SecurityProperties.class, SimpulProperties.class})
    static class Accounts {
    }

    private final DataSource store = TestStores.migratedH2("session-epoch");

    private ApplicationContextRunner hub() {
        return new ApplicationContextRunner()
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .withUserConfiguration(Accounts.class)
                .withBean(JdbcClient.class, () -> JdbcClient.create(store))
                .withBean(PasswordEncoder.class, BCryptPasswordEncoder::new)
                .withBean(Clock.class, Clock::systemUTC)
                .withBean(UserAccounts.class)
                .withBean(AuditLog.class, () -> new AuditLog(JdbcClient.create(store), Clock.systemUTC(), TestAuditKeys.KEY))
                .withBean(TransactionTemplate.class, () -> new TransactionTemplate(new DataSourceTransactionManager(store)))
                .withBean(ApiTokens.class)
                .withBean(AccountChanges.class)
                .withPropertyValues("simpul.data-dir=" + dataDir);
    }

    @Test
    void aLoginOpensItsSessionInTheEpochReadWithThePasswordItCheckedNotInOneAResetSetMeanwhile() {
        hub().run(context -> {
            UserAccounts accounts = context.getBean(UserAccounts.class);
            accounts.create("sari", "a-first-long-passphrase", List.of(Roles.OPERATOR));
            // The login has read the account (hash and epoch) and is checking the password...
            UserDetails read = accounts.loadUserByUsername("sari");
            // ...when an admin resets it.
            AccountChanges.Result reset = context.getBean(AccountChanges.class).reset("admin", "sari",
                    "a-second-long-passphrase");
            UsernamePasswordAuthenticationToken login =
                    UsernamePasswordAuthenticationToken.authenticated(read, null, read.getAuthorities());

            int opened = SecurityConfig.epochOf(login, accounts);

            assertThat(reset.sessionEpoch()).hasValue(accounts.sessionEpoch("sari").orElseThrow());
            assertThat(opened).as("the session is in the old password's epoch, which the filter ends")
                    .isNotEqualTo(accounts.sessionEpoch("sari").orElseThrow());
        });
    }

    @Test
    void theSessionThatChangedItsOwnPasswordGoesOnInTheEpochItsChangeSet() {
        hub().run(context -> {
            UserAccounts accounts = context.getBean(UserAccounts.class);
            accounts.create("budi", "a-first-long-passphrase", List.of(Roles.OPERATOR));
            int before = accounts.sessionEpoch("budi").orElseThrow();

            AccountChanges.Result changed = context.getBean(AccountChanges.class)
                    .changeOwn("budi", "a-first-long-passphrase", "a-second-long-passphrase");

            assertThat(changed.sessionEpoch()).hasValue(before + 1);
        });
    }
}
