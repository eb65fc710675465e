package id.simpul.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.json.Json;
import id.simpul.support.HubTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class AuditLogTest extends HubTestSupport {

    @Autowired
    AuditLog audit;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theChainVerifiesAndBreaksWhenARowIsAlteredInTheDatabase() {
        for (int i = 0; i < 5; i++) {
            audit.append(new AuditLog.Event("siti.operator", "DEAD_LETTER_REPLAYED", "dead-letter", "" + i, null,
                    "replay " + i, "WAITING", "REPLAYED"));
        }
        AuditLog.Verification intact = audit.verify();
        assertThat(intact.intact()).isTrue();
        assertThat(intact.rows()).isGreaterThanOrEqualTo(5);

        long victim = jdbc.sql("SELECT MIN(id) FROM audit_log WHERE details = 'replay 2'").query(Long.class).single();
        jdbc.sql("UPDATE audit_log SET actor = 'someone.else' WHERE id = :id").param("id", victim).update();

        AuditLog.Verification broken = audit.verify();
        assertThat(broken.intact()).isFalse();
        assertThat(broken.firstBrokenId()).isEqualTo(victim);
        assertThat(broken.problem()).contains("altered");
        assertThat(ossSender.get("/api/v1/audit/verify").body()).contains("\"intact\":false");
    }

    @Test
    void theApiNamesAnAccountByItsNameAndANumberedSubjectByItsNumberWithoutTouchingWhatTheChainHashes() {
        // Other tests here break the shared chain on purpose: what matters is that naming changes nothing of it.
        boolean intactBefore = audit.verify().intact();
        audit.append(new AuditLog.Event("admin", "ACCOUNT_LOCKED", "account", "budi", null, "locked", null, null));
        audit.append(new AuditLog.Event("admin", "DEAD_LETTER_DISCARDED", "dead-letter", "7", null, "x", null, null));

        JsonNode recent = Json.tree(ossSender.get("/api/v1/audit?limit=10").body());

        assertThat(entry(recent, "ACCOUNT_LOCKED").path("subject").asText()).isEqualTo("account budi");
        assertThat(entry(recent, "DEAD_LETTER_DISCARDED").path("subject").asText()).isEqualTo("dead-letter #7");
        // What the chain hashed stays as written: the type and the id apart, and every row still verifies.
        assertThat(entry(recent, "ACCOUNT_LOCKED").path("subjectId").asText()).isEqualTo("budi");
        assertThat(jdbc.sql("SELECT subject_id FROM audit_log WHERE action = 'ACCOUNT_LOCKED' ORDER BY id DESC")
                .query(String.class).list()).first().isEqualTo("budi");
        assertThat(audit.verify().intact()).isEqualTo(intactBefore);
    }

    private static JsonNode entry(JsonNode entries, String action) {
        for (JsonNode e : entries) {
            if (action.equals(e.path("action").asText())) {
                return e;
            }
        }
        throw new AssertionError("no " + action + " in " + entries);
    }

    @Test
    void theDataSubjectExportTakesTheNikInTheBodySoItStaysOutOfUrlsAndTheirLogs() {
        String nik = "1607111204780003";

        var export = ossSender.postAsAdmin("/api/v1/audit/subjects", "{\"nik\":\"" + nik + "\"}");

        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.body()).contains("\"dataSubject\"").contains("\"permits\"").doesNotContain(nik);
        assertThat(jdbc.sql("SELECT data_subject FROM audit_log WHERE action = 'DATA_SUBJECT_EXPORTED' ORDER BY id DESC")
                .query(String.class).list()).first().asString().hasSize(64).doesNotContain(nik);
        assertThat(ossSender.postAsAdmin("/api/v1/audit/subjects", "{\"nik\":\"1607\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void removingTheNewestRowIsDetectedToo() {
        audit.append(new AuditLog.Event("admin", "ACCOUNT_CREATED", "user", "x", null, null, null, null));
        long last = jdbc.sql("SELECT MAX(id) FROM audit_log").query(Long.class).single();
        jdbc.sql("DELETE FROM audit_log WHERE id = :id").param("id", last).update();
        AuditLog.Verification v = audit.verify();
        assertThat(v.intact()).isFalse();
    }
}
