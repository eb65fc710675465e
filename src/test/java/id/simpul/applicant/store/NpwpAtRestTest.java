package id.simpul.applicant.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.simpul.applicant.RegistryFixture;
import id.simpul.applicant.SourceRecord;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the registry's tables hold of an NPWP, read directly over JDBC: since 2024 a resident's 16-digit NPWP is
 * their NIK, so it is kept like one (HMAC and ciphertext), never in clear; a 15-digit NPWP stays as it was.
 */
class NpwpAtRestTest {

    private static final Map<String, SourceRecord> CASES = RegistryFixture.cases("nik-npwp-cases.jsonl");

    private RegistryFixture fx;

    @BeforeEach
    void registryWithTheCases() {
        fx = new RegistryFixture();
        CASES.keySet().stream().sorted().forEach(ref -> fx.resolve(CASES.get(ref)));
    }

    @Test
    void noSixteenDigitNpwpIsStoredInClearInAnyColumnOfTheRegistryTables() throws SQLException {
        // A re-sent record is written by the UPDATE; a split writes events and decided links: every table has rows.
        fx.resolve(CASES.get("npwp:sole-trader"));
        String person = fx.registry.applicantOf("npwp:person-a").orElseThrow();
        fx.registry.split(person, List.of("npwp:person-a-again"), "dpo");
        Set<String> npwps = new TreeSet<>();
        CASES.values().stream().map(SourceRecord::npwp).filter(n -> n != null && n.replaceAll("\\D", "").length() == 16)
                .forEach(n -> npwps.add(n.replaceAll("\\D", "")));
        assertThat(npwps).hasSize(3);

        List<String> found = new ArrayList<>();
        int cells = 0;
        try (Connection c = fx.dataSource.getConnection(); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = 'public' AND table_name LIKE 'applicant%'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).contains("applicant_master", "applicant_source", "applicant_link", "applicant_event");
            for (String table : tables) {
                try (ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            String value = rs.getString(i);
                            if (value == null) {
                                continue;
                            }
                            cells++;
                            String compact = value.replaceAll("[\\s.\\-]", "");
                            for (String npwp : npwps) {
                                if (compact.contains(npwp)) {
                                    found.add(table + "." + rs.getMetaData().getColumnName(i));
                                }
                            }
                        }
                    }
                }
            }
        }
        assertThat(cells).isGreaterThan(100);
        assertThat(found).as("columns holding a 16-digit NPWP in clear").isEmpty();
    }

    @Test
    void fifteenDigitCompanyNpwpIsStoredInClearAsBefore() {
        assertThat(column("npwp", "npwp:company")).isEqualTo("012345678901000");
    }

    @Test
    void sealedNpwpIsTheHmacOfItsDigitsAndDecryptsBackWithTheKey() {
        assertThat(column("npwp", "npwp:sole-trader")).isNull();
        assertThat(column("npwp_hmac", "npwp:sole-trader")).isEqualTo(RegistryFixture.PII.hmac("1607041212800001"));
        assertThat(RegistryFixture.PII.decrypt(column("npwp_cipher", "npwp:sole-trader-again"))).isEqualTo("1607041212800001");
        assertThat(column("npwp_hmac", "npwp:company")).isNull();
        assertThat(column("npwp_cipher", "npwp:company")).isNull();
    }

    @Test
    void storeRefusesASixteenDigitNpwpInClear() {
        SourceRecord clear = new SourceRecord("npwp:direct", "ORGANIZATION", "Toko Sumber Rejeki", null,
                "1607041212800001", null, null, null, null, null, null, null);
        RegistryStore store = new RegistryStore(fx.dataSource, RegistryFixture.PII.payloadSeal());

        assertThatThrownBy(() -> store.source(99, true, clear, null, null, null, "ABSENT", null, null,
                RegistryFixture.CLOCK.instant()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("1607041212800001");
        assertThat(store.pending()).isZero();
    }

    private String column(String column, String sourceRef) {
        try (Connection c = fx.dataSource.getConnection();
             var ps = c.prepareStatement("SELECT " + column + " FROM applicant_source WHERE source_ref = ?")) {
            ps.setString(1, sourceRef);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as(sourceRef).isTrue();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
