package id.simpul.intake.poll;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.json.Json;
import id.simpul.platform.security.Roles;
import id.simpul.platform.security.UserAccounts;
import id.simpul.support.HubTestSupport;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * A backfill makes the hub fetch what OSS holds about each NIB (responsible persons' NIKs, phones, e-mails):
 * who asked for it, and who stopped it, is in the audit log like every other action of the hub's staff.
 */
@TestPropertySource(properties = "simpul.oss.backfill.poll-interval=0")
class BackfillAuditTest extends HubTestSupport {

    private static final String OPERATOR = "wati.operator";
    private static final String PASSWORD = "kata-sandi-backfill";

    @Autowired
    UserAccounts accounts;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void account() {
        if (accounts.find(OPERATOR).isEmpty()) {
            accounts.create(OPERATOR, PASSWORD, List.of(Roles.OPERATOR));
        }
    }

    @Test
    void creatingAndCancellingABackfillAreAuditedUnderTheSignedInPerson() {
        HttpResponse<String> created = ossSender.postAs(OPERATOR, PASSWORD, "/api/v1/backfills",
                "{\"nibs\":[\"9120301237001\",\"9120301237002\"],\"rate\":2}");
        assertThat(created.statusCode()).isEqualTo(201);
        long job = Json.tree(created.body()).path("id").asLong();

        HttpResponse<String> cancelled = ossSender.postAs(OPERATOR, PASSWORD, "/api/v1/backfills/" + job + "/cancel", "");
        assertThat(cancelled.statusCode()).isEqualTo(200);

        List<Map<String, Object>> rows = jdbc.sql("""
                SELECT actor, action, details FROM audit_log WHERE subject_type = 'backfill' AND subject_id = :id
                 ORDER BY id""").param("id", String.valueOf(job)).query().listOfRows();
        assertThat(rows).extracting(r -> r.get("action")).containsExactly("BACKFILL_CREATED", "BACKFILL_CANCELLED");
        assertThat(rows).extracting(r -> r.get("actor")).containsOnly(OPERATOR);
        assertThat(String.valueOf(rows.get(0).get("details"))).contains("2 NIB");
        JsonNode verify = Json.tree(ossSender.get("/api/v1/audit/verify").body());
        assertThat(verify.path("intact").asBoolean()).isTrue();
    }
}
