package id.simpul.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.json.Json;
import id.simpul.simulator.SplpSimulator;
import id.simpul.support.Fixtures;
import id.simpul.support.HubLives;
import id.simpul.support.OssSender;
import id.simpul.support.TestPorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The documented recovery for a permit whose region no target serves: add the target, restart the
 * hub, replay the dead letter. Conversion had already turned the permit into its canonical message,
 * so the replay delivers it rather than converting it again.
 */
class DeadLetterReplayAfterRestartTest {

    private static final String NIB = "9120301230607";
    private static final String ID_IZIN = "I-202611210915000000607";

    @TempDir
    Path dataDir;

    @Test
    void aPermitDeadLetteredForARegionWithoutTargetIsDeliveredOnceWhenReplayedAfterTheTargetIsAdded() {
        int port = TestPorts.free();
        Map<String, Object> props = HubLives.settings(dataDir, port);
        props.put("simpul.delivery.poll-interval", "0");

        // First life: Musi Banyuasin (1606) is taken in, but no target serves it.
        props.put("simpul.region.kd-daerah-prefixes[0]", "1607");
        props.put("simpul.region.kd-daerah-prefixes[1]", "1671");
        props.put("simpul.region.kd-daerah-prefixes[2]", "1606");
        long deadLetter;
        try (ConfigurableApplicationContext first = HubLives.start(props)) {
            OssSender oss = new OssSender(port);
            assertThat(oss.receiveNib(Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json")
                    .replace("1607112003", "1606012003")
                    .replace("9120301234567", NIB)
                    .replace("I-202611210915001234567", ID_IZIN), NIB).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> trailEntry(oss).path("state").asText(),
                    "DEAD_LETTERED"::equals);
            JsonNode item = Json.tree(oss.get("/api/v1/dead-letters?nib=" + NIB).body()).path("items").get(0);
            assertThat(item.path("errorMessage").asText()).contains("no target serves kd_daerah 1606012003");
            deadLetter = item.path("id").asLong();
        }

        // Second life, same data folder: the operator added the SPLP target serving 1606 (profile all-flavours).
        props.keySet().removeIf(k -> k.startsWith("simpul.region."));
        props.put("spring.profiles.active", "all-flavours");
        props.put("simpul.simulators.splp.port", TestPorts.free());
        props.put("simpul.simulators.manual.port", TestPorts.free());
        try (ConfigurableApplicationContext second = HubLives.start(props)) {
            OssSender oss = new OssSender(port);
            assertThat(oss.postAsAdmin("/api/v1/dead-letters/" + deadLetter + "/replay", "").statusCode()).isEqualTo(200);

            JsonNode entry = await().atMost(Duration.ofSeconds(30)).until(() -> trailEntry(oss),
                    e -> "DELIVERED".equals(e.path("state").asText()));
            assertThat(entry.path("targetId").asText()).isEqualTo("muba");
            SplpSimulator muba = second.getBean(SplpSimulator.class);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(muba.permits().registrations()).filteredOn(p -> ID_IZIN.equals(p.field("id_izin_oss")))
                            .hasSize(1));
            assertThat(Json.tree(oss.get("/api/v1/dead-letters?nib=" + NIB + "&state=ALL").body()).path("items"))
                    .as("the replay succeeded: no new dead letter").hasSize(1);
        }
    }

    private static JsonNode trailEntry(OssSender oss) {
        return Json.tree(oss.get("/api/v1/trail?nib=" + NIB).body()).path("entries").path(0).path("entry");
    }
}
