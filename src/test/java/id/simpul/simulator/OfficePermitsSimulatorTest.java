package id.simpul.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.simpul.delivery.SiCantikClient;
import id.simpul.delivery.TargetHttp;
import id.simpul.platform.SimpulProperties;
import id.simpul.platform.SimpulProperties.Target;
import id.simpul.platform.json.Json;
import id.simpul.support.MutableClock;
import id.simpul.support.TestPorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated SiCantik office's own permits and its list of them, read over HTTP as the hub reads it. */
class OfficePermitsSimulatorTest {

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T03:00:00Z"));
    private SiCantikCloudSimulator sicantik;
    private OfficePermits office;
    private Target target;
    private final SiCantikClient client = new SiCantikClient(new TargetHttp());

    @BeforeEach
    void start() {
        int port = TestPorts.free();
        sicantik = new SiCantikCloudSimulator("sicantik", port, dataDir, clock,
                new SimpulProperties.TargetSimulator(port, Duration.ZERO, "t", null, null));
        sicantik.start();
        office = office(0, 0, n -> Optional.empty());
        target = new Target("banyuasin", "sicantik-cloud", List.of("1607"), "http://localhost:" + port, "t", null,
                "targets/sicantik-cloud.jslt", Duration.ofSeconds(2), Duration.ofSeconds(5), null, null, null, null, null,
                null);
    }

    @AfterEach
    void stop() {
        office.stop();
        sicantik.stop();
    }

    private OfficePermits office(double perHour, double overlap, java.util.function.IntFunction<Optional<ObjectNode>> pushed) {
        return new OfficePermits(sicantik.permits(), new OssPayloadGenerator(42, List.of("1607")), pushed, perHour,
                overlap, clock, 7);
    }

    @Test
    void theOfficesOwnPermitsAreListedWithRegionalTypesAndIndonesianApplicantsButNotTheHubsRegistrations()
            throws Exception {
        HttpResponse<String> hubs = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(target.baseUrl() + "/api/v1/permohonan")).header("Authorization", "Bearer t")
                .header("Content-Type", "application/json").header("Idempotency-Key", "I-1:1")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"jenis_izin_id\":\"011000000001\",\"id_izin_oss\":\"I-1\",\"nama\":\"Siti Aminah\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(hubs.statusCode()).isEqualTo(201);
        LocalPermits.Permit own = office.registerOne();

        SiCantikClient.LocalPermitsPage page = client.localPermits(target, new SiCantikClient.LocalPermitsRequest("", 50));

        assertThat(page.items()).hasSize(1);
        JsonNode item = page.items().get(0);
        assertThat(item.path("no_permohonan").asText()).isEqualTo(own.number());
        assertThat(item.path("jenis_izin_id").asText()).isIn("REKLAME", "PENELITIAN", "SIP-DOKTER", "SIP-BIDAN",
                "SIP-APOTEKER", "KERAMAIAN");
        assertThat(item.path("no_identitas").asText()).matches("1607[0-9]{12}");
        assertThat(item.path("kd_daerah").asText()).startsWith("1607");
        assertThat(item.path("status").asText()).isEqualTo("Proses");
        assertThat(item.has("id_izin_oss")).isFalse();
        assertThat(page.next()).isEqualTo(
                Instant.parse(item.path("diperbarui").asText()).toEpochMilli() + "." + own.number());
    }

    @Test
    void theCursorPagesThroughTheListAndAChangedPermitComesAgainAfterIt() {
        LocalPermits.Permit first = office.registerOne();
        clock.advance(Duration.ofMinutes(1));
        office.registerOne();
        clock.advance(Duration.ofMinutes(1));
        office.registerOne();

        SiCantikClient.LocalPermitsPage one = client.localPermits(target, new SiCantikClient.LocalPermitsRequest("", 2));
        SiCantikClient.LocalPermitsPage two = client.localPermits(target, new SiCantikClient.LocalPermitsRequest(one.next(), 2));
        SiCantikClient.LocalPermitsPage none = client.localPermits(target, new SiCantikClient.LocalPermitsRequest(two.next(), 2));

        assertThat(one.items()).hasSize(2);
        assertThat(two.items()).hasSize(1);
        assertThat(none.items()).isEmpty();
        assertThat(none.next()).isEqualTo(two.next());

        clock.advance(Duration.ofMinutes(1));
        sicantik.advance(first.number(), "Selesai");
        SiCantikClient.LocalPermitsPage changed = client.localPermits(target, new SiCantikClient.LocalPermitsRequest(two.next(), 2));
        assertThat(changed.items()).singleElement().satisfies(i -> {
            assertThat(i.path("no_permohonan").asText()).isEqualTo(first.number());
            assertThat(i.path("status").asText()).isEqualTo("Selesai");
            assertThat(i.path("no_izin").asText()).startsWith("503/");
        });
    }

    @Test
    void theOfficeRegistersAtItsRateOnTheSimulatorsClockAndReusesApplicantsOssPushed() {
        ObjectNode pushed = (ObjectNode) new OssPayloadGenerator(1, List.of("1607")).nextReceiveNib(
                java.time.LocalDateTime.of(2026, 11, 30, 9, 0)).get("dataNIB");
        pushed.put("jenis_perseroan", "17");
        office = office(4, 1, n -> Optional.of(pushed));
        office.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> sicantik.registrations() == 1);
        clock.advance(Duration.ofMinutes(31));
        await().atMost(Duration.ofSeconds(10)).until(() -> sicantik.registrations() == 3);

        String nik = pushed.path("penanggung_jwb").path(0).path("no_identitas_penanggung_jwb").asText();
        assertThat(sicantik.permits().registrations()).allSatisfy(p -> {
            assertThat(p.field("no_identitas")).isEqualTo(nik);
            assertThat(p.field("nama")).isEqualTo(p.field("nama").toUpperCase());
        });
        Map<String, String> fields = sicantik.permits().registrations().iterator().next().fields();
        assertThat(fields).containsEntry("sumber", "loket").containsEntry("jenis_pemohon", "Perorangan");
    }
}
