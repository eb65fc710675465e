package id.simpul.g2g.events;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.applicant.MergeEvent;
import id.simpul.support.TestStores;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The alias a merge leaves behind for G2G lookups, in the transaction that publishes ApplicantMerged. */
class EventPublisherTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T08:00:00Z"), ZoneOffset.UTC);

    private JdbcClient jdbc;
    private EventPublisher publisher;
    private TransactionTemplate transaction;

    /** The store the test runs on; {@code EventPublisherIT} runs it on PostgreSQL. */
    DataSource store() {
        return TestStores.migratedH2("event-publisher");
    }

    @BeforeEach
    void publisher() {
        DataSource store = store();
        jdbc = JdbcClient.create(store);
        publisher = new EventPublisher(new Outbox(jdbc, new JdbcTemplate(store), CLOCK), jdbc, CLOCK);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(store));
    }

    @Test
    void aRetiredIdMergedAgainPointsAtItsNewSurvivorAndTheEventIsPublished() {
        transaction.executeWithoutResult(t -> publisher.applicantMerged("APL-1", "APL-2", MergeEvent.Cause.AUTOMATIC));

        // The same retired id again (a relay's redelivery, or a survivor retired in turn): on PostgreSQL a failed
        // insert aborts the transaction, so the alias must not be written by "insert, and update if that fails".
        transaction.executeWithoutResult(t -> publisher.applicantMerged("APL-3", "APL-2", MergeEvent.Cause.REVIEW_DECISION));

        assertThat(jdbc.sql("SELECT survivor_id FROM g2g_applicant_alias WHERE retired_id = 'APL-2'")
                .query(String.class).single()).isEqualTo("APL-3");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM g2g_event WHERE type = 'ApplicantMerged'").query(Long.class).single())
                .isEqualTo(2);
    }
}
