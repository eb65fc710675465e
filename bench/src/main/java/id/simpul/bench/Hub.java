package id.simpul.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real packaged hub ({@code java -jar target/simpul.jar}) as its own process, started from the
 * repository root (routes/ and mappings/ as in production) on a fresh data folder: embedded Artemis
 * with its persistent journal (fsync on) and the H2 file store. Measures start-to-ready.
 */
public final class Hub implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    public static final String ADMIN = "admin";

    private final Process process;
    private final int port;
    private final String adminPassword;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final long startedNanos;
    private double readySeconds = Double.NaN;
    private double cpuSecondsAtReady = Double.NaN;
    private final List<String> command;

    private Hub(Process process, int port, String adminPassword, Path log, long startedNanos, List<String> command) {
        this.process = process;
        this.port = port;
        this.adminPassword = adminPassword;
        this.log = log;
        this.startedNanos = startedNanos;
        this.command = command;
    }

    /** How to start one hub. {@code launch} is what replaces {@code -jar target/simpul.jar} (e.g. an extracted jar). */
    public record Spec(Path root, List<String> launch, List<String> jvmFlags, Map<String, String> settings, Path dataDir,
                       Path log) {
    }

    /** The usual settings: fresh data dir, free port, simulators off, the target and OSS outbound at the sink. */
    public static Map<String, String> sinkSettings(String sinkBaseUrl) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("simpul.simulators.enabled", "false");
        s.putAll(target(sinkBaseUrl));
        s.put("simpul.oss.outbound.base-url", sinkBaseUrl + "/oss");
        return s;
    }

    /** The built-in WireMock simulators instead of the sink (the OSS simulator does not push by itself). */
    public static Map<String, String> wireMockSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        int sicantik = freePort();
        s.put("simpul.simulators.enabled", "true");
        s.put("simpul.simulators.oss.push-interval", "0");
        s.put("simpul.simulators.oss.port", String.valueOf(freePort()));
        s.put("simpul.simulators.sicantik.port", String.valueOf(sicantik));
        // The same target as against the sink, so the two runs differ only in what answers.
        s.putAll(target("http://localhost:" + sicantik));
        return s;
    }

    /**
     * The default Banyuasin target, restated whole: Spring Boot takes a list from one property source
     * as a whole, so overriding one field of targets[0] on the command line would leave the others
     * unset. The shipped target protects a regency's server with a rate limit (20 permits/s) and a
     * bulkhead of 4; the benchmark measures the hub, not the limiter, so both are lifted.
     */
    private static Map<String, String> target(String baseUrl) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("simpul.targets[0].id", "banyuasin");
        s.put("simpul.targets[0].flavour", "sicantik-cloud");
        s.put("simpul.targets[0].kd-daerah-prefixes[0]", "1607");
        s.put("simpul.targets[0].base-url", baseUrl);
        s.put("simpul.targets[0].token", "simulator-token");
        s.put("simpul.targets[0].mapping", "targets/sicantik-cloud.jslt");
        s.put("simpul.targets[0].connect-timeout", "2s");
        s.put("simpul.targets[0].read-timeout", "10s");
        s.put("simpul.targets[0].rate-limit.permits", "1000000");
        s.put("simpul.targets[0].consumers", "8");
        s.put("simpul.targets[0].bulkhead.max-concurrent-calls", "8");
        return s;
    }

    public static Hub start(Spec spec, Duration readyTimeout) throws IOException, InterruptedException {
        int port = freePort();
        String password = "bench-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(spec.jvmFlags());
        command.addAll(spec.launch());
        command.add("--simpul.data-dir=" + spec.dataDir());
        command.add("--server.port=" + port);
        command.add("--simpul.security.admin.password=" + password);
        spec.settings().forEach((k, v) -> command.add("--" + k + "=" + v));
        Files.createDirectories(spec.dataDir());
        Files.createDirectories(spec.log().getParent());
        ProcessBuilder builder = new ProcessBuilder(command).directory(spec.root().toFile())
                .redirectErrorStream(true).redirectOutput(spec.log().toFile());
        keepCallersSettingsOut(builder);
        long started = System.nanoTime();
        Process process = builder.start();
        Hub hub = new Hub(process, port, password, spec.log(), started, command);
        // A benchmark that dies or is interrupted leaves no hub behind.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "hub-reaper"));
        hub.awaitReady(readyTimeout);
        return hub;
    }

    /** The jar (or B5's baseline) runs on its defaults: settings in the caller's environment stay out. */
    static void keepCallersSettingsOut(ProcessBuilder builder) {
        builder.environment().keySet().removeIf(k -> k.startsWith("SPRING_") || k.startsWith("SIMPUL_")
                || k.equals("JAVA_TOOL_OPTIONS") || k.equals("JDK_JAVA_OPTIONS"));
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = startedNanos + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("hub exited with " + process.exitValue() + " before it was ready; see " + log);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && "UP".equals(JSON.readTree(r.body()).path("status").asText())) {
                    readySeconds = (System.nanoTime() - startedNanos) / 1e9;
                    cpuSecondsAtReady = cpuSeconds();
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        close();
        throw new IllegalStateException("hub not ready within " + timeout + "; see " + log);
    }

    public double readySeconds() {
        return readySeconds;
    }

    /** CPU seconds (user + system, all threads) the JVM had used when health first answered {@code UP}. */
    public double cpuSecondsAtReady() {
        return cpuSecondsAtReady;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public List<String> command() {
        return command;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** "Started SimpulApplication in X seconds" as Spring reports it (JVM start excluded), or NaN. */
    public double springStartedSeconds() {
        try {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                int i = line.indexOf("Started SimpulApplication in ");
                if (i >= 0) {
                    String rest = line.substring(i + "Started SimpulApplication in ".length());
                    return Double.parseDouble(rest.substring(0, rest.indexOf(' ')));
                }
            }
        } catch (IOException | RuntimeException e) {
            // unreadable: NaN
        }
        return Double.NaN;
    }

    /** Sum of {@code simpul_messages_total} with this outcome, from the public Prometheus endpoint. */
    public double messages(String outcome) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/actuator/prometheus"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("prometheus answered " + r.statusCode());
        }
        double sum = 0;
        String tag = "outcome=\"" + outcome + "\"";
        for (String line : r.body().split("\n")) {
            if (line.startsWith("simpul_messages_total{") && line.contains(tag)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** POST as the first admin (HTTP Basic); returns the parsed JSON answer. */
    public JsonNode postAsAdmin(String pathAndQuery, Duration timeout) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(pathAndQuery)).timeout(timeout)
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((ADMIN + ":" + adminPassword).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("POST " + pathAndQuery + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** Resident set size of the hub's JVM, MiB, from /proc (Linux). */
    public double rssMiB() {
        return procStatusKiB(process.pid(), "VmRSS:") / 1024.0;
    }

    /** CPU time (user + system) the hub's JVM has used so far, in seconds, from /proc/<pid>/stat. */
    public double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After the command: state(0) ppid ... utime is field 14 of the line, index 11 here; stime 12.
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * CPU seconds by kind of thread, of the threads alive now: {@code jit} (C1/C2 compiler threads),
     * {@code gc} (GC and VM threads), {@code app} (everything else: HTTP, Camel, broker, store).
     * Threads that have ended are missing here but counted in {@link #cpuSeconds()}.
     */
    public Map<String, Double> cpuByKind() {
        Map<String, Double> out = new LinkedHashMap<>(Map.of("jit", 0.0, "gc", 0.0, "app", 0.0));
        Path tasks = Path.of("/proc", String.valueOf(process.pid()), "task");
        try (var dirs = Files.list(tasks)) {
            for (Path t : dirs.toList()) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) CLOCK_TICKS;
                    String kind = comm.startsWith("C2 Compiler") || comm.startsWith("C1 Compiler") ? "jit"
                            : comm.startsWith("G1 ") || comm.startsWith("GC Thread") || comm.startsWith("VM Thread")
                            || comm.startsWith("VM Periodic") ? "gc" : "app";
                    out.merge(kind, cpu, Double::sum);
                } catch (IOException | RuntimeException ended) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            // process gone
        }
        return out;
    }

    /** USER_HZ: 100 on Linux (getconf CLK_TCK). */
    private static final int CLOCK_TICKS = Integer.getInteger("bench.clockTicks", 100);

    static long procStatusKiB(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone or not Linux
        }
        return -1;
    }

    /** {@code jcmd <pid> <command>}; returns its output (empty when jcmd fails). */
    public String jcmd(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        cmd.add(String.valueOf(process.pid()));
        cmd.addAll(List.of(args));
        return Machine.run(Path.of("."), cmd.toArray(String[]::new));
    }

    /** Heap and GC the hub's JVM actually runs with (from jcmd VM.flags). */
    public String vmFlags() {
        String out = jcmd("VM.flags");
        int i = out.indexOf('\n');
        return (i >= 0 ? out.substring(i + 1) : out).strip();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGTERM (graceful shutdown), then SIGKILL after 40 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
