package id.simpul.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An upgraded hub whose store Flyway refused stopped with a 170-line stack trace under
 * "Error creating bean with name 'g2gProofFilter'", Flyway's reason only at its end (seen in the upgrade
 * drill on a store that lacked V5). The start-up report must give the reason and what to do.
 */
class MigrationFailureAnalyzerTest {

    @Test
    void aStoreMadeByABuildThatLackedAnEarlierMigrationIsReportedWithTheOutOfOrderStart() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:migration-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        Flyway flyway = Flyway.configure().dataSource(ds).locations("classpath:db/migration").load();
        flyway.migrate();
        // What a development build without V5 (but with V50-V52) left: V5 never applied.
        JdbcClient jdbc = JdbcClient.create(ds);
        jdbc.sql("DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '5'").update();
        jdbc.sql("DROP TABLE api_token").update();
        FlywayException refused = catchThrowableOfType(FlywayException.class, flyway::migrate);

        FailureAnalysis analysis = new MigrationFailureAnalyzer()
                .analyze(new BeanCreationException("g2gProofFilter", "Error creating bean", refused));

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains("could not be migrated")
                .contains("Detected resolved migration not applied to database: 5").doesNotContain("https://");
        assertThat(analysis.getAction()).contains("--spring.flyway.out-of-order=true").contains("Upgrading");
    }

    @Test
    void postgresqlOlderThan15AtV58IsReportedWithTheVersionItNeeds() {
        FlywayException failed = new FlywayException("Migration V58__ledger_applicant_id.sql failed\n"
                + "SQL State  : 42883\nMessage    : ERROR: function regexp_substr(text, unknown) does not exist");

        FailureAnalysis analysis = new MigrationFailureAnalyzer().analyze(new IllegalStateException(failed));

        assertThat(analysis.getDescription()).contains("V58__ledger_applicant_id.sql failed");
        assertThat(analysis.getAction()).contains("PostgreSQL 15 or newer");
    }
}
