package id.simpul.intake.poll;

import id.simpul.support.ExternalServices;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link OssPollLeaderTest} on PostgreSQL, where several hubs really share one store: ShedLock's
 * database-time SQL differs per database, and this is the one production runs.
 */
@ExtendWith(ExternalServices.class)
class OssPollLeaderIT extends OssPollLeaderTest {

    private static final String SCHEMA = "simpul_it_lock";

    @Override
    protected DataSource migratedStore() {
        return ExternalServices.connection().migratedStore(SCHEMA);
    }
}
