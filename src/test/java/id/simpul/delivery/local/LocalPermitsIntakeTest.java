package id.simpul.delivery.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import id.simpul.platform.failure.PermanentFailureException;
import id.simpul.platform.json.Json;
import id.simpul.platform.security.StoredPayloads;
import id.simpul.simulator.OfficePermits;
import id.simpul.simulator.SiCantikCloudSimulator;
import id.simpul.support.Fixtures;
import id.simpul.support.HubTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The office's own permits into the hub, end to end: the SiCantik Cloud simulator over HTTP, the embedded broker,
 * the store, the applicant registry and the G2G outbox. The simulated office registers its first permit at start
 * (as in the default run) and the test's permits on demand.
 */
class LocalPermitsIntakeTest extends HubTestSupport {

    /** Longer than a target's circuit stays open (30 s): reads share the target's circuit with deliveries. */
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private OfficePermits office;

    @Autowired
    private SiCantikCloudSimulator simulator;

    @Autowired
    private LocalPermitIntake intake;

    @Autowired
    private LocalPermitStore store;

    @Autowired
    private StoredPayloads storedPayloads;

    @DynamicPropertySource
    static void localPermits(DynamicPropertyRegistry registry) {
        registry.add("simpul.simulators.office-permits.per-hour", () -> "4");
        registry.add("simpul.local-permits.poll-interval", () -> "1s");
        registry.add("simpul.local-permits.first-poll-after", () -> "300ms");
    }

    @AfterEach
    void clearFaults() {
        simulator.readFaults().clear();
    }

    private Optional<LocalPermitStore.Stored> stored(String number) {
        return store.find("banyuasin", number);
    }

    private LocalPermitStore.Stored awaitStored(String number) {
        return await().atMost(WAIT).until(() -> stored(number), Optional::isPresent).orElseThrow();
    }

    private long events(String number) {
        return jdbc.sql("SELECT COUNT(*) FROM g2g_event WHERE type = 'LocalPermitChanged' AND body LIKE :n")
                .param("n", "%\"localNumber\":\"" + number + "\"%").query(Long.class).single();
    }

    private String cursor() {
        return jdbc.sql("SELECT next_cursor FROM local_permit_poll WHERE target_id = 'banyuasin'").query(String.class)
                .optional().orElse("");
    }

    @Test
    void theOfficesFirstPermitOfTheDefaultRunArrivesWithoutBeingAsked() {
        await().atMost(WAIT).until(() -> jdbc.sql("SELECT COUNT(*) FROM local_permit").query(Long.class).single() > 0);
    }

    @Test
    void theOfficesNewPermitsAreTakenButNotThePermitsTheHubRegisteredThere() {
        String nib = "9120301234571";
        ossSender.receiveNib(Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json").replace("9120301234567", nib)
                .replace("I-202611210915001234567", "I-202611210915001234571"), nib);
        await().atMost(WAIT).until(() -> ossSender.get("/api/v1/trail?nib=" + nib).body(), b -> b.contains("\"DELIVERED\""));
        String hubs = jdbc.sql("SELECT target_ref FROM sync_ledger WHERE nib = :nib").param("nib", nib)
                .query(String.class).single();

        String own = office.registerOne().number();

        LocalPermitStore.Stored taken = awaitStored(own);
        assertThat(taken.version()).isEqualTo(1);
        assertThat(taken.status()).isEqualTo("IN_PROCESS");
        assertThat(taken.kdDaerah()).startsWith("1607");
        assertThat(taken.applicantId()).isNotBlank();
        assertThat(taken.payload()).contains("\"schema\":\"simpul.local-permit\"");
        assertThat(events(own)).isEqualTo(1);
        // The hub's registration came before the office's permit in the same list, and was not taken.
        assertThat(stored(hubs)).isEmpty();
        // Read through the seal: the stored column is ciphertext, which a LIKE would never match.
        List<String> payloads = jdbc.sql("SELECT payload FROM local_permit").query(String.class).list();
        assertThat(payloads).allSatisfy(stored -> assertThat(stored).startsWith(StoredPayloads.SEALED_PREFIX));
        assertThat(payloads).map(storedPayloads::open).noneMatch(form -> form.contains("I-202611210915001234571"));
    }

    @Test
    void aServerErrorKeepsTheCursorAndTheNextPollTakesThePage() {
        await().atMost(WAIT).until(() -> !cursor().isEmpty());
        java.time.Instant injected = java.time.Instant.now();
        simulator.readFaults().respond(503, "Server sibuk");
        await().atMost(WAIT).until(() -> lastErrorAfter(injected));
        String before = cursor();
        String own = office.registerOne().number();
        java.time.Instant registered = java.time.Instant.now();

        await().atMost(WAIT).until(() -> lastErrorAfter(registered));
        assertThat(stored(own)).isEmpty();
        assertThat(cursor()).isEqualTo(before);
        assertThat(jdbc.sql("SELECT last_error FROM local_permit_poll WHERE target_id = 'banyuasin'").query(String.class)
                .single()).contains("503").doesNotContain("Server sibuk");

        simulator.readFaults().clear();
        awaitStored(own);
        assertThat(cursor()).isNotEqualTo(before);
        var polls = id.simpul.platform.json.Json.tree(ossSender.get("/api/v1/local-permits/polls").body()).path("polls");
        assertThat(polls.path(0).path("targetId").asText()).isEqualTo("banyuasin");
        assertThat(polls.path(0).path("lastError").asText()).contains("503");
        assertThat(polls.path(0).path("cursor").asText()).isEqualTo(cursor());
        assertThat(polls.path(0).path("permitsStored").asLong()).isPositive();
        var health = id.simpul.platform.json.Json.tree(ossSender.get("/actuator/health").body())
                .at("/components/localPermits");
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.at("/details/banyuasin/lastError").asText()).contains("503");
        assertThat(ossSender.get("/actuator/prometheus").body())
                .contains("simpul_local_permits_polls_total{application=\"simpul\",outcome=\"failed\",target=\"banyuasin\"}")
                .contains("simpul_local_permits_items_total{application=\"simpul\",outcome=\"new\",target=\"banyuasin\"}");
    }

    private Optional<Map<String, Object>> deadLetterOf(String number) {
        return jdbc.sql("SELECT error_message, flow, payload FROM dead_letter WHERE step = 'intake-take-local-permit'")
                .query().listOfRows().stream()
                .filter(row -> storedPayloads.open((String) row.get("payload")).contains(number)).findFirst();
    }

    private boolean lastErrorAfter(java.time.Instant t) {
        return jdbc.sql("SELECT last_error_at FROM local_permit_poll WHERE target_id = 'banyuasin'")
                .query(java.sql.Timestamp.class).optional().filter(at -> at.toInstant().isAfter(t)).isPresent();
    }

    @Test
    void aNumberWithSlashesIsTakenAndOneNoAddressCouldCarryIsAPermanentFailureNamingTheRule() throws Exception {
        String item = Files.readString(Path.of("mappings/samples/sicantik/izin-daerah/sip-bidan-proses.json"))
                .replace("1607015508900000", "1607015508900055");
        String sample = Json.tree(item).path("no_permohonan").asText();

        for (String bad : List.of("503 0055", "503/../0055", "503//0055", "/503/0055", "503/0055/", "503;0055")) {
            assertThatThrownBy(() -> intake.take(message(item.replace(sample, bad)))).as(bad)
                    .isInstanceOf(PermanentFailureException.class).hasMessageContaining(bad)
                    .hasMessageContaining("letters, digits, '.', '_', '-' or '/'");
            assertThat(stored(bad)).as(bad).isEmpty();
        }
        intake.take(message(item.replace(sample, "503/0055/DPMPTSP/2026")));
        assertThat(stored("503/0055/DPMPTSP/2026")).isPresent();
    }

    private static String message(String item) {
        return "{\"targetId\":\"banyuasin\",\"item\":" + item + "}";
    }

    @Test
    void anItemThatDoesNotMapIsDeadLetteredWithItsReasonAndTheNextOnesAreTaken() {
        String bad = office.register(Map.of("kd_daerah", "")).number();
        String good = office.registerOne().number();

        awaitStored(good);
        assertThat(stored(bad)).isEmpty();
        // Dead letters' payloads are sealed at rest: found by opening them, not by a LIKE on ciphertext.
        Map<String, Object> letter = await().atMost(WAIT).until(() -> deadLetterOf(bad), Optional::isPresent).orElseThrow();
        assertThat((String) letter.get("error_message")).contains(bad).contains("local-permit.v1").contains("kdDaerah");
        assertThat(letter.get("flow")).isEqualTo("local-permit");
    }

    @Test
    void aPermitReadAgainChangesNothingAndAChangedStatusPublishesOneEvent() {
        String own = office.registerOne().number();
        awaitStored(own);
        long unchangedBefore = jdbc.sql("SELECT items_unchanged FROM local_permit_poll WHERE target_id = 'banyuasin'")
                .query(Long.class).single();

        // The office's whole list again, as after a lost cursor.
        jdbc.sql("UPDATE local_permit_poll SET next_cursor = '' WHERE target_id = 'banyuasin'").update();
        await().atMost(WAIT).until(() -> jdbc.sql("SELECT items_unchanged FROM local_permit_poll WHERE target_id = 'banyuasin'")
                .query(Long.class).single() > unchangedBefore && !cursor().isEmpty());
        assertThat(stored(own).orElseThrow().version()).isEqualTo(1);
        assertThat(events(own)).isEqualTo(1);

        simulator.advance(own, "Selesai");

        LocalPermitStore.Stored issued = await().atMost(WAIT).until(() -> stored(own).orElseThrow(), s -> s.version() == 2);
        assertThat(issued.status()).isEqualTo("ISSUED");
        assertThat(issued.payload()).contains("\"permitNumber\":\"503/");
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> events(own) == 2);
    }

    @Test
    void theApplicantOfAnOfficePermitWhoAlsoCameThroughOssIsOneMasterRecord() {
        String nib = "9120301234572";
        ossSender.receiveNib(Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json").replace("9120301234567", nib)
                .replace("I-202611210915001234567", "I-202611210915001234572")
                .replace("1607111204780003", "1607111204780072"), nib);
        String viaOss = await().atMost(WAIT).until(() -> jdbc.sql("SELECT applicant_id FROM sync_ledger WHERE nib = :nib")
                .param("nib", nib).query(String.class).optional(), o -> o.filter(a -> !a.isBlank()).isPresent()).orElseThrow();

        // Typed at the counter from the KTP: capitals, no titles, the same NIK and birth date.
        String own = office.register(Map.of("nama", "MUHAMMAD YUSUF", "jenis_pemohon", "Perorangan",
                "jenis_identitas", "KTP", "no_identitas", "1607111204780072", "tgl_lahir", "1978-04-12",
                "tempat_lahir", "Pangkalan Balai", "jenis_kelamin", "L", "no_hp", "081277889900",
                "jenis_izin_id", "SIP-DOKTER", "nama_izin", "Surat Izin Praktik Dokter")).number();

        assertThat(awaitStored(own).applicantId()).isEqualTo(viaOss);
    }
}
