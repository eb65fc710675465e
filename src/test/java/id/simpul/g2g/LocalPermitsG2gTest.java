package id.simpul.g2g;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.applicant.ApplicantRegistry;
import id.simpul.applicant.RegistryFixture;
import id.simpul.applicant.Resolution;
import id.simpul.applicant.SourceRecord;
import id.simpul.delivery.local.LocalPermitIntake;
import id.simpul.delivery.local.LocalPermitStore;
import id.simpul.platform.json.Json;
import id.simpul.simulator.OfficePermits;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Agencies and the offices' own permits: /g2g/v1/local-permits answers each agency for its regions only (in the
 * query), masks personal data unless the agency may see it, and the outbox carries LocalPermitChanged.
 */
class LocalPermitsG2gTest extends G2gTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static String pupr;
    private static String dinkes;
    private static String inBanyuasin;
    private static String inPalembang;
    private static Class<?> preparedFor;

    @Autowired
    private OfficePermits office;

    @Autowired
    private LocalPermitStore store;

    @Autowired
    private LocalPermitIntake intake;

    @Autowired
    private ApplicantRegistry registry;

    @DynamicPropertySource
    static void localPermits(DynamicPropertyRegistry registry) {
        registry.add("simpul.local-permits.poll-interval", () -> "500ms");
        registry.add("simpul.local-permits.first-poll-after", () -> "300ms");
    }

    @BeforeEach
    void agenciesAndPermits() {
        if (preparedFor == getClass()) {
            return;
        }
        pupr = registerAgency("agency-dinas-pupr-banyuasin.json");
        dinkes = registerAgency("agency-dinkes-palembang.json");
        inBanyuasin = office.register(Map.of("kd_daerah", "1607112003", "jenis_pemohon", "Perorangan",
                "jenis_identitas", "KTP", "no_identitas", "1607115508900001", "nama", "SITI AMINAH")).number();
        // The same office, a permit whose place is in the other region (say, an event held across the border).
        inPalembang = office.register(Map.of("kd_daerah", "1671012001", "jenis_pemohon", "Perorangan",
                "jenis_identitas", "KTP", "no_identitas", "1671015508900002", "nama", "DEWI LESTARI")).number();
        await().atMost(WAIT).until(() -> store.find("banyuasin", inBanyuasin).isPresent()
                && store.find("banyuasin", inPalembang).isPresent());
        preparedFor = getClass();
    }

    @Test
    void anAgencySeesTheLocalPermitsOfItsRegionAndNotThoseOfAnother() {
        JsonNode list = Json.tree(G2gClient.text(as(pupr).get("/g2g/v1/local-permits?limit=100")));
        assertThat(list.path("items").findValuesAsText("localNumber")).contains(inBanyuasin).doesNotContain(inPalembang);
        assertThat(list.path("items").findValuesAsText("source")).containsOnly("LOCAL");
        assertThat(list.path("items").findValuesAsText("kdDaerah")).allMatch(kd -> kd.startsWith("1607"));

        assertThat(as(pupr).get("/g2g/v1/local-permits/banyuasin/" + inPalembang).statusCode()).isEqualTo(404);
        JsonNode other = Json.tree(G2gClient.text(as(dinkes).get("/g2g/v1/local-permits?region=1671")));
        assertThat(other.path("items").findValuesAsText("localNumber")).containsExactly(inPalembang);
    }

    @Test
    void personalDataIsMaskedUnlessTheAgencyMaySeeIt() {
        HttpResponse<byte[]> masked = as(pupr).get("/g2g/v1/local-permits/banyuasin/" + inBanyuasin);
        assertThat(masked.statusCode()).as(G2gClient.text(masked)).isEqualTo(200);
        JsonNode m = Json.tree(G2gClient.text(masked));
        assertThat(m.path("personalDataMasked").asBoolean()).isTrue();
        assertThat(m.at("/permit/applicant/identityNumber").asText()).isNotEqualTo("1607115508900001");
        assertThat(G2gClient.text(masked)).doesNotContain("1607115508900001");
        assertThat(m.at("/permit/schema").asText()).isEqualTo("simpul.local-permit");

        JsonNode shown = Json.tree(G2gClient.text(as(dinkes).get("/g2g/v1/local-permits/banyuasin/" + inPalembang)));
        assertThat(shown.at("/permit/applicant/identityNumber").asText()).isEqualTo("1671015508900002");
    }

    @Test
    void anApplicantAnswersWithTheirLocalPermitsOfTheAgencysRegionsOnlyMaskedAsTheLocalPermitListIs() throws Exception {
        String nik = "1607115508900088";
        String item = person(nik, "RATNA KUSUMAWATI", "081300000088", "1985-03-12");
        String inA = "2026113000008801";
        String inB = "2026113000008802";
        intake.take(message(item.replace("2026113000004412", inA)));
        intake.take(message(item.replace("2026113000004412", inB).replace("1607012004", "1671012001")));
        String applicantId = store.find("banyuasin", inA).orElseThrow().applicantId();
        assertThat(store.find("banyuasin", inB).orElseThrow().applicantId()).as("one person").isEqualTo(applicantId);

        HttpResponse<byte[]> a = as(pupr).get("/g2g/v1/applicants/" + applicantId);
        assertThat(a.statusCode()).as("an applicant with local permits only: " + G2gClient.text(a)).isEqualTo(200);
        JsonNode ofA = Json.tree(G2gClient.text(a));
        assertThat(ofA.path("localPermits").findValuesAsText("localNumber")).containsExactly(inA);
        assertThat(ofA.path("localPermits").findValuesAsText("source")).containsOnly("LOCAL");
        assertThat(ofA.path("permits")).isEmpty();
        assertThat(ofA.at("/applicant/identityNumber").asText()).isEqualTo("1607**********88");
        assertThat(G2gClient.text(a)).doesNotContain(nik).doesNotContain("081300000088");

        JsonNode ofB = Json.tree(G2gClient.text(as(dinkes).get("/g2g/v1/applicants/" + applicantId)));
        assertThat(ofB.path("localPermits").findValuesAsText("localNumber")).containsExactly(inB);
        assertThat(ofB.path("localPermits").get(0).path("href").asText())
                .isEqualTo("/g2g/v1/local-permits/banyuasin/" + inB);
    }

    @Test
    void aLocalPermitFiledUnderAnApplicantMergedIntoAnotherIsFoundByTheSurvivorsId() {
        Map<String, SourceRecord> cases = RegistryFixture.cases("matcher-cases.jsonl");
        String survivorId = registry.resolve(cases.get("case:review-a")).applicantId();
        Resolution maybe = registry.resolve(cases.get("case:review-b"));
        String retiredId = maybe.applicantId();
        assertThat(maybe.reviewIds()).as("a pair for review").hasSize(1);
        // Taken while its applicant was the master the merge retires: the row keeps the id it was filed under.
        String number = "2026113000008803";
        store.save(new LocalPermitStore.Change("banyuasin", number, "1607012004", "SIP-BIDAN", "IN_PROCESS", null,
                retiredId, "merge-" + number, "{\"permit\":{\"name\":\"Surat Izin Praktik Bidan\"},\"applicantId\":\""
                        + retiredId + "\"}"));

        HttpResponse<String> decided = ossSender.postAsAdmin("/api/v1/applicants/review/" + maybe.reviewIds().get(0)
                + "/decision", "{\"decision\":\"same\"}");
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
        await().atMost(WAIT).until(() -> jdbc.sql("SELECT survivor_id FROM g2g_applicant_alias WHERE retired_id = :r")
                .param("r", retiredId).query(String.class).optional(), s -> s.equals(Optional.of(survivorId)));

        JsonNode bySurvivor = Json.tree(G2gClient.text(as(pupr).get("/g2g/v1/local-permits?applicantId=" + survivorId)));
        assertThat(bySurvivor.path("items").findValuesAsText("localNumber")).containsExactly(number);
        JsonNode byRetired = Json.tree(G2gClient.text(as(pupr).get("/g2g/v1/local-permits?applicantId=" + retiredId)));
        assertThat(byRetired.path("items").findValuesAsText("localNumber")).as("a retired id names its survivor")
                .containsExactly(number);
        JsonNode applicant = Json.tree(G2gClient.text(as(pupr).get("/g2g/v1/applicants/" + survivorId)));
        assertThat(applicant.path("localPermits").findValuesAsText("localNumber")).containsExactly(number);
    }

    @Test
    void afterASplitTheLocalPermitOfTheRecordSplitOffIsFoundByTheNewId() throws Exception {
        String item = person("1607115508900099", "NURHAYATI PRATIWI", "081300000099", "1979-11-02");
        String kept = "2026113000009901";
        String moved = "2026113000009902";
        intake.take(message(item.replace("2026113000004412", kept)));
        // The same person for their practice's business: another source record (named by the NIB) of one master.
        intake.take(message(item.replace("2026113000004412", moved).replace("\"sumber\": \"loket\",",
                "\"sumber\": \"loket\", \"nama_perusahaan\": \"Praktik Bidan Siti\", \"nib\": \"9120301299902\",")));
        String original = store.find("banyuasin", kept).orElseThrow().applicantId();
        assertThat(store.find("banyuasin", moved).orElseThrow().applicantId()).as("one master").isEqualTo(original);
        String sourceRef = Json.tree(ossSender.get("/api/v1/applicants/" + original).body()).findValuesAsText("sourceRef")
                .stream().filter(ref -> ref.contains(":9120301299902:")).findFirst().orElseThrow();

        HttpResponse<String> split = ossSender.postAsAdmin("/api/v1/applicants/" + original + "/split",
                "{\"sourceRefs\":[\"" + sourceRef + "\"]}");
        assertThat(split.statusCode()).as(split.body()).isEqualTo(200);
        String newId = Json.tree(split.body()).path("newApplicantId").asText();

        await().atMost(WAIT).until(() -> store.find("banyuasin", moved).orElseThrow().applicantId(), newId::equals);
        JsonNode byNew = Json.tree(G2gClient.text(as(pupr).get("/g2g/v1/local-permits?applicantId=" + newId)));
        assertThat(byNew.path("items").findValuesAsText("localNumber")).containsExactly(moved);
        JsonNode byOriginal = Json.tree(G2gClient.text(as(pupr).get("/g2g/v1/local-permits?applicantId=" + original)));
        assertThat(byOriginal.path("items").findValuesAsText("localNumber")).containsExactly(kept);
    }

    @Test
    void aNumberWithSlashesIsReadByItsNumberAsTheOfficeWroteItAndTheRegionsStillApply() throws Exception {
        String item = person("1607115508900066", "RINA MARLINA", "081300000066", "1991-06-06");
        String inBanyuasin = "503/0066/DPMPTSP/2026";
        String inPalembang = "SC/2026/000066";
        intake.take(message(item.replace("2026113000004412", inBanyuasin)));
        intake.take(message(item.replace("2026113000004412", inPalembang).replace("1607012004", "1671012001")));

        HttpResponse<byte[]> one = as(pupr).get("/g2g/v1/local-permits/banyuasin/" + inBanyuasin);
        assertThat(one.statusCode()).as(G2gClient.text(one)).isEqualTo(200);
        JsonNode body = Json.tree(G2gClient.text(one));
        assertThat(body.path("localNumber").asText()).isEqualTo(inBanyuasin);
        assertThat(body.path("href").asText()).isEqualTo("/g2g/v1/local-permits/banyuasin/" + inBanyuasin);
        assertThat(as(pupr).get("/g2g/v1/local-permits/banyuasin/" + inPalembang).statusCode())
                .as("outside the agency's regions").isEqualTo(404);
        assertThat(as(dinkes).get("/g2g/v1/local-permits/banyuasin/" + inPalembang).statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM g2g_event WHERE type = 'LocalPermitChanged' AND body LIKE :href")
                .param("href", "%\"/g2g/v1/local-permits/banyuasin/" + inBanyuasin + "\"%").query(Long.class).single())
                .as("the event's link is the address that answers").isEqualTo(1);
    }

    @Test
    void aNumberOutsideTheDocumentedFormIsRefusedWithTheAgencysProblemNotAnErrorPage() {
        for (String bad : List.of("503%2F0066", "503//0066", "503/./0066", "503/%2E%2E/0066", "503/0066/", "503%200066",
                "503%3B0066", "x".repeat(41))) {
            HttpResponse<byte[]> r = as(pupr).get("/g2g/v1/local-permits/banyuasin/" + bad);
            assertThat(r.statusCode()).as(bad + ": " + G2gClient.text(r)).isEqualTo(400);
            assertThat(Json.tree(G2gClient.text(r)).path("error").asText()).as(bad).isNotBlank()
                    .doesNotContain("UTF-8").isNotEqualTo("bad request");
        }
    }

    /** The sample item for another person: each test's applicant its own, so the registry does not join them. */
    private static String person(String nik, String name, String phone, String birthDate) throws Exception {
        return Files.readString(Path.of("mappings/samples/sicantik/izin-daerah/sip-bidan-proses.json"))
                .replace("1607015508900000", nik).replace("SITI AMINAH", name).replace("081300000001", phone)
                .replace("siti.aminah@example.org", phone + "@example.org").replace("1990-08-15", birthDate)
                .replace("Gg. Mawar No. 3", "Jl. Merdeka No. " + phone.substring(phone.length() - 2));
    }

    private static String message(String item) {
        return "{\"targetId\":\"banyuasin\",\"item\":" + item + "}";
    }

    @Test
    void eachLocalPermitHasItsEventForItsRegionAndTheServicesAreInTheOpenApiDocument() {
        assertThat(jdbc.sql("SELECT kd_daerah FROM g2g_event WHERE type = 'LocalPermitChanged' AND body LIKE :n")
                .param("n", "%" + inBanyuasin + "%").query(String.class).single()).startsWith("1607");
        String openApi = G2gClient.text(as(null).get("/g2g/v1/openapi.json"));
        assertThat(openApi).contains("/g2g/v1/local-permits").contains("/g2g/v1/local-permits/{targetId}/{localNumber}");
        assertThat(G2gClient.text(as(null).get("/g2g/v1/catalogue"))).contains("LocalPermitChanged");
    }
}
