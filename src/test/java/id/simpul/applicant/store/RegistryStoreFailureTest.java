package id.simpul.applicant.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.simpul.applicant.ApplicantRegistry;
import id.simpul.applicant.MatchSettings;
import id.simpul.applicant.RegistryFixture;
import id.simpul.applicant.Resolution;
import id.simpul.applicant.SourceRecord;
import id.simpul.applicant.match.FeatureExtractor;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** A write the store refuses once (a pool timeout in a burst, a database fail-over) is not lost. */
class RegistryStoreFailureTest {

    private final RegistryFixture fixture = new RegistryFixture();
    private final Map<String, SourceRecord> records = RegistryFixture.cases("applicants-seed7.jsonl");

    @Test
    void aBatchTheStoreRefusedIsWrittenByTheNextFlushAndSurvivesARestart() {
        Flaky store = new Flaky(fixture.dataSource);
        ApplicantRegistry registry = new ApplicantRegistry(new RegistryStore(store, RegistryFixture.PII.payloadSeal()), new FeatureExtractor(
                RegistryFixture.PII, RegistryFixture.CLOCK), MatchSettings.DEFAULTS, RegistryFixture.CLOCK, m -> { });
        registry.load();
        List<SourceRecord> two = records.values().stream().limit(2).toList();

        store.down = true;
        assertThatThrownBy(() -> registry.resolve(two.get(0))).hasMessageContaining("applicant registry write failed");
        String first = registry.applicantOf(two.get(0).sourceRef()).orElseThrow();
        store.down = false;
        Resolution second = registry.resolve(two.get(1));

        ApplicantRegistry restarted = fixture.open();
        assertThat(restarted.applicantOf(two.get(0).sourceRef())).as("the refused write, written later").contains(first);
        assertThat(restarted.applicantOf(two.get(1).sourceRef())).contains(second.applicantId());
    }

    /** The real store, refusing connections while {@code down}. */
    private static final class Flaky implements DataSource {
        private final DataSource real;
        volatile boolean down;

        Flaky(DataSource real) {
            this.real = real;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (down) {
                throw new SQLTransientConnectionException("Connection is not available, request timed out");
            }
            return real.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return real.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            real.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            real.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return real.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return real.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return real.isWrapperFor(type);
        }
    }
}
