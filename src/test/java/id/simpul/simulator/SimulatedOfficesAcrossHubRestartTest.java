package id.simpul.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.json.Json;
import id.simpul.support.Fixtures;
import id.simpul.support.HubLives;
import id.simpul.support.OssSender;
import id.simpul.support.OssSimulatorControl;
import id.simpul.support.TestPorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The demo after an upgrade: permits registered at the simulated offices before the hub restarted are
 * decided there after it, and their final permits reach the simulated OSS, as with a real office that
 * does not forget its registrations when the hub stops.
 */
class SimulatedOfficesAcrossHubRestartTest {

    private static final String BANYUASIN_NIB = "9120301230801";
    private static final String BANYUASIN_IZIN = "I-202611300915000000801";
    private static final String PALEMBANG_NIB = "9120305550001";
    private static final String PALEMBANG_IZIN = "I-202611220830005550001";

    @TempDir
    Path dataDir;

    @Test
    void permitsRegisteredBeforeARestartAreDecidedAfterItAndTheirFinalPermitsReachOss() {
        int port = TestPorts.free();
        Map<String, Object> props = HubLives.settings(dataDir, port);
        props.put("simpul.delivery.poll-interval", "200ms");
        props.put("simpul.simulators.sicantik.step-interval", "0");
        props.put("simpul.simulators.backoffice.step-interval", "0");

        String banyuasinNo;
        String palembangNo;
        try (ConfigurableApplicationContext first = HubLives.start(props)) {
            OssSender hub = new OssSender(port);
            int ossPort = first.getBean("ossSimulator", SimulatorServer.class).port();
            push(hub, ossPort, Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json")
                    .replace("9120301234567", BANYUASIN_NIB).replace("I-202611210915001234567", BANYUASIN_IZIN),
                    BANYUASIN_NIB);
            push(hub, ossPort, Fixtures.text("delivery/receiveNIB-badan-usaha-palembang.json"), PALEMBANG_NIB);
            banyuasinNo = delivered(hub, BANYUASIN_NIB).path("targetRef").asText();
            palembangNo = delivered(hub, PALEMBANG_NIB).path("targetRef").asText();
            OssSimulatorState oss = first.getBean(OssSimulatorState.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> oss.status(BANYUASIN_IZIN).isPresent()
                    && oss.status(PALEMBANG_IZIN).isPresent());
        }

        try (ConfigurableApplicationContext second = HubLives.start(props)) {
            OssSender hub = new OssSender(port);
            SiCantikCloudSimulator banyuasin = second.getBean("sicantikSimulator", SiCantikCloudSimulator.class);
            BackofficeSimulator palembang = second.getBean(BackofficeSimulator.class);
            OssSimulatorState oss = second.getBean(OssSimulatorState.class);

            String banyuasinIzin = banyuasin.advance(banyuasinNo, "Selesai").noIzin();
            String palembangIzin = palembang.advance(palembangNo, "SELESAI").noIzin();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(oss.license(BANYUASIN_IZIN)).hasValueSatisfying(l ->
                        assertThat(l.path("nomor_izin").asText()).isEqualTo(banyuasinIzin));
                assertThat(oss.license(PALEMBANG_IZIN)).hasValueSatisfying(l ->
                        assertThat(l.path("nomor_izin").asText()).isEqualTo(palembangIzin));
            });
            assertThat(oss.status(BANYUASIN_IZIN).orElseThrow().path("kd_status").asText()).isEqualTo("50");
            assertThat(hub.get("/api/v1/trail?nib=" + BANYUASIN_NIB).body()).contains("FINAL_SENT");
            assertThat(banyuasin.registrations()).as("the office holds each permit once").isEqualTo(1);
            assertThat(palembang.registrations()).isEqualTo(1);
        }
    }

    /** As OSS pushes: it knows the NIB (it answers statuses only for permits it knows), then sends it. */
    private static void push(OssSender hub, int ossPort, String body, String nib) {
        new OssSimulatorControl(ossPort).remember(body);
        assertThat(hub.receiveNib(body, nib).statusCode()).isEqualTo(200);
    }

    private static JsonNode delivered(OssSender hub, String nib) {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> Json.tree(hub.get("/api/v1/trail?nib=" + nib).body()).path("entries").path(0).path("entry"),
                e -> "DELIVERED".equals(e.path("state").asText()));
    }
}
