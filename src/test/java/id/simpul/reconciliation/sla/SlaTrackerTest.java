package id.simpul.reconciliation.sla;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.json.Json;
import id.simpul.support.HubTestSupport;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class SlaTrackerTest extends HubTestSupport {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;

    @Test
    void theOverdueListHoldsUndecidedPermitsPastTheirStandardAndHonoursSlaStops() {
        Instant now = clock.instant();
        Instant longAgo = now.minus(Duration.ofDays(40));
        permit("I-SLA-LATE", "011000000099", longAgo);          // 5 working days allowed, 40 calendar days ago
        permit("I-SLA-WAITING", "011000000099", longAgo);       // stopped by 41 one hour after receipt
        status("I-SLA-WAITING", "41", longAgo.plus(Duration.ofHours(1)));
        permit("I-SLA-DECIDED", "011000000099", longAgo);       // approved on time
        status("I-SLA-DECIDED", "50", longAgo.plus(Duration.ofDays(1)));
        permit("I-SLA-FRESH", "011000000099", now.minus(Duration.ofHours(2)));

        JsonNode overdue = Json.tree(ossSender.get("/api/v1/sla/overdue").body());
        List<String> ids = StreamSupport.stream(overdue.path("items").spliterator(), false)
                .map(i -> i.path("idIzin").asText()).toList();
        assertThat(ids).contains("I-SLA-LATE").doesNotContain("I-SLA-WAITING", "I-SLA-DECIDED", "I-SLA-FRESH");

        JsonNode open = Json.tree(ossSender.get("/api/v1/sla/open").body());
        assertThat(open.toString()).contains("I-SLA-WAITING").contains("I-SLA-FRESH").doesNotContain("I-SLA-DECIDED");
        assertThat(ossSender.get("/actuator/prometheus").body()).containsPattern("simpul_sla_overdue\\{[^}]*} [1-9]");
    }

    @Test
    void aPermitOssRevokedOrCancelledIsNoLongerOpenNorOverdue() {
        Instant longAgo = clock.instant().minus(Duration.ofDays(40));
        permit("I-SLA-REVOKED", "011000000099", longAgo);
        version("I-SLA-REVOKED", 2, "011000000099", "REVOCATION", longAgo.plus(Duration.ofDays(2)));
        permit("I-SLA-CANCELLED", "011000000099", longAgo);
        version("I-SLA-CANCELLED", 2, "011000000099", "CANCELLATION", longAgo.plus(Duration.ofDays(2)));
        permit("I-SLA-UPDATED", "011000000099", longAgo);
        version("I-SLA-UPDATED", 2, "011000000099", "UPDATE", longAgo.plus(Duration.ofDays(2)));

        String overdue = ossSender.get("/api/v1/sla/overdue").body();
        String open = ossSender.get("/api/v1/sla/open").body();

        assertThat(overdue).contains("I-SLA-UPDATED").doesNotContain("I-SLA-REVOKED", "I-SLA-CANCELLED");
        assertThat(open).contains("I-SLA-UPDATED").doesNotContain("I-SLA-REVOKED", "I-SLA-CANCELLED");
    }

    @Test
    void anOpenPermitIsEvaluatedFromThePermitTypeKeptBesideItsFormWithoutOpeningTheForm() {
        // 14 calendar days: 7 to 10 working days, past the default 5 and within 011000000001's 15. The form says
        // another type (the default 5 days): the columns must win, or the form was opened.
        permit("I-SLA-COLUMNS", "011000000099", clock.instant().minus(Duration.ofDays(14)));
        jdbc.sql("UPDATE sync_ledger SET kd_izin = '011000000001', withdraws = FALSE WHERE id_izin = 'I-SLA-COLUMNS'")
                .update();

        var response = ossSender.get("/api/v1/sla/open");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode item = item(Json.tree(response.body()), "I-SLA-COLUMNS");
        assertThat(item.path("kdIzin").asText()).isEqualTo("011000000001");
        assertThat(item.path("standardDays").asInt()).isEqualTo(15);
        assertThat(item.path("overdue").asBoolean()).isFalse();
    }

    @Test
    void aFormConvertedBeforeItsPermitTypeWasKeptBesideItIsOpenedOnceAndTheColumnsFilled() {
        Instant recent = clock.instant().minus(Duration.ofHours(2));
        permit("I-SLA-LEGACY", "011000000002", recent);
        version("I-SLA-LEGACY-REVOKED", 1, "011000000002", "REVOCATION", recent);

        JsonNode open = Json.tree(ossSender.get("/api/v1/sla/open").body());

        assertThat(item(open, "I-SLA-LEGACY").path("standardDays").asInt()).isEqualTo(10);
        assertThat(open.toString()).doesNotContain("I-SLA-LEGACY-REVOKED");
        assertThat(slaColumns("I-SLA-LEGACY")).isEqualTo("011000000002 false");
        assertThat(slaColumns("I-SLA-LEGACY-REVOKED")).isEqualTo("011000000002 true");
    }

    private static JsonNode item(JsonNode list, String idIzin) {
        return StreamSupport.stream(list.path("items").spliterator(), false)
                .filter(i -> idIzin.equals(i.path("idIzin").asText())).findFirst()
                .orElseThrow(() -> new AssertionError(idIzin + " not in " + list));
    }

    private String slaColumns(String idIzin) {
        return jdbc.sql("SELECT kd_izin, withdraws FROM sync_ledger WHERE id_izin = :i").param("i", idIzin)
                .query((rs, n) -> rs.getString("kd_izin") + " " + rs.getObject("withdraws")).single();
    }

    private void permit(String idIzin, String kdIzin, Instant receivedAt) {
        version(idIzin, 1, kdIzin, null, receivedAt);
    }

    private void version(String idIzin, int version, String kdIzin, String documentType, Instant receivedAt) {
        String canonical = "{\"source\":{\"version\":" + version + ",\"documentType\":"
                + (documentType == null ? "null" : "\"" + documentType + "\"") + "},"
                + "\"permit\":{\"idIzin\":\"" + idIzin + "\",\"kdIzin\":\"" + kdIzin + "\"}}";
        jdbc.sql("""
                INSERT INTO sync_ledger (flow, nib, id_izin, version, content_hash, state, attempts, canonical,
                                         kd_daerah, received_at, updated_at)
                VALUES ('oss-nib', '9120301230000', :idIzin, :version, :hash, 'DELIVERED', 1, :canonical, '1607112003',
                        :at, :at)""")
                .param("idIzin", idIzin).param("version", version).param("hash", idIzin + ":" + version)
                .param("canonical", canonical).param("at", Timestamp.from(receivedAt)).update();
    }

    /** What back-sync records when the region reports a status and OSS takes it. */
    private void status(String idIzin, String kdStatus, Instant at) {
        jdbc.sql("""
                INSERT INTO status_report (ledger_id, target_id, target_ref, nib, id_izin, kind, kd_status, payload,
                                           state, attempts, oss_kode, created_at, updated_at, sent_at)
                SELECT id, 'banyuasin', 'SC-1', nib, id_izin, 'STATUS', :kd, '{}', 'SENT', 1, '200', :at, :at, :at
                  FROM sync_ledger WHERE id_izin = :idIzin""")
                .param("idIzin", idIzin).param("kd", kdStatus).param("at", Timestamp.from(at)).update();
    }
}
