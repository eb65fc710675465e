package id.simpul.applicant.store;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.applicant.RegistryFixture;
import id.simpul.applicant.Resolution;
import id.simpul.applicant.SourceRecord;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A source record's name, street address, phone and e-mail, and a master's display name, are sealed in the store
 * (read here over JDBC) and read back in clear by the registry, whose matching after a reload from the sealed rows
 * is what it was.
 */
class ContactsAtRestTest {

    private static final Map<String, SourceRecord> CASES = RegistryFixture.cases("matcher-cases.jsonl");
    private static final String SEALED = "sealed:v1:";

    private final RegistryFixture fx = new RegistryFixture();

    @Test
    void nameStreetPhoneAndEmailAreSealedInTheStoreAndReadBackInClear() {
        SourceRecord org = CASES.get("case:org-a");
        Resolution resolved = fx.resolve(org);

        SourceRecord stored = fx.registry.store().source(ordinal("case:org-a")).orElseThrow();
        assertThat(stored.name()).isEqualTo(org.name());
        assertThat(stored.address().line()).isEqualTo(org.address().line());
        assertThat(stored.phone()).as("normalised when prepared, as before").isEqualTo("62711355000");
        assertThat(stored.email()).isEqualTo(org.email());
        for (String column : new String[] {"name", "address_line", "phone", "email"}) {
            assertThat(column(column, "case:org-a")).as(column).startsWith(SEALED)
                    .doesNotContain(org.name(), org.address().line(), stored.phone(), org.email());
        }
        assertThat(column("regency", "case:org-a")).isEqualTo(org.address().regency());
        assertThat(masterDisplayName()).startsWith(SEALED).doesNotContain(org.name());
        assertThat(fx.registry.view(resolved.applicantId()).orElseThrow().displayName()).isEqualTo(org.name());
    }

    @Test
    void registryReloadedFromSealedRowsMatchesByStreetPhoneAndEmailAsBefore() {
        Resolution street = fx.resolve(CASES.get("case:addr-phone-a"));
        Resolution mail = fx.resolve(CASES.get("case:bridge-b"));

        fx.registry = fx.open();

        assertThat(fx.registry.applicantOf("case:addr-phone-a")).contains(street.applicantId());
        Resolution streetAgain = fx.resolve(CASES.get("case:addr-phone-b"));
        assertThat(streetAgain.outcome()).isEqualTo(Resolution.Outcome.LINKED);
        assertThat(streetAgain.applicantId()).isEqualTo(street.applicantId());
        assertThat(fx.resolve(CASES.get("case:bridge-c")).applicantId()).isEqualTo(mail.applicantId());
    }

    @Test
    void rowsAnEarlierBuildStoredInClearAreReadAsTheyAre() throws SQLException {
        SourceRecord org = CASES.get("case:org-a");
        fx.resolve(org);
        try (Connection c = fx.dataSource.getConnection(); var ps = c.prepareStatement(
                "UPDATE applicant_source SET name = ?, address_line = ?, phone = ?, email = ? WHERE source_ref = ?")) {
            ps.setString(1, org.name());
            ps.setString(2, org.address().line());
            ps.setString(3, org.phone());
            ps.setString(4, org.email());
            ps.setString(5, "case:org-a");
            assertThat(ps.executeUpdate()).isOne();
        }

        SourceRecord stored = fx.open().store().source(ordinal("case:org-a")).orElseThrow();

        assertThat(stored.name()).isEqualTo(org.name());
        assertThat(stored.phone()).isEqualTo(org.phone());
        assertThat(stored.email()).isEqualTo(org.email());
    }

    private int ordinal(String sourceRef) {
        return Integer.parseInt(column("ordinal", sourceRef));
    }

    private String masterDisplayName() {
        return query("SELECT display_name FROM applicant_master", null);
    }

    private String column(String column, String sourceRef) {
        return query("SELECT " + column + " FROM applicant_source WHERE source_ref = ?", sourceRef);
    }

    private String query(String sql, String param) {
        try (Connection c = fx.dataSource.getConnection(); var ps = c.prepareStatement(sql)) {
            if (param != null) {
                ps.setString(1, param);
            }
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as(sql).isTrue();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
