package id.simpul.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.json.Json;
import id.simpul.platform.security.Roles;
import id.simpul.platform.security.UserAccounts;
import id.simpul.support.AuditOutage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Offices whose system accepts no writes: the manual-entry queue, the clerk's confirmation, and on. */
class ManualEntryTest extends AllFlavoursTestSupport {

    /** A clerk at the counter: the operator role (personal data masked). */
    private static final String CLERK = "rina.loket2";
    private static final String PASSWORD = "clerk-password-1";

    @Autowired
    UserAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void clerkAccount() {
        if (accounts.find(CLERK).isEmpty()) {
            accounts.create(CLERK, PASSWORD, List.of(Roles.OPERATOR));
        }
    }

    @Test
    void aPermitForAnOfficeWithoutWritesWaitsForAClerkWithEverythingToTypeIn() {
        String nib = "9120301260001";
        String idIzin = "I-202611210915260001";
        push(permitIn("1602052001", nib, idIzin), nib);

        JsonNode entry = awaitState(nib, "MANUAL_ENTRY");

        assertThat(entry.path("targetId").asText()).isEqualTo("oki");
        assertThat(entry.path("attempts").asInt()).isZero();
        assertThat(trailEntry(nib).path("events").toString()).contains("MANUAL_ENTRY_QUEUED");
        assertThat(oki.writeRequests()).isZero();
        JsonNode waiting = waitingEntryOf(idIzin);
        JsonNode fields = waiting.path("fields");
        assertThat(waiting.path("state").asText()).isEqualTo("WAITING");
        assertThat(waiting.path("targetId").asText()).isEqualTo("oki");
        assertThat(fields.path("id_izin_oss").asText()).isEqualTo(idIzin);
        assertThat(fields.path("jenis_izin").asText()).isEqualTo("011000000001");
        assertThat(fields.path("pemohon").path("nama").asText()).isEqualTo("H. Muhammad Yusuf, S.E.");
        assertThat(fields.path("pemohon").path("no_identitas").asText()).isEqualTo("1607111204780003");
        assertThat(fields.path("usaha").path("kbli").asText()).isEqualTo("41011");
        assertThat(fields.path("persyaratan").path(0).path("url").asText())
                .isEqualTo("https://oss.go.id/file/" + idIzin + "/krk.pdf");
        // The admin saw it unmasked: that view is in the audit log. A clerk sees the masked form.
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'PERSONAL_DATA_VIEWED' AND subject_type = 'manual_entry' AND subject_id = :id")
                .param("id", waiting.path("id").asText()).query(Long.class).single()).isPositive();
        JsonNode asClerk = Json.tree(ossSender.getAs(CLERK, PASSWORD, "/api/v1/manual-entries/" + waiting.path("id").asLong()).body());
        assertThat(asClerk.path("fields").path("pemohon").path("no_identitas").asText()).isEqualTo("1607**********03");
        assertThat(asClerk.path("fields").path("pemohon").path("nama").asText()).isEqualTo("H. Muhammad Yusuf, S.E.");
    }

    @Test
    void confirmingRecordsTheLocalNumberAndTheFlowContinuesToOssAsIfPushed() {
        String nib = "9120301260002";
        String idIzin = "I-202611210915260002";
        push(permitIn("1602052001", nib, idIzin), nib);
        awaitState(nib, "MANUAL_ENTRY");
        JsonNode waiting = waitingEntryOf(idIzin);
        // The clerk types it into the office's own system, which answers its number.
        String localNumber = oki.enterByClerk(Map.of("id_izin_oss", idIzin, "jenis_izin_id", "011000000001",
                "nama", waiting.path("fields").path("pemohon").path("nama").asText()));

        HttpResponse<String> confirmed = confirm(waiting.path("id").asLong(),
                "{\"localNumber\":\"" + localNumber + "\",\"confirmedBy\":\"Rina Marlina (loket 2)\"}");

        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(Json.tree(confirmed.body()).path("state").asText()).isEqualTo("CONFIRMED");
        JsonNode entry = trailEntry(nib).path("entry");
        assertThat(entry.path("state").asText()).isEqualTo("DELIVERED");
        assertThat(entry.path("targetRef").asText()).isEqualTo(localNumber);
        assertThat(trailEntry(nib).path("events").toString()).contains("MANUAL_CONFIRMED")
                .contains("Rina Marlina (loket 2) entered it into oki as " + localNumber);

        oki.advance(localNumber, "Selesai");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> oss.wireMock().verify(1,
                postRequestedFor(urlPathEqualTo("/v1/kl/rba/receiveLicense"))
                        .withRequestBody(matchingJsonPath("$.IZINFINAL.id_izin", equalTo(idIzin)))
                        .withRequestBody(matchingJsonPath("$.IZINFINAL.nomor_izin", equalTo(
                                oki.permits().find(localNumber).orElseThrow().noIzin())))));
        oss.wireMock().verify(postRequestedFor(urlPathEqualTo("/v1/kl/rba/receiveLicenseStatus"))
                .withRequestBody(matchingJsonPath("$.IZINSTATUS.id_izin", equalTo(idIzin)))
                .withRequestBody(matchingJsonPath("$.IZINSTATUS.kd_status", equalTo("50"))));
        assertThat(listed("WAITING").toString()).doesNotContain(idIzin);
    }

    @Test
    void theSamePermitPushedAgainDoesNotQueueASecondEntry() {
        String nib = "9120301260003";
        String idIzin = "I-202611210915260003";
        String body = permitIn("1602052001", nib, idIzin);
        push(body, nib);
        awaitState(nib, "MANUAL_ENTRY");

        push(body, nib);

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(
                () -> listed("ALL").findValuesAsText("idIzin").stream().filter(idIzin::equals).count() == 1);
    }

    @Test
    void aClerkGetsClearErrorsForAnUnknownEntryAMissingNumberAndASecondConfirmation() {
        HttpResponse<String> unknown = confirm(999_999, "{\"localNumber\":\"1\",\"confirmedBy\":\"Rina\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Json.tree(unknown.body()).path("error").asText()).contains("no manual entry 999999");

        String nib = "9120301260004";
        String idIzin = "I-202611210915260004";
        push(permitIn("1602052001", nib, idIzin), nib);
        awaitState(nib, "MANUAL_ENTRY");
        long id = waitingEntryOf(idIzin).path("id").asLong();

        HttpResponse<String> missing = confirm(id, "{\"confirmedBy\":\"Rina\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(Json.tree(missing.body()).path("error").asText()).contains("localNumber is required");
        assertThat(confirm(id, "").statusCode()).isEqualTo(400);

        // Without confirmedBy, the signed-in account is who confirmed it.
        HttpResponse<String> first = confirm(id, "{\"localNumber\":\"2026112900000001\"}");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(Json.tree(first.body()).path("confirmedBy").asText()).isEqualTo(CLERK);
        HttpResponse<String> again = confirm(id, "{\"localNumber\":\"2026112900000002\",\"confirmedBy\":\"Budi\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(Json.tree(again.body()).path("error").asText())
                .contains("already confirmed as 2026112900000001 by " + CLERK);
        assertThat(trailEntry(nib).path("entry").path("targetRef").asText()).isEqualTo("2026112900000001");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'MANUAL_ENTRY_CONFIRMED' AND actor = :a AND subject_id = :id")
                .param("a", CLERK).param("id", String.valueOf(id)).query(Long.class).single()).isEqualTo(1);
        assertThat(ossSender.get("/api/v1/manual-entries?state=BOGUS").statusCode()).isEqualTo(400);
    }

    @Test
    void aConfirmationWhoseAuditRowCannotBeWrittenIsNotKept() {
        String nib = "9120301260003";
        String idIzin = "I-202611210915260003";
        push(permitIn("1602052001", nib, idIzin), nib);
        awaitState(nib, "MANUAL_ENTRY");
        long id = waitingEntryOf(idIzin).path("id").asLong();

        HttpResponse<String> refused = AuditOutage.during(jdbc,
                () -> confirm(id, "{\"localNumber\":\"2026112900000003\"}"));

        assertThat(refused.statusCode()).isEqualTo(500);
        assertThat(waitingEntryOf(idIzin).path("localNumber").isNull()).isTrue();
        assertThat(trailEntry(nib).path("entry").path("state").asText())
                .as("no confirmation the audit log does not show").isEqualTo("MANUAL_ENTRY");
        assertThat(confirm(id, "{\"localNumber\":\"2026112900000003\"}").statusCode()).isEqualTo(200);
    }

    private JsonNode waitingEntryOf(String idIzin) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> {
            for (JsonNode e : listed("WAITING")) {
                if (idIzin.equals(e.path("idIzin").asText())) {
                    return e;
                }
            }
            return null;
        }, e -> e != null);
    }

    private JsonNode listed(String state) {
        HttpResponse<String> response = ossSender.get("/api/v1/manual-entries?state=" + state);
        assertThat(response.statusCode()).isEqualTo(200);
        return Json.tree(response.body()).path("entries");
    }

    private HttpResponse<String> confirm(long id, String body) {
        return ossSender.postAs(CLERK, PASSWORD, "/api/v1/manual-entries/" + id + "/confirm", body);
    }
}
