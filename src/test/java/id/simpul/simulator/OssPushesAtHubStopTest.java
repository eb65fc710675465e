package id.simpul.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.json.Json;
import id.simpul.support.CapturedLog;
import id.simpul.support.HubLives;
import id.simpul.support.TestPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Stopping the demo hub (SIGTERM) stops the simulated OSS's pushes before the hub stops taking requests:
 * no push fails on the closing hub (a WARN at every stop, and a NIB the simulated OSS counts as pushed
 * that the hub never got, found only by a later sweep).
 */
class OssPushesAtHubStopTest {

    private static final Pattern PUSHED = Pattern.compile("pushed receiveNIB nib=(\\d+) .* -> HTTP 200 ");

    @TempDir
    Path dataDir;

    @Test
    void noPushFailsWhileTheHubStopsAndEveryNibTheSimulatorRemembersReachedTheHub() throws IOException {
        Map<String, Object> props = HubLives.settings(dataDir, TestPorts.free());
        props.put("simpul.simulators.oss.push-interval", "100ms");
        Path stateFile = dataDir.resolve("simulators").resolve("oss").resolve("state.jsonl");

        CapturedLog log;
        Set<String> before;
        try (ConfigurableApplicationContext hub = HubLives.start(props)) {
            log = CapturedLog.start();
            before = nibs(stateFile);
            await().atMost(Duration.ofSeconds(30)).until(() -> pushed(log).size() >= 5);
        }
        log.close();

        assertThat(log.lines()).noneMatch(l -> l.contains("OSS simulator push failed"));
        Set<String> remembered = nibs(stateFile);
        remembered.removeAll(before);
        assertThat(pushed(log)).as("NIBs the hub acknowledged").containsAll(remembered);
    }

    private static Set<String> pushed(CapturedLog log) {
        Set<String> nibs = new HashSet<>();
        for (String line : log.lines()) {
            Matcher m = PUSHED.matcher(line);
            if (m.find()) {
                nibs.add(m.group(1));
            }
        }
        return nibs;
    }

    private static Set<String> nibs(Path stateFile) throws IOException {
        if (!Files.exists(stateFile)) {
            return new HashSet<>();
        }
        Set<String> nibs = new HashSet<>();
        for (String line : Files.readAllLines(stateFile)) {
            JsonNode record = Json.tree(line);
            if (record.path("nib").isTextual()) {
                nibs.add(record.get("nib").asText());
            }
        }
        return nibs;
    }
}
