package id.simpul.platform.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/**
 * Whether the hub's store is the embedded one (H2 in a file the hub owns, ADR 0001), and its engine when it is:
 * the hub backs it up itself ({@code StoreBackups}) and compacts it ({@link EmbeddedStoreCompaction}).
 */
public final class EmbeddedStore {

    private static final String URL_PREFIX = "jdbc:h2:file:";

    private EmbeddedStore() {
    }

    /** Whether the pool's store is the embedded one. */
    public static boolean isEmbedded(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return isEmbedded(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the store: " + e.getMessage(), e);
        }
    }

    /** The embedded store's engine behind the pool, or none when the hub runs on another database. */
    static Optional<MVStore> engine(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            if (!isEmbedded(c) || !c.isWrapperFor(JdbcConnection.class)
                    || !(c.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
                return Optional.empty();
            }
            return Optional.ofNullable(session.getDatabase().getStore()).map(s -> s.getMvStore());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the store: " + e.getMessage(), e);
        }
    }

    private static boolean isEmbedded(Connection c) throws SQLException {
        String url = c.getMetaData().getURL();
        return url != null && url.startsWith(URL_PREFIX);
    }
}
