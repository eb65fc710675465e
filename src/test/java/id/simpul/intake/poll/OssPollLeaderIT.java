package id.simpul.intake.poll;

import id.simpul.support.ExternalServices;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * {@link OssPollLeaderTest} on PostgreSQL, where several hubs really share one store: ShedLock's
 * database-time SQL differs per database, and this is the one production runs.
 */
@ExtendWith(ExternalServices.class)
class OssPollLeaderIT extends OssPollLeaderTest {

    private static final String SCHEMA = "simpul_it_lock";

    @Override
    protected DataSource migratedStore() {
        ExternalServices.Connection services = ExternalServices.connection();
        services.recreateSchema(SCHEMA);
        DataSource pg = new SimpleDriverDataSource(new org.postgresql.Driver(), services.pgUrl(SCHEMA),
                services.pgUser(), services.pgPassword());
        Flyway.configure().dataSource(pg).schemas(SCHEMA).locations("classpath:db/migration").load().migrate();
        return pg;
    }
}
