package id.simpul.platform.security;

import id.simpul.platform.ProductionSecrets;
import id.simpul.platform.SimpulProperties;
import id.simpul.platform.lock.DatabaseClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Personal accounts in the SQL store, passwords hashed. The first admin comes from
 * {@code simpul.security.admin.username}/{@code password} (the environment in production); when no
 * password is set, a random one is generated and handed over once: printed at start on the embedded default,
 * written to an owner-only file in the data folder on the production profile ({@code generated-password}).
 */
@Component
public class UserAccounts implements UserDetailsService {

    private static final Logger log = LoggerFactory.getLogger(UserAccounts.class);
    /** The shortest password an account may have (the console's account form, the production first admin). */
    public static final int MIN_PASSWORD = 12;
    /** Under the data folder: the generated first-admin password on the production profile. */
    static final String FIRST_ADMIN_PASSWORD_FILE = "first-admin-password";

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final Clock clock;
    private final SecurityProperties.Admin admin;
    private final Path dataDir;

    public UserAccounts(JdbcClient jdbc, PasswordEncoder encoder, Clock clock, SecurityProperties security,
                        SimpulProperties simpul) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.clock = clock;
        this.admin = security.admin();
        this.dataDir = simpul.dataDir();
    }

    public record Account(String username, List<String> roles, boolean enabled) {
    }

    /** Why a password may not be an account's: the first admin's rules, for every account and every change. */
    public enum PasswordProblem {
        TOO_SHORT("is shorter than " + MIN_PASSWORD + " characters, the console's minimum for a password",
                "password.error.short"),
        PUBLIC_DEFAULT("is the simulator's public default", "password.error.default"),
        PLACEHOLDER("is a placeholder from docker/.env.example", "password.error.placeholder");

        private final String reason;
        private final String messageKey;

        PasswordProblem(String reason, String messageKey) {
            this.reason = reason;
            this.messageKey = messageKey;
        }

        /** "is shorter than …": follows the password's name ("SIMPUL_SECURITY_ADMIN_PASSWORD", "the new password"). */
        public String reason() {
            return reason;
        }

        /** The console's text (messages.properties). */
        public String messageKey() {
            return messageKey;
        }
    }

    /** What is wrong with {@code password} as an account's password; empty when nothing is. */
    public static Optional<PasswordProblem> passwordProblem(String password) {
        if (password == null || password.isBlank() || password.length() < MIN_PASSWORD) {
            return Optional.of(PasswordProblem.TOO_SHORT);
        }
        if (ProductionSecrets.SIMULATOR_DEFAULTS.contains(password.strip())) {
            return Optional.of(PasswordProblem.PUBLIC_DEFAULT);
        }
        if (password.strip().startsWith(ProductionSecrets.PLACEHOLDER)) {
            return Optional.of(PasswordProblem.PLACEHOLDER);
        }
        return Optional.empty();
    }

    @EventListener(ApplicationStartedEvent.class)
    public void ensureFirstAdmin() {
        boolean anyAdmin = jdbc.sql("SELECT COUNT(*) FROM app_user WHERE roles LIKE '%admin%'").query(Long.class)
                .single() > 0;
        if (anyAdmin) {
            return;
        }
        String password = admin.password();
        if (password == null || password.isBlank()) {
            password = handOverGeneratedPassword();
        }
        create(admin.username(), password, List.of(Roles.ADMIN));
        log.info("created the first admin account '{}'", admin.username());
    }

    private String handOverGeneratedPassword() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        if (admin.generatedPassword() == SecurityProperties.GeneratedPassword.FILE) {
            // A file left by an earlier install on a store since emptied is its password again: one file, one truth.
            Path file = dataDir.resolve(FIRST_ADMIN_PASSWORD_FILE);
            String password = KeyFiles.readOrCreate(file, () -> generated);
            log.warn("the first admin '{}' has a generated password, in {} (readable by the hub's user only): "
                    + "log in with it and change it (console: Kata sandi), which deletes the file", admin.username(), file);
            return password;
        }
        // Printed once, on purpose: the embedded default has no other way to hand it over.
        System.out.println("\n*** Simpul first admin: username '" + admin.username() + "', password '" + generated
                + "' (shown once; set SIMPUL_SECURITY_ADMIN_PASSWORD to choose it) ***\n");
        return generated;
    }

    public void create(String username, String password, List<String> roles) {
        for (String role : roles) {
            if (!Roles.ALL.contains(role)) {
                throw new IllegalArgumentException("unknown role " + role + "; known: " + Roles.ALL);
            }
        }
        jdbc.sql("INSERT INTO app_user (username, password_hash, roles, enabled, created_at) VALUES (:u, :p, :r, TRUE, :t)")
                .param("u", username).param("p", encoder.encode(password)).param("r", String.join(",", roles))
                .param("t", Timestamp.from(clock.instant())).update();
    }

    /**
     * Enables or disables an account (someone who left, a shared login found): a disabled account cannot sign
     * in, its tokens are refused and its console sessions end ({@link SecurityConfig}), for good: they stay
     * ended when it is enabled again. False when there is no such account. Use {@link AccountChanges}, which
     * also ends the tokens and audits.
     */
    boolean setEnabled(String username, boolean enabled) {
        return jdbc.sql("UPDATE app_user SET enabled = :e" + (enabled ? "" : ", session_epoch = session_epoch + 1")
                + " WHERE username = :u").param("e", enabled).param("u", username).update() == 1;
    }

    /**
     * Sets a new password (hashed) and ends the account's console sessions; a lock from wrong passwords ends
     * too, since the password it protected is gone. Returns the account's new session epoch; empty when there is
     * no such account. Use
     * {@link AccountChanges}, which checks the password, ends the tokens and audits.
     */
    OptionalInt setPassword(String username, String password) {
        int updated = jdbc.sql("""
                UPDATE app_user SET password_hash = :p, session_epoch = session_epoch + 1, failed_logins = 0,
                       locked_until = NULL
                 WHERE username = :u""").param("p", encoder.encode(password)).param("u", username).update();
        // Read in the caller's transaction, under the row lock the update took: the epoch this change set, not
        // one a concurrent reset set just after it.
        return updated != 1 ? OptionalInt.empty() : OptionalInt.of(jdbc.sql(
                "SELECT session_epoch FROM app_user WHERE username = :u").param("u", username).query(Integer.class).single());
    }

    /**
     * Once the first admin's password is no longer the generated one, its file ({@code generated-password: file})
     * only tells a reader a stale secret and invites trusting it: it goes. A failure to delete is logged, not
     * thrown, since the password change itself has been made.
     */
    void forgetGeneratedPassword(String username) {
        if (!admin.username().equals(username)) {
            return;
        }
        Path file = dataDir.resolve(FIRST_ADMIN_PASSWORD_FILE);
        try {
            if (Files.deleteIfExists(file)) {
                log.info("the first admin's password was changed: {} deleted", file);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("the first admin's password was changed, but {} could not be deleted ({}); delete it by hand",
                    file, e.toString());
        }
    }

    /** Is {@code password} this account's password? False for no account. */
    boolean passwordMatches(String username, String password) {
        return password != null && jdbc.sql("SELECT password_hash FROM app_user WHERE username = :u")
                .param("u", username).query(String.class).optional()
                .map(hash -> encoder.matches(password, hash)).orElse(false);
    }

    /**
     * The account's session epoch while it is enabled (empty when it is disabled or gone): a console session
     * opened in an older epoch has outlived a password change or a disabling, and ends ({@link SecurityConfig}).
     */
    public OptionalInt sessionEpoch(String username) {
        return jdbc.sql("SELECT session_epoch FROM app_user WHERE username = :u AND enabled = TRUE")
                .param("u", username).query(Integer.class).optional()
                .map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    public Optional<Account> find(String username) {
        return jdbc.sql("SELECT username, roles, enabled FROM app_user WHERE username = :u").param("u", username)
                .query((rs, n) -> new Account(rs.getString("username"),
                        Arrays.asList(rs.getString("roles").split(",")), rs.getBoolean("enabled")))
                .optional();
    }

    public List<Account> all() {
        return jdbc.sql("SELECT username, roles, enabled FROM app_user ORDER BY username")
                .query((rs, n) -> new Account(rs.getString("username"),
                        Arrays.asList(rs.getString("roles").split(",")), rs.getBoolean("enabled")))
                .list();
    }

    /**
     * The accounts {@link LoginAttempts} holds locked now (on the database's clock, as it set them), with the end of
     * each lock: the console shows them to admins, since the login page says only that a login failed.
     */
    public Map<String, Instant> lockedUntil() {
        return jdbc.sql("SELECT username, locked_until FROM app_user WHERE NOT " + DatabaseClock.lapsed("locked_until"))
                .query((rs, n) -> Map.entry(rs.getString("username"), rs.getTimestamp("locked_until").toInstant()))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** An account locked by {@link LoginAttempts} is refused before its password is checked, the right one too. */
    @Override
    public UserDetails loadUserByUsername(String username) {
        // Locked on the database's clock, as LoginAttempts set it: the same for every hub instance.
        return jdbc.sql("SELECT a.*, CASE WHEN " + DatabaseClock.lapsed("a.locked_until")
                        + " THEN 0 ELSE 1 END AS locked_now FROM app_user a WHERE a.username = :u").param("u", username)
                .query((rs, n) -> new Login(User.withUsername(rs.getString("username"))
                        .password(rs.getString("password_hash"))
                        .roles(Arrays.stream(rs.getString("roles").split(",")).map(String::toUpperCase)
                                .toArray(String[]::new))
                        .disabled(!rs.getBoolean("enabled"))
                        .accountLocked(rs.getInt("locked_now") == 1)
                        .build(), rs.getInt("session_epoch")))
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("no account " + username));
    }

    /**
     * An account as a login sees it, with the session epoch read in the same row as the password hash: a session
     * opened with a password is in that password's epoch. Read after the (slow) password check instead, a reset
     * in between would give a session opened with the old password the new epoch, and it would outlive the reset.
     */
    public static final class Login extends User {
        private final int sessionEpoch;

        Login(UserDetails account, int sessionEpoch) {
            super(account.getUsername(), account.getPassword(), account.isEnabled(), account.isAccountNonExpired(),
                    account.isCredentialsNonExpired(), account.isAccountNonLocked(), account.getAuthorities());
            this.sessionEpoch = sessionEpoch;
        }

        public int sessionEpoch() {
            return sessionEpoch;
        }

        @Override
        public boolean equals(Object other) {
            return super.equals(other);
        }

        @Override
        public int hashCode() {
            return super.hashCode();
        }
    }
}
