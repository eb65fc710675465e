package id.simpul.platform.security;

import id.simpul.platform.audit.AuditLog;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Changes to an account that must cut off whoever holds its old access: disabling it, a person changing
 * their own password, an admin resetting someone else's. Each changes the account row (which ends its console
 * sessions, {@link UserAccounts#sessionEpoch}), ends its API tokens and writes the audit row in one
 * transaction: no change without its audit row, no password material in it. Console and API share these.
 */
@Component
public class AccountChanges {

    private final UserAccounts accounts;
    private final ApiTokens tokens;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;

    public AccountChanges(UserAccounts accounts, ApiTokens tokens, AuditLog audit, TransactionTemplate transactions,
                          ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.audit = audit;
        this.transactions = transactions;
        this.events = events;
    }

    /**
     * What came of a password change; {@code problem} only for {@link Outcome#WEAK}; {@code sessionEpoch}, once
     * changed, the epoch this change set (the session that made it goes on in it: {@link SecurityConfig#keepSession}).
     */
    public record Result(Outcome outcome, Optional<UserAccounts.PasswordProblem> problem, int tokensRevoked,
                         OptionalInt sessionEpoch) {
        static Result of(Outcome outcome) {
            return new Result(outcome, Optional.empty(), 0, OptionalInt.empty());
        }
    }

    public enum Outcome { CHANGED, NO_ACCOUNT, WRONG_CURRENT, LOCKED, WEAK, OWN_ACCOUNT }

    /**
     * Enables or disables an account; disabling ends its tokens and sessions. False when there is no such
     * account. (That an admin does not disable their own account is the caller's rule.)
     */
    public boolean setEnabled(String actor, String username, boolean enabled) {
        return cutOff(actor, enabled ? "ACCOUNT_ENABLED" : "ACCOUNT_DISABLED", username, !enabled,
                () -> accounts.setEnabled(username, enabled)).isPresent();
    }

    /**
     * A person's own password, given the current one. A wrong current password counts as a wrong login
     * ({@link LoginAttempts}): a console left open must not let someone guess it without limit. A locked
     * account changes nothing, the right password neither, as at the login.
     */
    public Result changeOwn(String username, String current, String newPassword) {
        if (accounts.find(username).isEmpty()) {
            return Result.of(Outcome.NO_ACCOUNT);
        }
        if (!accounts.loadUserByUsername(username).isAccountNonLocked()) {
            return Result.of(Outcome.LOCKED);
        }
        if (!accounts.passwordMatches(username, current)) {
            events.publishEvent(new AuthenticationFailureBadCredentialsEvent(
                    UsernamePasswordAuthenticationToken.unauthenticated(username, null),
                    new BadCredentialsException("wrong current password on a password change")));
            return Result.of(Outcome.WRONG_CURRENT);
        }
        return setPassword(username, username, "PASSWORD_CHANGED", newPassword);
    }

    /** An admin sets someone else's password (forgotten, or known to someone else); not their own. */
    public Result reset(String admin, String username, String newPassword) {
        if (admin.equals(username)) {
            return Result.of(Outcome.OWN_ACCOUNT);
        }
        return setPassword(admin, username, "PASSWORD_RESET", newPassword);
    }

    private Result setPassword(String actor, String username, String action, String newPassword) {
        Optional<UserAccounts.PasswordProblem> problem = UserAccounts.passwordProblem(newPassword);
        if (problem.isPresent()) {
            return new Result(Outcome.WEAK, problem, 0, OptionalInt.empty());
        }
        OptionalInt[] epoch = {OptionalInt.empty()};
        OptionalInt revoked = cutOff(actor, action, username, true, () -> {
            epoch[0] = accounts.setPassword(username, newPassword);
            return epoch[0].isPresent();
        });
        if (revoked.isEmpty()) {
            return Result.of(Outcome.NO_ACCOUNT);
        }
        accounts.forgetGeneratedPassword(username);
        return new Result(Outcome.CHANGED, Optional.empty(), revoked.getAsInt(), epoch[0]);
    }

    /** Changes the account and, when {@code endAccess}, ends its tokens; audited. Empty when there is no account. */
    private OptionalInt cutOff(String actor, String action, String username, boolean endAccess, BooleanSupplier change) {
        Integer revoked = transactions.execute(status -> {
            if (!change.getAsBoolean()) {
                return null;
            }
            int ended = endAccess ? tokens.revokeAll(username) : 0;
            audit.appendInTransaction(new AuditLog.Event(actor, action, "account", username, null,
                    endAccess ? "other console sessions ended; " + ended + " live token(s) ended" : null, null, null));
            return ended;
        });
        return revoked == null ? OptionalInt.empty() : OptionalInt.of(revoked);
    }
}
