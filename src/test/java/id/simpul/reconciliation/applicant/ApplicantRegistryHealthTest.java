package id.simpul.reconciliation.applicant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import id.simpul.applicant.ApplicantRegistry;
import id.simpul.applicant.MatchSettings;
import id.simpul.applicant.RegistryFixture;
import id.simpul.applicant.match.FeatureExtractor;
import id.simpul.applicant.store.RegistryStore;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class ApplicantRegistryHealthTest {

    @Test
    void aLoadedRegistryIsUpWithItsRecordCount() {
        RegistryFixture fx = new RegistryFixture();

        Health health = new ApplicantRegistryHealth(fx.registry).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("state", "loaded").containsEntry("records", 0L);
    }

    @Test
    void aRegistryWhoseBackgroundLoadFailedIsDown() throws Exception {
        RegistryFixture fx = new RegistryFixture();
        ApplicantRegistry registry = new ApplicantRegistry(new RegistryStore(fx.dataSource, RegistryFixture.PII.payloadSeal()),
                new FeatureExtractor(RegistryFixture.PII, RegistryFixture.CLOCK), MatchSettings.DEFAULTS,
                RegistryFixture.CLOCK, e -> { });
        // The store loses a table the load reads: the background load fails.
        try (Connection c = fx.dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE applicant_link CASCADE");
        }

        catchThrowable(() -> registry.loadInBackground().join());

        Health health = new ApplicantRegistryHealth(registry).health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("state").toString()).contains("load failed");
    }
}
