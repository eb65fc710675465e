package id.simpul.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

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
