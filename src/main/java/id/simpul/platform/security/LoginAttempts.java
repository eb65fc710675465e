package id.simpul.platform.security;

import id.simpul.platform.audit.AuditLog;
import id.simpul.platform.lock.DatabaseClock;
import java.sql.Timestamp;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Stops password guessing on personal accounts: wrong passwords in a row are counted per account (the API's
 * HTTP Basic and the console's login form publish the same Spring Security events), and at
 * {@code simpul.security.login.max-failures} the account is locked for {@code lock-for}; {@link UserAccounts}
 * then refuses it before the password is checked, so the right password does not get through either. A
 * right password before the limit starts the count again. The lock is written to the audit log. Names that
 * are no account change nothing (no row to count in, nothing to grow).
 */
@Component
public class LoginAttempts {

    private static final Logger log = LoggerFactory.getLogger(LoginAttempts.class);

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final SecurityProperties.Login settings;

    public LoginAttempts(JdbcClient jdbc, AuditLog audit, SecurityProperties security) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.settings = security.login();
    }

    @EventListener
    public void failed(AuthenticationFailureBadCredentialsEvent event) {
        String username = event.getAuthentication().getName();
        // The lock is timed on the database's clock: every hub instance refuses the account for lock-for, whichever
        // instance counted the wrong passwords and whatever its own clock says.
        int counted = jdbc.sql("UPDATE app_user SET failed_logins = failed_logins + 1 WHERE username = :u AND "
                        + DatabaseClock.lapsed("locked_until"))
                .param("u", username).update();
        if (counted == 0) {
            return;
        }
        // Of two wrong passwords racing past the limit, one locks (and audits); the count is then 0 for the other.
        int locked = jdbc.sql("""
                UPDATE app_user SET locked_until = %s, failed_logins = 0
                 WHERE username = :u AND failed_logins >= :max""".formatted(DatabaseClock.nowPlus(settings.lockFor())))
                .param("u", username).param("max", settings.maxFailures())
                .update();
        if (locked == 1) {
            Instant until = jdbc.sql("SELECT locked_until FROM app_user WHERE username = :u").param("u", username)
                    .query(Timestamp.class).single().toInstant();
            String from = event.getAuthentication().getDetails() instanceof WebAuthenticationDetails web
                    ? " (the last from " + web.getRemoteAddress() + ")" : "";
            log.warn("account '{}' locked until {} after {} wrong passwords in a row{}", username, until,
                    settings.maxFailures(), from);
            audit.append(new AuditLog.Event("anonymous", "ACCOUNT_LOCKED", "account", username, null,
                    "locked for " + settings.lockFor() + " after " + settings.maxFailures()
                            + " wrong passwords in a row" + from, null, null));
        }
    }

    @EventListener
    public void succeeded(AuthenticationSuccessEvent event) {
        jdbc.sql("UPDATE app_user SET failed_logins = 0 WHERE username = :u AND failed_logins > 0")
                .param("u", event.getAuthentication().getName()).update();
    }
}
