package id.simpul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.simpul.platform.json.Json;
import id.simpul.support.OssSender;
import id.simpul.support.TestPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What someone who clones the repository and runs the jar gets: the built {@code target/simpul.jar}
 * started as its own process from a fresh clone (committed files only: a route or mapping that was
 * never committed is missing here, as it would be for them), with only the data folder and ports
 * changed. The built-in OSS simulator pushes by itself; a permit must reach the SiCantik simulator
 * without any request from the test.
 */
class PackagedJarIT {

    private static final Path BASEDIR = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();

    @Test
    void theBuiltJarRunsFromAFreshCloneAndDeliversWhatTheOssSimulatorPushes() throws Exception {
        Path jar = BASEDIR.resolve("target/simpul.jar");
        assertThat(jar).as("target/simpul.jar is built by the package phase, before failsafe runs").isRegularFile();
        Path work = Files.createTempDirectory("simpul-packaged-");
        Path clone = work.resolve("clone");
        run(BASEDIR, "git", "clone", "-q", "--no-checkout", BASEDIR.toString(), clone.toString());
        // The commit being built, also when the basedir is a worktree on another branch.
        run(clone, "git", "checkout", "-q", run(BASEDIR, "git", "rev-parse", "HEAD").strip());
        Files.copy(jar, clone.resolve("simpul.jar"));

        int port = TestPorts.free();
        int sicantikPort = TestPorts.free();
        int backofficePort = TestPorts.free();
        Path log = BASEDIR.resolve("target/packaged-jar-it.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "simpul.jar",
                "--simpul.data-dir=" + work.resolve("data"),
                "--server.port=" + port,
                "--simpul.simulators.oss.port=" + TestPorts.free(),
                "--simpul.simulators.sicantik.port=" + sicantikPort,
                "--simpul.simulators.backoffice.port=" + backofficePort,
                "--simpul.simulators.oss.push-interval=1s")
                .directory(clone.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // The jar runs on its defaults: settings the test run's own environment may carry stay out.
        builder.environment().keySet().removeIf(k -> k.startsWith("SPRING_") || k.startsWith("SIMPUL_"));
        Process hub = builder.start();
        try {
            OssSender http = new OssSender(port);
            await("hub health UP (log: " + log + ")").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .failFast("the hub process exited; see " + log, () -> !hub.isAlive())
                    .until(() -> http.getAnonymous("/actuator/health"),
                            r -> r.statusCode() == 200 && "UP".equals(Json.tree(r.body()).path("status").asText()));

            // The API needs a personal account and this jar runs with a random first-admin password, so
            // delivery is observed where anyone may look: the public metrics and the simulator's own journal.
            double delivered = await("a permit delivered from the simulator's own pushes (log: " + log + ")")
                    .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .failFast("the hub process exited; see " + log, () -> !hub.isAlive())
                    .until(() -> deliveredCount(http), n -> n > 0);
            assertThat(delivered).isPositive();
            // Pushes go to Banyuasin (SiCantik Cloud simulator) or Palembang (backoffice simulator).
            assertThat(Files.readString(log)).contains("Simpul first admin").containsPattern("delivered to (banyuasin|palembang)");
        } finally {
            stop(hub);
            deleteTree(work);
        }
    }

    /** {@code simpul_messages_total{flow="oss-nib",outcome="delivered"}} from the public Prometheus endpoint. */
    private static double deliveredCount(OssSender http) {
        HttpResponse<String> response = http.getAnonymous("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body().lines()
                .filter(l -> l.startsWith("simpul_messages_total{") && l.contains("outcome=\"delivered\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }


    /** Asks the hub to shut down; kills it if it has not within 30 s. */
    private static void stop(Process hub) throws InterruptedException {
        hub.destroy();
        try {
            hub.onExit().get(30, TimeUnit.SECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            // Falls through to the forcible kill.
        } finally {
            hub.destroyForcibly();
            hub.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Runs a command to completion and returns its output; fails the test if it fails. */
    private static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("%s finished", List.of(command)).isTrue();
        assertThat(process.exitValue()).as("%s exit code; output:%n%s", List.of(command), out).isZero();
        return out;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
