package id.simpul.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code simpul.security.*}: the key that turns a NIK into the audit log's data-subject key (empty: one
 * generated in the data folder, see {@link PersonalData}) and the first admin account (an empty password:
 * one generated and handed over once, see {@link Admin#generatedPassword}). Both secrets come from the environment in production. And how
 * password guessing is stopped: an account is locked for {@code login.lock-for} after
 * {@code login.max-failures} wrong passwords in a row, and an address's logins are turned away after
 * {@code login.per-address.max-failures} failures within {@code login.per-address.window}.
 */
@ConfigurationProperties(prefix = "simpul.security")
public record SecurityProperties(String subjectKey, Admin admin, Login login) {

    public SecurityProperties {
        subjectKey = subjectKey == null ? "" : subjectKey;
        admin = admin == null ? new Admin(null, null, null) : admin;
        login = login == null ? new Login(0, null, null, null) : login;
    }

    /**
     * @param maxFailures wrong passwords in a row that lock an account (default 5)
     * @param lockFor     how long the lock lasts (default 15 minutes): long enough to make guessing
     *                    hopeless, short enough that a lock an attacker causes ends without an admin
     * @param perAddress  failed logins one client address may make before its logins are turned away
     * @param formTimeout how long a console session is kept before its login (default 5 minutes): the login page
     *                    opens one for its form's CSRF token, and an anonymous flood of it would otherwise fill
     *                    the session store for the full session timeout; the login gives it that timeout
     */
    public record Login(int maxFailures, java.time.Duration lockFor, PerAddress perAddress,
                        java.time.Duration formTimeout) {
        public Login {
            maxFailures = maxFailures <= 0 ? 5 : maxFailures;
            lockFor = lockFor == null || lockFor.isNegative() || lockFor.isZero() ? java.time.Duration.ofMinutes(15)
                    : lockFor;
            perAddress = perAddress == null ? new PerAddress(0, null) : perAddress;
            formTimeout = formTimeout == null || formTimeout.toSeconds() <= 0 ? java.time.Duration.ofMinutes(5)
                    : formTimeout;
        }
    }

    /**
     * Password spraying (one guess at each of many accounts) never locks an account; the address it comes from is
     * limited instead ({@link LoginAddresses}).
     *
     * @param maxFailures failed logins (any account, known or not) from one address within {@code window} after
     *                    which its further logins are turned away until the window ends (default 20)
     * @param window      how long failures are counted from the first (default 10 minutes)
     */
    public record PerAddress(int maxFailures, java.time.Duration window) {
        public PerAddress {
            maxFailures = maxFailures <= 0 ? 20 : maxFailures;
            window = window == null || window.isNegative() || window.isZero() ? java.time.Duration.ofMinutes(10)
                    : window;
        }
    }

    /**
     * @param generatedPassword where a first-admin password the hub generates (no {@code password} set) goes:
     *                          {@code log}, printed once to the output (the embedded default, so that
     *                          {@code java -jar} works out of the box), or {@code file}, an owner-only file in
     *                          the data folder whose path alone is logged (the production profile)
     */
    public record Admin(String username, String password, GeneratedPassword generatedPassword) {
        public Admin {
            username = username == null || username.isBlank() ? "admin" : username;
            password = password == null ? "" : password;
            generatedPassword = generatedPassword == null ? GeneratedPassword.LOG : generatedPassword;
        }
    }

    public enum GeneratedPassword { LOG, FILE }
}
