package id.simpul.platform.security;

import id.simpul.platform.audit.AuditLog;
import java.sql.Timestamp;
import java.time.Clock;
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
    private final Clock clock;
    private final AuditLog audit;
    private final SecurityProperties.Login settings;

    public LoginAttempts(JdbcClient jdbc, Clock clock, AuditLog audit, SecurityProperties security) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
        this.settings = security.login();
    }

    @EventListener
    public void failed(AuthenticationFailureBadCredentialsEvent event) {
        String username = event.getAuthentication().getName();
        Instant now = clock.instant();
        int counted = jdbc.sql("""
                UPDATE app_user SET failed_logins = failed_logins + 1
                 WHERE username = :u AND (locked_until IS NULL OR locked_until <= :now)""")
                .param("u", username).param("now", Timestamp.from(now)).update();
        if (counted == 0) {
            return;
        }
        Instant until = now.plus(settings.lockFor());
        // Of two wrong passwords racing past the limit, one locks (and audits); the count is then 0 for the other.
        int locked = jdbc.sql("""
                UPDATE app_user SET locked_until = :until, failed_logins = 0
                 WHERE username = :u AND failed_logins >= :max""")
                .param("u", username).param("until", Timestamp.from(until)).param("max", settings.maxFailures())
                .update();
        if (locked == 1) {
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
