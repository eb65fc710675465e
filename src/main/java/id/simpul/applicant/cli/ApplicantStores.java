package id.simpul.applicant.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The H2 file store an offline command works on, migrated with the hub's own Flyway scripts. One connection
 * stays open while the command runs: H2 then keeps the database open instead of reopening it per flush.
 */
public final class ApplicantStores implements AutoCloseable {

    /**
     * H2's page cache lives on the Java heap, next to the registry's ~800 MiB at a million records. 64 MiB leaves G1
     * more room than 192 MiB did, and the writer's CPU was the same at 64 and 32 MiB (no thrashing). Under heavy
     * load a 192 MiB backfill spent 71 s in GC pauses; how much of that was the cache and how much the load is not
     * isolated (docs/applicant-matching.md, Speed).
     */
    private static final int CACHE_KB = 64 * 1024;

    private final Path dir;
    private final boolean temporary;
    private final JdbcConnectionPool dataSource;
    private final Connection keeper;

    private ApplicantStores(Path dir, boolean temporary, boolean bulk) {
        this.dir = dir;
        this.temporary = temporary;
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.toAbsolutePath().resolve("store/simpul")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                // A backfill inserts millions of index entries: H2's default 16 MB page cache thrashes. Incremental
                // use keeps the default, as the hub does.
                + (bulk ? ";CACHE_SIZE=" + CACHE_KB : ""));
        ds.setUser("simpul");
        ds.setPassword(System.getenv().getOrDefault("SIMPUL_STORE_PASSWORD", ""));
        // Pooled, as the hub's DataSource is: a plain JdbcDataSource opens a new H2 session for every flush, and a
        // new session has an empty statement cache, so each per-record commit also re-parsed every INSERT.
        this.dataSource = JdbcConnectionPool.create(ds);
        try {
            this.keeper = ds.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the store in " + dir + ": " + e.getMessage(), e);
        }
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    }

    /** The store named by --store, or a fresh temporary one deleted on close; sized for a backfill. */
    public static ApplicantStores open(Path store) {
        return open(store, true);
    }

    public static ApplicantStores open(Path store, boolean bulk) {
        try {
            if (store != null) {
                Files.createDirectories(store);
                return new ApplicantStores(store, false, bulk);
            }
            return new ApplicantStores(Files.createTempDirectory("simpul-applicants-"), true, bulk);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Path dir() {
        return dir;
    }

    public boolean temporary() {
        return temporary;
    }

    @Override
    public void close() {
        dataSource.dispose();
        try {
            keeper.close();
        } catch (SQLException ignored) {
            // closing is best effort; the data is committed
        }
        if (temporary) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a leftover temporary directory is harmless
            }
        }
    }
}
