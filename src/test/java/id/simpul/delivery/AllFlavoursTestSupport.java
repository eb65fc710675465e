package id.simpul.delivery;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.json.Json;
import id.simpul.simulator.BackofficeSimulator;
import id.simpul.simulator.ManualOfficeSimulator;
import id.simpul.simulator.SiCantikCloudSimulator;
import id.simpul.simulator.SplpSimulator;
import id.simpul.support.Fixtures;
import id.simpul.support.HubTestSupport;
import id.simpul.support.OssSimulatorControl;
import id.simpul.support.TestPorts;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The embedded default with four targets, one per flavour ({@code application-all-flavours.yaml}):
 * Banyuasin 1607 (SiCantik Cloud), Palembang 1671 (backoffice), Musi Banyuasin 1606 (SPLP) and
 * Ogan Komering Ilir 1602 (manual office), each on its simulator.
 */
@ActiveProfiles("all-flavours")
abstract class AllFlavoursTestSupport extends HubTestSupport {

    @Autowired
    @Qualifier("sicantikSimulator")
    SiCantikCloudSimulator banyuasin;

    @Autowired
    BackofficeSimulator palembang;

    @Autowired
    SplpSimulator muba;

    @Autowired
    ManualOfficeSimulator oki;

    @DynamicPropertySource
    static void moreSimulators(DynamicPropertyRegistry registry) {
        int splpPort = TestPorts.free();
        int manualPort = TestPorts.free();
        registry.add("simpul.simulators.splp.port", () -> splpPort);
        registry.add("simpul.simulators.manual.port", () -> manualPort);
        registry.add("simpul.delivery.poll-interval", () -> "200ms");
    }

    /** Pushes a receiveNIB as OSS would, after telling the OSS simulator about it (it answers statuses only for permits it knows). */
    void push(String body, String nib) {
        new OssSimulatorControl(oss.port()).remember(body);
        ossSender.receiveNib(body, nib);
    }

    /** The Banyuasin receiveNIB fixture moved to another region, NIB and permit. */
    static String permitIn(String kdDaerah, String nib, String idIzin) {
        return Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json")
                .replace("1607112003", kdDaerah)
                .replace("9120301234567", nib)
                .replace("I-202611210915001234567", idIzin);
    }

    JsonNode trailEntry(String nib) {
        return Json.tree(ossSender.get("/api/v1/trail?nib=" + nib).body()).path("entries").path(0);
    }

    JsonNode awaitState(String nib, String state) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> trailEntry(nib).path("entry"),
                e -> state.equals(e.path("state").asText()));
    }
}
