package id.simpul.reconciliation.console;

import id.simpul.platform.security.PersonalData;
import id.simpul.platform.security.Roles;
import java.util.List;
import java.util.Locale;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who is looking at the console and what their roles let them do. Templates hide what a role may
 * not do; controllers check again with {@link #requireAct()} and friends (403 otherwise).
 */
public record ConsoleUser(String name, List<String> roles, boolean canAct, boolean canAudit, boolean admin,
                          boolean seesPersonalData) {

    public static ConsoleUser of(Authentication auth) {
        if (auth == null || !auth.isAuthenticated()) {
            return new ConsoleUser(null, List.of(), false, false, false, false);
        }
        List<String> roles = auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .map(a -> a.toLowerCase(Locale.ROOT).replace("role_", ""))
                .filter(Roles.ALL::contains).distinct().sorted().toList();
        boolean admin = roles.contains(Roles.ADMIN);
        return new ConsoleUser(auth.getName(), roles, admin || roles.contains(Roles.OPERATOR),
                admin || roles.contains(Roles.AUDITOR), admin, PersonalData.mayUnmask(auth));
    }

    /** Replay, discard, edit, bulk replay, confirm a manual entry, decide a review: operator or admin. */
    public void requireAct() {
        if (!canAct) {
            throw new Forbidden("only operator or admin may change messages");
        }
    }

    /** The audit log: auditor or admin. */
    public void requireAudit() {
        if (!canAudit) {
            throw new Forbidden("only auditor or admin may read the audit log");
        }
    }

    /** Accounts: admin. */
    public void requireAdmin() {
        if (!admin) {
            throw new Forbidden("only admin may manage accounts");
        }
    }

    /** A role that may not do this; the console answers 403. */
    public static final class Forbidden extends RuntimeException {
        public Forbidden(String message) {
            super(message);
        }
    }
}
