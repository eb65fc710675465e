package id.simpul.applicant;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import id.simpul.applicant.match.FeatureExtractor;
import id.simpul.applicant.pii.PiiProtector;
import id.simpul.applicant.store.RegistryStore;
import id.simpul.support.MigratingStore;
import id.simpul.support.TestStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** A registry over a fresh in-memory H2 store (the real Flyway migrations), with a fixed clock and key. */
public final class RegistryFixture {

    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T08:00:00Z"), ZoneOffset.UTC);
    public static final PiiProtector PII = new PiiProtector(new byte[32]);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    public final DataSource dataSource;
    public final List<MergeEvent> merges = new ArrayList<>();
    public ApplicantRegistry registry;

    public RegistryFixture() {
        this(null, null);
    }

    /**
     * A store migrated up to {@code version}, given the rows of a SQL fixture under fixtures/applicant, then
     * migrated to the latest version and opened: a hub upgraded with data already in its store.
     */
    public static RegistryFixture upgradedFrom(String version, String sqlFixture) {
        return new RegistryFixture(version, sqlFixture);
    }

    private RegistryFixture(String version, String sqlFixture) {
        if (version == null) {
            this.dataSource = TestStores.migratedH2("applicant");
        } else {
            MigratingStore store = TestStores.emptyH2("applicant").migrateTo(version);
            this.dataSource = store.dataSource();
            plant(sqlFixture);
            store.migrate();
        }
        this.registry = open();
    }

    private void plant(String sqlFixture) {
        String sql = String.join("\n", lines(sqlFixture).stream().filter(l -> !l.strip().startsWith("--")).toList());
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (String statement : sql.split(";")) {
                if (!statement.isBlank()) {
                    st.execute(statement);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("fixture " + sqlFixture + " does not load", e);
        }
    }

    /** A new registry instance over the same store, as after a hub restart. */
    public ApplicantRegistry open() {
        ApplicantRegistry r = new ApplicantRegistry(new RegistryStore(dataSource, PII.payloadSeal()), new FeatureExtractor(PII, CLOCK),
                MatchSettings.DEFAULTS, CLOCK, merges::add);
        r.load();
        return r;
    }

    public Resolution resolve(SourceRecord r) {
        return registry.resolve(r);
    }

    /** Records of a fixture file under fixtures/applicant, by sourceRef. */
    public static Map<String, SourceRecord> cases(String file) {
        Map<String, SourceRecord> out = new HashMap<>();
        for (SourceRecord r : records(file)) {
            out.put(r.sourceRef(), r);
        }
        return out;
    }

    /** Records of a fixture file under fixtures/applicant, in the file's order. */
    public static List<SourceRecord> records(String file) {
        List<SourceRecord> out = new ArrayList<>();
        for (String line : lines(file)) {
            try {
                out.add(JSON.readValue(line, SourceRecord.class));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    public static Path fixture(String file) {
        try {
            return Path.of(RegistryFixture.class.getResource("/fixtures/applicant/" + file).toURI());
        } catch (Exception e) {
            throw new IllegalStateException("fixture " + file + " missing", e);
        }
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(fixture(file), StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
