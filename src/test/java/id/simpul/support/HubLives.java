package id.simpul.support;

import id.simpul.SimpulApplication;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Hubs a test starts and stops itself, one life after another over the same data folder: for what
 * must survive a restart (the broker's journal, the store), which a shared test context cannot show.
 */
public final class HubLives {

    private HubLives() {
    }

    /**
     * What every such hub needs, as a map a test adds to between lives: its data folder, its HTTP port,
     * free ports for the OSS and SiCantik simulators, and no simulated OSS pushes.
     */
    public static Map<String, Object> settings(Path dataDir, int port) {
        return new HashMap<>(Map.of(
                "simpul.data-dir", dataDir.toString(),
                "server.port", port,
                "simpul.simulators.oss.port", TestPorts.free(),
                "simpul.simulators.sicantik.port", TestPorts.freePair(),
                "simpul.simulators.oss.push-interval", "0"));
    }

    /** Starts one life of the hub with these settings. */
    public static ConfigurableApplicationContext start(Map<String, Object> settings) {
        // Command-line arguments, because builder "properties" rank below application.yaml.
        String[] args = settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(SimpulApplication.class).run(args);
    }
}
