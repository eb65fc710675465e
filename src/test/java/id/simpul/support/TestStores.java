package id.simpul.support;

import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;

/** Stores for tests that leave the rest of the hub out. */
public final class TestStores {

    private TestStores() {
    }

    /**
     * A fresh in-memory H2 store in PostgreSQL mode (the embedded default's settings) with the real
     * Flyway migrations; {@code name} only tells stores apart in a stack trace.
     */
    public static JdbcDataSource migratedH2(String name) {
        JdbcDataSource ds = h2(name);
        new MigratingStore(ds, null).migrate();
        return ds;
    }

    /** A fresh in-memory H2 store like {@link #migratedH2}, with no migration applied yet. */
    public static MigratingStore emptyH2(String name) {
        return new MigratingStore(h2(name), null);
    }

    private static JdbcDataSource h2(String name) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + name + "-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        return ds;
    }
}
