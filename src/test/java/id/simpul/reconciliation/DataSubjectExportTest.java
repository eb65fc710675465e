package id.simpul.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.json.Json;
import id.simpul.support.Fixtures;
import id.simpul.support.HubTestSupport;
import id.simpul.delivery.local.LocalPermitIntake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** UU PDP Art. 31–32: what the hub holds about one person, found by their NIK, and nobody else's. */
class DataSubjectExportTest extends HubTestSupport {

    private static final String NIK = "1607111204780003";

    @Autowired
    private LocalPermitIntake localPermits;

    @Test
    void theExportHoldsThePersonsPermitsByNikOrNpwpAndTheirApplicantRecordsButNoOneElses() {
        String fixture = Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json");
        // By NIK as the identity number.
        push(fixture, "9120301234567");
        // The same person named only by their 16-digit NPWP (a resident's NPWP is their NIK): identity by passport.
        push(fixture.replace("9120301234567", "9120301234568")
                .replace("I-202611210915001234567", "I-202611210915001234568")
                .replace("I-202611210915009999999", "I-202611210915009999968")
                .replace("\"jns_identitas_penanggung_jwb\": \"01\"", "\"jns_identitas_penanggung_jwb\": \"02\"")
                .replace("\"no_identitas_penanggung_jwb\": \"" + NIK + "\"", "\"no_identitas_penanggung_jwb\": \"C1234567\"")
                .replace("\"npwp_penanggung_jwb\": \"092542943312000\"", "\"npwp_penanggung_jwb\": \"" + NIK + "\""),
                "9120301234568");
        // Somebody else.
        push(fixture.replace("9120301234567", "9120301234569")
                .replace("I-202611210915001234567", "I-202611210915001234569")
                .replace("I-202611210915009999999", "I-202611210915009999969")
                .replace(NIK, "1607115506850002").replace("H. Muhammad Yusuf, S.E.", "Siti Aminah"), "9120301234569");

        JsonNode export = Json.tree(ossSender.postAsAdmin("/api/v1/audit/subjects", "{\"nik\":\"" + NIK + "\"}").body());

        List<String> permits = export.path("permits").findValuesAsText("id_izin");
        assertThat(permits).containsExactlyInAnyOrder("I-202611210915001234567", "I-202611210915001234568");
        JsonNode records = export.path("applicantRecords");
        assertThat(records).as("the registry's records of this person, by NIK and by NPWP").hasSize(2);
        assertThat(records.toString()).contains("H. Muhammad Yusuf, S.E.").doesNotContain("Siti Aminah")
                .doesNotContain(NIK).contains("APL-");
        assertThat(records.toString()).as("the registry's sealed columns opened for the person").doesNotContain("sealed:v1:");
    }

    @Test
    void theExportListsThePersonsLocalPermitsOnceEachAtTheirLatestVersionAndNoOneElses() throws Exception {
        String nik = "1607115508900077";
        String item = Files.readString(Path.of("mappings/samples/sicantik/izin-daerah/sip-bidan-proses.json"));
        String theirs = item.replace("1607015508900000", nik).replace("2026113000004412", "2026113000007701");
        localPermits.take(message(theirs));
        // A new version (the office's decision) replaces the version's index rows rather than adding to them.
        localPermits.take(message(theirs.replace("\"status\": \"Proses\"", "\"status\": \"Selesai\"")
                .replace("\"no_izin\": \"\"", "\"no_izin\": \"503/77/SIPB/2026\"")));
        localPermits.take(message(item.replace("2026113000004412", "2026113000007702")));

        JsonNode export = Json.tree(ossSender.postAsAdmin("/api/v1/audit/subjects", "{\"nik\":\"" + nik + "\"}").body());

        JsonNode local = export.path("localPermits");
        assertThat(local.findValuesAsText("local_number")).containsExactly("2026113000007701");
        assertThat(local.get(0).path("status").asText()).isEqualTo("ISSUED");
        assertThat(local.get(0).path("version").asInt()).isEqualTo(2);
        assertThat(local.get(0).path("target_id").asText()).isEqualTo("banyuasin");
        assertThat(local.get(0).path("kd_daerah").asText()).isEqualTo("1607012004");
        assertThat(local.get(0).path("permit_type").asText()).isEqualTo("SIP-BIDAN");
        assertThat(export.path("permits")).isEmpty();
    }

    private static String message(String item) {
        return "{\"targetId\":\"banyuasin\",\"item\":" + item + "}";
    }

    private void push(String body, String nib) {
        ossSender.receiveNib(body, nib);
        await().atMost(Duration.ofSeconds(20)).until(() -> ossSender.get("/api/v1/trail?nib=" + nib).body(),
                b -> b.contains("\"DELIVERED\""));
    }
}
