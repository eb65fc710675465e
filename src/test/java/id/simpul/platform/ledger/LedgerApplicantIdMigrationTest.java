package id.simpul.platform.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.applicant.ApplicantIds;
import id.simpul.canonical.PermitMessage;
import id.simpul.platform.json.Json;
import id.simpul.support.Fixtures;
import id.simpul.support.LegacyRows;
import id.simpul.support.MigratingStore;
import id.simpul.support.TestStores;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** V58 fills sync_ledger.applicant_id of versions stored before it from their canonical form. */
class LedgerApplicantIdMigrationTest {

    /** The store, empty; {@code LedgerApplicantIdMigrationIT} runs the test on PostgreSQL. */
    MigratingStore emptyStore() {
        return TestStores.emptyH2("ledger");
    }

    @Test
    void versionsStoredBeforeTheColumnGetTheApplicantTheirCanonicalFormNames() {
        MigratingStore store = emptyStore().migrateTo("57");
        JdbcClient jdbc = store.jdbc();
        Map<String, String> canonicalByIzin = new LinkedHashMap<>();
        canonicalByIzin.put("I-NAMED", "{\"schema\":\"simpul.permit-message\",\"applicant\":{\"name\":\"Budi\"},\"applicantId\":\"APL-17\",\"replay\":false}");
        canonicalByIzin.put("I-NAMED-10", "{\"applicantId\":\"APL-170\"}");
        // As the hub writes it (NibIntake.attach): a whole permit, whose texts precede the id.
        canonicalByIzin.put("I-AS-WRITTEN", Json.write(Json.read(Fixtures.text("delivery/canonical-permit-banyuasin.json"),
                PermitMessage.class).withApplicantId(ApplicantIds.format(42))));
        canonicalByIzin.put("I-UNMATCHED", "{\"applicantId\":null,\"replay\":false}");
        // A name that quotes the key is escaped in JSON (\"), so it is not taken for the applicant's id.
        canonicalByIzin.put("I-NAME-QUOTES-KEY",
                "{\"applicant\":{\"name\":\"PT \\\"applicantId\\\":\\\"APL-666\\\"\"},\"applicantId\":\"APL-18\"}");
        // 40 characters fit the column; a longer id, or one with other characters, is left out, not cut.
        canonicalByIzin.put("I-LONGEST", "{\"applicantId\":\"APL-" + "9".repeat(36) + "\"}");
        canonicalByIzin.put("I-TOO-LONG", "{\"applicantId\":\"APL-" + "9".repeat(37) + "\"}");
        canonicalByIzin.put("I-OTHER-CHARACTERS", "{\"applicantId\":\"APL_17\"}");
        canonicalByIzin.put("I-NOT-ASCII", "{\"applicantId\":\"APL-\u00e917\"}");
        canonicalByIzin.forEach((idIzin, canonical) -> LegacyRows.ledgerVersion(jdbc, idIzin, 1, "DELIVERED", canonical));
        LegacyRows.ledgerVersion(jdbc, "I-NOT-CONVERTED", "DELIVERED");

        store.migrate();

        Map<String, String> applicantByIzin = new HashMap<>();
        jdbc.sql("SELECT id_izin, applicant_id FROM sync_ledger").query(rs -> {
            applicantByIzin.put(rs.getString("id_izin"), rs.getString("applicant_id"));
        });
        assertThat(applicantByIzin).containsEntry("I-NAMED", "APL-17").containsEntry("I-NAMED-10", "APL-170")
                .containsEntry("I-AS-WRITTEN", "APL-00000042").containsEntry("I-UNMATCHED", null).containsEntry("I-NOT-CONVERTED", null)
                .containsEntry("I-NAME-QUOTES-KEY", "APL-18").containsEntry("I-LONGEST", "APL-" + "9".repeat(36))
                .containsEntry("I-TOO-LONG", null).containsEntry("I-OTHER-CHARACTERS", null)
                .containsEntry("I-NOT-ASCII", null);
    }
}
