package id.simpul.support;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The hub in its own JVM, so a test can kill it like a power cut ({@code SIGKILL}) and start it
 * again on the same data folder. Runs {@code id.simpul.SimpulApplication} from the test classpath
 * with the working directory of the project (routes/ and mappings/ as in production).
 */
public final class HubProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private HubProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Settings for a hub of its own: its data folder, free ports, the SiCantik simulator on
     * {@code sicantikPort} and the OSS simulator pushing nothing by itself. Mutable, for a test's own.
     */
    public static Map<String, Object> ownHub(Path dataDir, int sicantikPort) {
        return new java.util.HashMap<>(Map.of(
                "simpul.data-dir", dataDir.resolve("hub"),
                "server.port", TestPorts.free(),
                "simpul.simulators.oss.port", TestPorts.free(),
                "simpul.simulators.sicantik.port", sicantikPort,
                "simpul.simulators.oss.push-interval", "0"));
    }

    /** Starts the hub with these {@code --key=value} settings and waits until /actuator/health is UP. */
    public static HubProcess start(Map<String, Object> settings, Path log) {
        int port = Integer.parseInt(String.valueOf(settings.get("server.port")));
        // C1 only: a hub started here lives for seconds, and on 2 shared cores C2's compiler threads took the CPU its
        // start needed (health UP after 129-138 s with them, 42-87 s without, at load average 15; JIT only, same code).
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "id.simpul.SimpulApplication"));
        settings.forEach((k, v) -> command.add("--" + k + "=" + v));
        try {
            Process process = new ProcessBuilder(command)
                    .directory(new File(System.getProperty("user.dir")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            HubProcess hub = new HubProcess(process, port);
            OssSender probe = new OssSender(port);
            try {
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                        .ignoreExceptions()
                        .until(() -> {
                            if (!process.isAlive()) {
                                throw new IllegalStateException("hub exited; see " + log);
                            }
                            // The overall status, not a component's: routes start after the broker and store.
                            return "UP".equals(id.simpul.platform.json.Json.tree(probe.get("/actuator/health").body())
                                    .path("status").asText());
                        });
            } catch (RuntimeException | Error notUp) {
                // A hub that is not UP in time is no one's to close: left running, one took CPU from the rest of the
                // run for 53 minutes and wrote into the next run's log.
                hub.kill();
                throw notUp;
            }
            return hub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** Kills the JVM without any shutdown hook, as a power cut would. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
        }
    }
}
