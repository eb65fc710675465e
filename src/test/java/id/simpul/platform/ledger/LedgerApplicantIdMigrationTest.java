package id.simpul.platform.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** V58 fills sync_ledger.applicant_id of versions stored before it from their canonical form. */
class LedgerApplicantIdMigrationTest {

    @Test
    void versionsStoredBeforeTheColumnGetTheApplicantTheirCanonicalFormNames() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:ledger-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").target("57").load().migrate();
        JdbcClient jdbc = JdbcClient.create(ds);
        Map<String, String> canonicalByIzin = Map.of(
                "I-NAMED", "{\"schema\":\"simpul.permit-message\",\"applicant\":{\"name\":\"Budi\"},\"applicantId\":\"APL-17\",\"replay\":false}",
                "I-NAMED-10", "{\"applicantId\":\"APL-170\"}",
                "I-UNMATCHED", "{\"applicantId\":null,\"replay\":false}");
        canonicalByIzin.forEach((idIzin, canonical) -> insert(jdbc, idIzin, canonical));
        insert(jdbc, "I-NOT-CONVERTED", null);

        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();

        Map<String, String> applicantByIzin = new java.util.HashMap<>();
        jdbc.sql("SELECT id_izin, applicant_id FROM sync_ledger").query(rs -> {
            applicantByIzin.put(rs.getString("id_izin"), rs.getString("applicant_id"));
        });
        assertThat(applicantByIzin).containsEntry("I-NAMED", "APL-17").containsEntry("I-NAMED-10", "APL-170")
                .containsEntry("I-UNMATCHED", null).containsEntry("I-NOT-CONVERTED", null);
    }

    private static void insert(JdbcClient jdbc, String idIzin, String canonical) {
        jdbc.sql("""
                INSERT INTO sync_ledger (flow, nib, id_izin, version, content_hash, state, attempts, canonical,
                                         received_at, updated_at)
                VALUES ('oss-nib', '9120301234567', :i, 1, :h, 'DELIVERED', 1, :c, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""")
                .param("i", idIzin).param("h", "0".repeat(64)).param("c", canonical).update();
    }
}
