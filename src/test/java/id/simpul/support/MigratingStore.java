package id.simpul.support;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A store that the hub's Flyway migrations are applied to in steps, for tests of what a migration does to the rows
 * an older build stored: migrate to the version before it, insert those rows, and migrate on, as an upgrade does.
 * {@link TestStores#emptyH2} is one on the embedded default's H2, {@link ExternalServices.Connection#emptyStore} one
 * on PostgreSQL (a migration's SQL may behave differently there: casts, regular expressions, NULL ordering).
 *
 * @param schema the schema Flyway migrates (PostgreSQL), or null for the connection's default (H2)
 */
public record MigratingStore(DataSource dataSource, String schema) {

    /** Applies the migrations up to and including {@code version}: the store as a build of that version left it. */
    public MigratingStore migrateTo(String version) {
        flyway().target(version).load().migrate();
        return this;
    }

    /** Applies every migration not applied yet: what the current build does when it starts on the store. */
    public MigratingStore migrate() {
        flyway().load().migrate();
        return this;
    }

    public JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
    }

    private FluentConfiguration flyway() {
        FluentConfiguration flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
        return schema == null ? flyway : flyway.schemas(schema);
    }
}
