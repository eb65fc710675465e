package id.simpul.platform.lock;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * SQL for times that hub instances sharing one store must agree on (leases, claims): they are taken from the
 * database's clock, which all instances share, never from a hub's own, which may drift. Portable between
 * PostgreSQL and H2 in PostgreSQL mode. Both read {@code CURRENT_TIMESTAMP} at the start of the transaction,
 * so leases are taken in statements of their own (auto-commit), never inside a long transaction.
 */
public final class DatabaseClock {

    /** The database's time now. */
    public static final String NOW = "CURRENT_TIMESTAMP";

    /**
     * A row's lease is free: never taken, released, or lapsed on the database's clock. Every leased table names
     * its columns {@code lease_holder} and {@code lease_until}.
     */
    public static final String LEASE_FREE = lapsed("lease_until");

    private DatabaseClock() {
    }

    /** The time in {@code column} is not set, or has come on the database's clock (a lease, a lock). */
    public static String lapsed(String column) {
        return "(" + column + " IS NULL OR " + column + " <= " + NOW + ")";
    }

    /**
     * The database's time {@code length} from now (a lease, a login lock, a token's expiry), to the millisecond
     * (a lease checked against a read timeout must not come out shorter than configured). A literal, not a
     * parameter: "integer * INTERVAL" resolves differently on H2 and PostgreSQL.
     */
    public static String nowPlus(Duration length) {
        if (length.toMillis() < 1) {
            throw new IllegalArgumentException("a time to come must be at least a millisecond away, not " + length);
        }
        return NOW + " + " + interval(length);
    }

    /**
     * The condition that {@code column}, stamped with {@link #NOW} when its row was written, is at least {@code age}
     * old on the database's clock: what makes a row visible to the cursors of every instance at once.
     */
    public static String atLeastOld(String column, Duration age) {
        if (age.isNegative()) {
            throw new IllegalArgumentException("an age cannot be negative: " + age);
        }
        return "(" + column + " <= " + (age.toMillis() < 1 ? NOW : NOW + " - " + interval(age)) + ")";
    }

    private static String interval(Duration length) {
        BigDecimal seconds = BigDecimal.valueOf(length.toMillis()).movePointLeft(3);
        return "INTERVAL '" + seconds.toPlainString() + "' SECOND";
    }
}
