package id.simpul.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Runs the Simpul benchmarks (B1–B5) against the real packaged hub, each figure beside a raw
 * baseline measured in the same run, prints a table and writes {@code bench/results/latest.json}.
 * See bench/README.md for what each benchmark does; {@code --help} for the options.
 */
public final class BenchMain {

    static final String[] REQUIRED_KEYS = {"b1_p99_ms_at_50", "b1_p99_ms_at_200", "b1_fsync_p99_ms", "b2_permits_per_s",
            "b2_raw_per_s", "b2_ratio_to_raw", "b3_match_p99_ms_at_1m", "b3_batch_records_per_s", "b4_replays_per_s",
            "b5_ready_s", "b5_rss_idle_mib"};

    /** Everything a run can be told. */
    record Options(Path root, boolean quick, Set<String> only, int b1Seconds, int b1Warmup, double[] rates,
                   int b2Size, int wireMockSize, int b4Size, int inFlight, int fsyncIterations, int sendIterations,
                   boolean profile, boolean variants, List<String> hubJvm, java.util.Map<String, String> hubArgs,
                   Path out, Duration waitLimit, Duration b2Cap, Duration b4Cap, int ablationSize,
                   int ablationVariants, int b5Starts) {

        static Options parse(String[] args) {
            Path root = Path.of(".").toAbsolutePath().normalize();
            boolean quick = false;
            Set<String> only = new LinkedHashSet<>(List.of("b1", "b2", "b3", "b4", "b5"));
            Integer b1Seconds = null;
            double[] rates = {10, 50, 200};
            Integer b2 = null;
            Integer wm = null;
            Integer b4 = null;
            int inFlight = 32;
            boolean profile = false;
            Boolean variants = null;
            // The heap docs/operations.md asks for where bursts come: at -Xmx512m a 100,000 burst of new applicants
            // ran the embedded store out of heap (docs/performance.md, "A 512 MiB heap is too small").
            List<String> jvm = List.of("-Xmx1g");
            java.util.Map<String, String> hubArgs = new java.util.LinkedHashMap<>();
            Integer b2Cap = null;
            Integer b4Cap = null;
            int ablation = 0;
            int ablationVariants = Integer.MAX_VALUE;
            Path out = null;
            Integer waitMinutes = null;
            Integer b5Starts = null;
            for (String a : args) {
                String v = a.contains("=") ? a.substring(a.indexOf('=') + 1) : "";
                if (a.startsWith("--root=")) {
                    root = Path.of(v).toAbsolutePath().normalize();
                } else if (a.equals("--quick")) {
                    quick = true;
                } else if (a.startsWith("--only=")) {
                    only = new LinkedHashSet<>(Arrays.asList(v.toLowerCase(Locale.ROOT).split(",")));
                } else if (a.startsWith("--b1-seconds=")) {
                    b1Seconds = Integer.parseInt(v);
                } else if (a.startsWith("--b2-size=")) {
                    b2 = Integer.parseInt(v);
                } else if (a.startsWith("--wiremock-size=")) {
                    wm = Integer.parseInt(v);
                } else if (a.startsWith("--b4-size=")) {
                    b4 = Integer.parseInt(v);
                } else if (a.startsWith("--in-flight=")) {
                    inFlight = Integer.parseInt(v);
                } else if (a.equals("--ablation")) {
                    ablation = quick ? 200 : 10_000;
                } else if (a.startsWith("--ablation=")) {
                    ablation = Integer.parseInt(v);
                } else if (a.startsWith("--ablation-variants=")) {
                    ablationVariants = Integer.parseInt(v);
                } else if (a.equals("--profile")) {
                    profile = true;
                } else if (a.equals("--variants")) {
                    variants = true;
                } else if (a.equals("--no-variants")) {
                    variants = false;
                } else if (a.startsWith("--hub-jvm=")) {
                    jvm = v.isBlank() ? List.of() : List.of(v.trim().split("\\s+"));
                } else if (a.startsWith("--hub-args=")) {
                    for (String kv : v.trim().split("\\s+")) {
                        String setting = kv.startsWith("--") ? kv.substring(2) : kv;
                        if (!setting.isBlank()) {
                            hubArgs.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
                        }
                    }
                } else if (a.startsWith("--b1-rates=")) {
                    rates = java.util.Arrays.stream(v.split(",")).mapToDouble(Double::parseDouble).toArray();
                } else if (a.startsWith("--b2-cap-seconds=")) {
                    b2Cap = Integer.parseInt(v);
                } else if (a.startsWith("--b4-cap-seconds=")) {
                    b4Cap = Integer.parseInt(v);
                } else if (a.startsWith("--out=")) {
                    out = Path.of(v).toAbsolutePath();
                } else if (a.startsWith("--wait-minutes=")) {
                    waitMinutes = Integer.parseInt(v);
                } else if (a.startsWith("--b5-starts=")) {
                    b5Starts = Integer.parseInt(v);
                } else if (a.equals("--help") || a.equals("-h")) {
                    System.out.println(HELP);
                    System.exit(0);
                } else {
                    throw new IllegalArgumentException("unknown option " + a + "\n" + HELP);
                }
            }
            if (out == null) {
                out = quick ? root.resolve("bench/work/quick.json") : root.resolve("bench/results/latest.json");
            }
            return new Options(root, quick, only, b1Seconds != null ? b1Seconds : quick ? 3 : 30, quick ? 200 : 3_000,
                    rates, b2 != null ? b2 : quick ? 500 : 100_000,
                    wm != null ? wm : quick ? 200 : 5_000, b4 != null ? b4 : quick ? 300 : 100_000, inFlight,
                    quick ? 200 : 2_000, quick ? 300 : 2_000, profile, variants != null ? variants : false, jvm,
                    hubArgs, out, Duration.ofMinutes(waitMinutes != null ? waitMinutes : quick ? 3 : 20),
                    Duration.ofSeconds(b2Cap != null ? b2Cap : quick ? 120 : 720),
                    Duration.ofSeconds(b4Cap != null ? b4Cap : quick ? 120 : 900), ablation,
                    ablationVariants, b5Starts != null ? b5Starts : quick ? 1 : 3);
        }
    }

    static final String HELP = """
            bench/run.sh [options]     (runs BenchMain after building what is missing)
              --quick              tiny sizes, a few minutes: checks the harness, figures are meaningless;
                                   writes bench/work/quick.json unless --out is given
              --only=b1,b2,b3,b4,b5  run only these (b5's idle RSS comes from the B1 hub)
              --b1-seconds=N       seconds per arrival rate in B1 (default 30; warm-up first: 3000 pushes)
              --b1-rates=R,R,…     arrival rates of B1 in req/s (default 10,50,200; the first also runs refused pushes)
              --b2-size=N          permits in the B2 burst (default 100000)
              --wiremock-size=N    permits in the B2 comparison run against the WireMock simulator (default 5000; 0 = skip)
              --b4-size=N          dead letters replayed in B4 (default 100000)
              --in-flight=N        concurrent pushes in bursts and producers in the raw pipeline (default 32)
              --hub-jvm="FLAGS"    JVM flags of the hub (default -Xmx1g, the heap docs/operations.md asks for bursts)
              --hub-args="--k=v …" extra hub settings for every hub start (e.g. --simpul.intake.consumers=4)
              --b2-cap-seconds=N   stop the B2 burst after N s and report the rate of what was delivered (default 720; 100,000
                                   take about 9 min on the slower VM at 186/s, so the whole burst is measured)
              --b4-cap-seconds=N   the same for making dead letters, and again for replaying them (default 900 each; making
                                   100,000 took 12 min and more on the slower VM, so all of them are replayed)
              --b5-starts=N        B5: starts of the hub, one at a time with nothing else running (default 3)
              --variants           B5: also start the hub with other JVM flags, extracted jar and AppCDS
              --profile            B2 and B4: record the hub with JFR (from launch; CPU samples and GC pauses only) and
                                   summarise the burst's samples: stages, components, hot methods
              --ablation[=N]       B2 again with N permits (default 10000) per hub setting that has a cost
                                   (as shipped, intake consumers, journal window, per-message logs)
              --ablation-variants=K  only the first K of them (1 = as shipped only: a warm A/B of a change)
              --wait-minutes=N     upper bound of other waits (raw pipeline, replay request; default 20)
              --out=FILE           results file (default bench/results/latest.json)
            """;

    private final Options o;
    private final ObjectNode results = Hub.JSON.createObjectNode();
    private final ObjectNode details;
    private final ArrayNode notes;
    private final Path work;
    /** Starts of hubs with the default flags and the jar, made for the other benchmarks: "name": seconds. */
    private final ObjectNode otherStarts = Hub.JSON.createObjectNode();
    private final List<String[]> table = new ArrayList<>();

    private BenchMain(Options o) throws IOException {
        this.o = o;
        for (String key : REQUIRED_KEYS) {
            results.putNull(key);
        }
        details = Hub.JSON.createObjectNode();
        notes = Hub.JSON.createArrayNode();
        work = o.root().resolve("bench/work/run-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .format(OffsetDateTime.now()));
        cleanOldRuns(o.root().resolve("bench/work"));
        Files.createDirectories(work);
    }

    public static void main(String[] args) throws Exception {
        // As the hub does (CommonPoolSize): on two cores the JDK HttpClient's sendAsync would otherwise start a
        // thread per answer in the load generator too. Set here, not by calling the hub's class, so the harness
        // still runs against older hub jars.
        if (System.getProperty("java.util.concurrent.ForkJoinPool.common.parallelism") == null
                && Runtime.getRuntime().availableProcessors() < 3) {
            System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism", "2");
        }
        Options o = Options.parse(args);
        BenchMain bench = new BenchMain(o);
        int status = bench.run();
        System.exit(status);
    }

    private int run() throws Exception {
        long started = System.nanoTime();
        Path jar = o.root().resolve("target/simpul.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("missing " + jar + ": run bench/run.sh (it builds the hub first)");
        }
        results.put("commit", Machine.run(o.root(), "git", "rev-parse", "HEAD"));
        results.put("commit_dirty", !Machine.run(o.root(), "git", "status", "--porcelain", "--untracked-files=no").isEmpty());
        results.put("branch", Machine.run(o.root(), "git", "rev-parse", "--abbrev-ref", "HEAD"));
        results.put("date", OffsetDateTime.now(ZoneOffset.UTC).toString());
        results.put("quick", o.quick());
        results.set("machine", Machine.describe(o.root()));
        results.put("load_average_start", Machine.loadAverage());
        results.put("hub_jar", jar.toString());
        results.put("hub_jar_built", Files.getLastModifiedTime(jar).toString());
        ArrayNode jvm = results.putArray("hub_jvm_flags");
        o.hubJvm().forEach(jvm::add);
        ObjectNode hubArgs = results.putObject("hub_extra_settings");
        o.hubArgs().forEach(hubArgs::put);
        results.put("work_dir", work.toString());
        log("work folder %s; load average %s", work, Machine.loadAverage());

        try (Sink sink = new Sink(16)) {
            results.put("sink", "JDK HttpServer, 16 threads, in the benchmark JVM, loopback");
            phase("baselines", () -> baselines());
            if (o.only().contains("b1")) {
                phase("b1", () -> b1(sink));
            }
            if (o.only().contains("b2")) {
                phase("b2", () -> b2(sink));
            }
            if (o.ablationSize() > 0) {
                phase("b2-ablation", () -> ablation(sink));
            }
            if (o.only().contains("b3")) {
                phase("b3", this::b3);
            }
            if (o.only().contains("b4")) {
                phase("b4", () -> b4(sink));
            }
            if (o.only().contains("b5") || o.variants()) {
                phase("b5", () -> b5(sink));
            }
        }
        results.put("load_average_end", Machine.loadAverage());
        results.put("total_seconds", Math.round((System.nanoTime() - started) / 1e8) / 10.0);
        results.set("details", details);
        results.set("notes", notes);
        Files.createDirectories(o.out().getParent());
        Files.writeString(o.out(), Hub.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results) + "\n");
        printTable();
        log("wrote %s (%.0f s in all)", o.out(), (System.nanoTime() - started) / 1e9);
        return 0;
    }

    interface Phase {
        void run() throws Exception;
    }

    private void phase(String name, Phase phase) {
        log("== %s (load average %s)", name, Machine.loadAverage());
        long t0 = System.nanoTime();
        try {
            phase.run();
        } catch (Exception | Error e) {
            log("!! %s failed: %s", name, e);
            e.printStackTrace();
            notes.add(name + " failed: " + e);
        }
        log("== %s done in %.0f s", name, (System.nanoTime() - t0) / 1e9);
    }

    // ---------------------------------------------------------------- baselines

    private void baselines() throws Exception {
        ObjectNode b = details.putObject("baselines");
        Histogram fsync = DiskSync.measure(work.resolve("fsync"), o.fsyncIterations());
        b.set("fdatasync_ms", summary(fsync));
        results.put("b1_fsync_p50_ms", ms(fsync.getValueAtPercentile(50)));
        results.put("b1_fsync_p99_ms", ms(fsync.getValueAtPercentile(99)));
        log("fdatasync 4 KiB: p50 %.2f ms, p99 %.2f ms (%d)", ms(fsync.getValueAtPercentile(50)),
                ms(fsync.getValueAtPercentile(99)), fsync.getTotalCount());
        List<Pushes.Push> pushes = Pushes.generate(900, o.sendIterations() + 200);
        bareSend(b, pushes, null, "artemis_durable_send_ms", "");
        // What the journal's batching window costs a lone sender: the same with a 0.5 ms window (AIO's default).
        bareSend(b, pushes, 500_000, "artemis_durable_send_500us_window_ms", "_500us_window");
    }

    private void bareSend(ObjectNode b, List<Pushes.Push> pushes, Integer bufferTimeoutNanos, String detail,
                          String keySuffix) throws Exception {
        try (BareBroker broker = new BareBroker(work.resolve("bare-broker-send" + keySuffix), bufferTimeoutNanos)) {
            Histogram send = broker.sendLatency(pushes, 200);
            ObjectNode n = summary(send);
            n.put("journal_nio_buffer_timeout_ns", broker.nioBufferTimeoutNanos());
            b.set(detail, n);
            results.put("b1_artemis_send_p50_ms" + keySuffix, ms(send.getValueAtPercentile(50)));
            results.put("b1_artemis_send_p99_ms" + keySuffix, ms(send.getValueAtPercentile(99)));
            log("bare durable Artemis send (one producer, closed loop, NIO buffer timeout %d ns%s): p50 %.2f ms, "
                    + "p99 %.2f ms", broker.nioBufferTimeoutNanos(), bufferTimeoutNanos == null ? ", Artemis's default" : " as the hub",
                    ms(send.getValueAtPercentile(50)), ms(send.getValueAtPercentile(99)));
        }
    }

    // ---------------------------------------------------------------- B1

    private void b1(Sink sink) throws Exception {
        ObjectNode b1 = details.putObject("b1_intake_ack_latency");
        b1.put("method", "open loop: request i due at start + i/rate, latency from the due time to the PIA ack "
                + "(HTTP 200, status 1, after the broker journal sync); " + o.b1Seconds() + " s per rate after a "
                + "warm-up (a burst of " + o.b1Warmup() + " pushes, 16 in flight, all delivered: JIT, pools, "
                + "connections); the hub converts and delivers everything to the sink meanwhile; the backlog is "
                + "drained between rates");
        int warm = o.b1Warmup();
        int total = warm;
        for (double r : o.rates()) {
            total += (int) (r * o.b1Seconds());
        }
        List<Pushes.Push> pushes = Pushes.generate(1, total);
        sink.reset();
        sink.mode(Sink.Mode.ACCEPT);
        try (Hub hub = startHub("b1", Hub.sinkSettings(sink.baseUrl()), o.hubJvm(), true);
             OssClient client = new OssClient(hub.port(), 16)) {
            b1.put("ready_s", hub.readySeconds());
            int from = 0;
            client.burst(pushes.subList(0, warm), 16);
            from += warm;
            drain(sink, from, Duration.ofMinutes(2));
            ArrayNode runs = b1.putArray("rates");
            for (double rate : o.rates()) {
                int n = (int) (rate * o.b1Seconds());
                String load = Machine.loadAverage();
                OssClient.OpenLoopResult r = client.openLoop(pushes.subList(from, from + n), rate);
                from += n;
                ObjectNode run = runs.addObject();
                run.put("rate_per_s", rate);
                run.put("requests", r.sent());
                run.put("acked", r.acked());
                run.put("errors", r.errors());
                run.put("achieved_rate_per_s", round(r.sent() / r.seconds(), 1));
                run.put("client_max_schedule_lag_ms", ms(r.maxLagNanos()));
                run.set("ack_latency_ms", summary(r.latency()));
                run.set("slowest", slowest(r));
                run.put("load_average", load);
                long caughtUp = drain(sink, from, Duration.ofMinutes(3));
                run.put("delivered_after_drain", caughtUp);
                int ir = (int) rate;
                results.put("b1_p50_ms_at_" + ir, ms(r.latency().getValueAtPercentile(50)));
                results.put("b1_p95_ms_at_" + ir, ms(r.latency().getValueAtPercentile(95)));
                results.put("b1_p99_ms_at_" + ir, ms(r.latency().getValueAtPercentile(99)));
                results.put("b1_max_ms_at_" + ir, ms(r.latency().getMaxValue()));
                results.put("b1_errors_at_" + ir, r.errors());
                log("B1 %3.0f req/s: p50 %.1f p95 %.1f p99 %.1f max %.1f ms; %d/%d acked; load %s", rate,
                        ms(r.latency().getValueAtPercentile(50)), ms(r.latency().getValueAtPercentile(95)),
                        ms(r.latency().getValueAtPercentile(99)), ms(r.latency().getMaxValue()), r.acked(), r.sent(), load);
            }
            // The same HTTP path without the broker: pushes with a wrong token are refused in the intake
            // route's first bean (JSON read, token checked, PIA error written), before any send. At the first
            // rate, so the difference to its accepted pushes is the send, its journal sync and the ack.
            double floorRate = o.rates()[0];
            int floorN = (int) (floorRate * o.b1Seconds());
            List<Pushes.Push> refused = Pushes.generate(2, floorN).stream()
                    .map(p -> new Pushes.Push(p.body(), p.nib(), "wrong-token")).toList();
            OssClient.OpenLoopResult floor = client.openLoop(refused, floorRate, OssClient::refused);
            ObjectNode floorRun = b1.putObject("refused_before_broker");
            floorRun.put("method", "open loop at " + floorRate + " req/s, same client and hub, pushes with a wrong "
                    + "token: HTTP, the intake route and its first bean (JSON read, token checked), a PIA 401; no "
                    + "broker send");
            floorRun.put("requests", floor.sent());
            floorRun.put("refused_as_expected", floor.acked());
            floorRun.set("latency_ms", summary(floor.latency()));
            floorRun.set("slowest", slowest(floor));
            results.put("b1_refused_rate_per_s", floorRate);
            results.put("b1_refused_p50_ms", ms(floor.latency().getValueAtPercentile(50)));
            results.put("b1_refused_p99_ms", ms(floor.latency().getValueAtPercentile(99)));
            log("B1 %3.0f req/s refused before the broker: p50 %.1f p99 %.1f max %.1f ms; %d/%d refused as expected",
                    floorRate, ms(floor.latency().getValueAtPercentile(50)), ms(floor.latency().getValueAtPercentile(99)),
                    ms(floor.latency().getMaxValue()), floor.acked(), floor.sent());
            // B5: idle footprint of a hub that has worked (warm JIT, pools filled), after a full GC.
            Thread.sleep(3_000);
            hub.jcmd("GC.run");
            Thread.sleep(2_000);
            results.put("b5_rss_idle_mib", round(hub.rssMiB(), 1));
            ObjectNode b5 = details.withObjectProperty("b5_footprint");
            b5.put("rss_idle_mib", round(hub.rssMiB(), 1));
            b5.put("rss_idle_method", "VmRSS of the B1 hub after B1 (" + from + " permits delivered), 3 s idle, "
                    + "jcmd GC.run, 2 s");
            b5.put("hub_vm_flags", hub.vmFlags());
            b5.put("heap_after_gc", hub.jcmd("GC.heap_info").strip());
        }
    }

    /** The slowest requests of an open loop by due time (UTC), to find them in the hub's GC log or JFR recording. */
    private static ArrayNode slowest(OssClient.OpenLoopResult r) {
        ArrayNode list = Hub.JSON.createArrayNode();
        for (OssClient.Slow s : r.slowest()) {
            list.addObject().put("due", s.due().toString()).put("ms", ms(s.latencyNanos()))
                    .put("sent_late_ms", ms(s.sendLagNanos()));
        }
        return list;
    }

    /** Waits until the sink holds {@code expected} distinct registrations; returns how many it holds. */
    private long drain(Sink sink, long expected, Duration limit) throws InterruptedException {
        waitUntil(() -> sink.distinctAccepted() >= expected, limit, 50);
        return sink.distinctAccepted();
    }

    // ---------------------------------------------------------------- B2

    private void b2(Sink sink) throws Exception {
        ObjectNode b2 = details.putObject("b2_end_to_end");
        b2.put("method", "a burst of distinct receiveNIB pushes (one permit each) sent as fast as the hub acks, "
                + o.inFlight() + " in flight; done when the sink holds every permit (distinct Idempotency-Key) and "
                + "simpul_messages_total{outcome=delivered} counts them all (ledger DELIVERED); capped at "
                + o.b2Cap().toSeconds() + " s, after which the rate is what was delivered by then. Raw: durable "
                + "Artemis send by " + o.inFlight() + " producers, 8 transacted consumers (as the hub's "
                + "delivery.consumers) each POST once to the same sink and commit; same payloads, same sink");
        List<Pushes.Push> pushes = Pushes.generate(2, o.b2Size());
        if (o.wireMockSize() > 0) {
            ObjectNode wm = b2.putObject("wiremock_comparison");
            List<Pushes.Push> some = pushes.subList(0, Math.min(o.wireMockSize(), pushes.size()));
            try (Hub hub = startHub("b2-wiremock", Hub.wireMockSettings(), o.hubJvm(), true);
                 OssClient client = new OssClient(hub.port(), 16)) {
                Burst burst = burst(hub, client, some, null, "delivered", o.b2Cap());
                burst.write(wm);
                results.put("b2_wiremock_permits_per_s", round(burst.perSecond(), 1));
                results.put("b2_wiremock_size", burst.done);
                log("B2 against the WireMock simulator: %d permits in %.1f s = %.0f/s", burst.done, burst.seconds,
                        burst.perSecond());
            }
            // The same pushes to the sink, through a fresh hub as well: the fair comparison.
            sink.reset();
            sink.mode(Sink.Mode.ACCEPT);
            try (Hub hub = startHub("b2-sink-small", Hub.sinkSettings(sink.baseUrl()), o.hubJvm(), true);
                 OssClient client = new OssClient(hub.port(), 16)) {
                Burst burst = burst(hub, client, some, sink::distinctAccepted, "delivered", o.b2Cap());
                burst.write(wm.putObject("same_pushes_to_the_sink"));
                results.put("b2_sink_same_size_per_s", round(burst.perSecond(), 1));
                log("B2 the same %d permits to the sink: %.1f s = %.0f/s", burst.done, burst.seconds, burst.perSecond());
            }
        }
        sink.reset();
        sink.mode(Sink.Mode.ACCEPT);
        Path jfr = work.resolve("b2-hub.jfr");
        // --profile: JFR runs from the hub's launch, CPU samples and GC pauses only (bench/cpu-samples.jfc), and the
        // summary keeps the burst's samples. Starting JFR in the running hub instead (jcmd JFR.start) deoptimised its
        // compiled code: a warm burst then cost 14 to 16 ms of CPU per permit instead of 9, so B2 measured the
        // profiler. Recording from launch costs nothing measurable (9.2 against 9.0 ms).
        List<String> jvm = profiledJvm(jfr);
        Burst burst;
        Instant profileFrom;
        Instant profileTo;
        try (Hub hub = startHub("b2", Hub.sinkSettings(sink.baseUrl()), jvm, !o.profile());
             OssClient client = new OssClient(hub.port(), 16)) {
            b2.put("ready_s", hub.readySeconds());
            // Warmed up first, as B1 is: a regency's hub has been running when a burst comes, and on 2 cores the
            // JIT needs a few thousand permits to compile the hot path (measured: 2.3 ms of compiler CPU per permit
            // still in the first 6,000). The warm-up permits are distinct from the burst's and not counted.
            int warm = b2Warmup();
            if (warm > 0) {
                burst(hub, client, Pushes.generate(22, warm), sink::distinctAccepted, "delivered", o.b2Cap());
                sink.reset();
                sink.mode(Sink.Mode.ACCEPT);
                b2.put("warmup_permits", warm);
                log("B2 warm-up: %d permits", warm);
            }
            profileFrom = Instant.now();
            burst = burst(hub, client, pushes, sink::distinctAccepted, "delivered", o.b2Cap());
            profileTo = Instant.now();
            burst.write(b2);
            b2.put("sink_requests", sink.requests());
            b2.put("sink_distinct", sink.distinctAccepted());
            results.put("b2_permits", burst.done);
            results.put("b2_complete", burst.complete);
            results.put("b2_permits_per_s", round(burst.perSecond(), 1));
            results.put("b2_acks_per_s", round(burst.acked / burst.ackSeconds, 1));
            results.put("b2_hub_cpu_ms_per_permit", round(burst.cpuMsPerPermit(), 3));
            results.put("b5_rss_load_mib", round(burst.rssMaxMiB, 1));
            details.withObjectProperty("b5_footprint").put("rss_under_b2_max_mib", round(burst.rssMaxMiB, 1));
            log("B2 hub: %d of %d permits delivered in %.1f s = %.0f/s end to end (acks %.0f/s); RSS max %.0f MiB",
                    burst.done, pushes.size(), burst.seconds, burst.perSecond(), burst.acked / burst.ackSeconds,
                    burst.rssMaxMiB);
            if (o.profile()) {
                hub.jcmd("JFR.dump", "name=bench", "filename=" + jfr);
            }
        }
        summariseProfile("b2", jfr, profileFrom, profileTo);
        try (BareBroker broker = new BareBroker(work.resolve("bare-broker-raw"))) {
            String load = Machine.loadAverage();
            BareBroker.RawResult raw = broker.rawPipeline(pushes, o.inFlight(), 8, sink, o.b2Cap());
            ObjectNode r = pipeline(b2, "raw", raw.messages(), raw.delivered(), raw.seconds(), load);
            r.put("send_seconds", round(raw.sendSeconds(), 2));
            r.put("http_errors", raw.httpErrors());
            results.put("b2_raw_per_s", round(raw.perSecond(), 1));
            results.put("b2_ratio_to_raw", round(burst.perSecond() / raw.perSecond(), 3));
        }
        // The hub's shape without its work (HTTP in, ack after a durable send, a second durable hop, POST out):
        // how far from the raw pipeline the design itself stands before any mapping, matching or ledger.
        try (BareBroker broker = new BareBroker(work.resolve("bare-broker-shape"))) {
            String load = Machine.loadAverage();
            ShapePipeline.Result shape = ShapePipeline.run(broker, pushes, o.inFlight(), 4, 8, sink, o.b2Cap());
            pipeline(b2, "shape", shape.messages(), shape.delivered(), shape.seconds(), load)
                    .put("ack_seconds", round(shape.ackSeconds(), 2));
            double rawRate = results.path("b2_raw_per_s").asDouble();
            results.put("b2_shape_per_s", round(shape.perSecond(), 1));
            results.put("b2_shape_ratio_to_raw", round(shape.perSecond() / rawRate, 3));
            results.put("b2_ratio_to_shape", round(burst.perSecond() / shape.perSecond(), 3));
        }
    }

    /** Records a baseline pipeline's run under {@code details.b2.<name>_pipeline}, logs it, notes a cap. */
    private ObjectNode pipeline(ObjectNode b2, String name, int messages, long delivered, double seconds, String load) {
        ObjectNode r = b2.putObject(name + "_pipeline");
        boolean complete = delivered >= messages;
        r.put("messages", messages);
        r.put("delivered", delivered);
        r.put("complete", complete);
        r.put("seconds", round(seconds, 2));
        r.put("per_s", round(delivered / seconds, 1));
        r.put("load_average", load);
        log("B2 %s pipeline: %d of %d in %.1f s = %.0f/s", name, delivered, messages, seconds, delivered / seconds);
        if (!complete) {
            notes.add("B2 " + name + " pipeline capped at " + o.b2Cap().toSeconds() + " s: " + delivered + " of "
                    + messages + " delivered by then; the rate is over those");
        }
        return r;
    }

    /** The hub's JVM flags, with --profile also JFR from launch into {@code jfr}. */
    private List<String> profiledJvm(Path jfr) {
        List<String> jvm = new ArrayList<>(o.hubJvm());
        if (o.profile()) {
            jvm.add("-XX:StartFlightRecording=name=bench,settings=" + jfc() + ",filename=" + jfr);
        }
        return jvm;
    }

    /** With --profile: the samples of [from, to] summarised into details.profile_NAME and NAME-profile.json. */
    private void summariseProfile(String name, Path jfr, Instant from, Instant to) throws IOException {
        if (!o.profile() || !Files.isRegularFile(jfr)) {
            return;
        }
        ObjectNode profile = JfrSummary.summarise(jfr, 25, from, to);
        details.set("profile_" + name, profile);
        Path out = work.resolve(name + "-profile.json");
        Files.writeString(out, Hub.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(profile));
        log("JFR summary in %s", out);
    }

    /** The JFR settings of the profiles: CPU samples and GC pauses only. */
    private String jfc() {
        return o.root().resolve("bench/cpu-samples.jfc").toString();
    }

    /** Permits pushed through the B2 hub before its burst: a tenth of the burst, at most 5,000. */
    private int b2Warmup() {
        return Math.min(5_000, o.b2Size() / 10);
    }

    /**
     * What some settings cost: the same burst (N distinct permits, to the sink) through a fresh hub per
     * variant, the shipped settings first. Settings only, no code changes.
     */
    private void ablation(Sink sink) throws Exception {
        ObjectNode ab = details.putObject("b2_ablation");
        ab.put("method", "B2 burst of " + o.ablationSize() + " permits per variant after a warm-up burst, fresh hub "
                + "each, capped at " + o.b2Cap().toSeconds() + " s; hub settings only. hub_cpu_ms_per_permit (the hub "
                + "process's own CPU time per permit) is the figure that other load on the machine disturbs least");
        java.util.Map<String, java.util.Map<String, String>> variants = new java.util.LinkedHashMap<>();
        variants.put("as shipped", java.util.Map.of());
        variants.put("intake consumers 2 (shipped: 4)", java.util.Map.of("simpul.intake.consumers", "2"));
        variants.put("intake consumers 8 (shipped: 4)", java.util.Map.of("simpul.intake.consumers", "8"));
        variants.put("journal window 3.3 ms, Artemis default (shipped: 0.5 ms)",
                java.util.Map.of("simpul.broker.journal-buffer-timeout", "3333333ns"));
        variants.put("hub's per-message INFO logs off", java.util.Map.of("logging.level.id.simpul", "WARN"));
        List<Pushes.Push> pushes = Pushes.generate(3, o.ablationSize());
        int warm = Math.min(2_000, o.ablationSize() / 2);
        List<Pushes.Push> warmup = Pushes.generate(33, warm);
        ab.put("warmup_permits", warm);
        ArrayNode rows = ab.putArray("variants");
        for (var v : variants.entrySet()) {
            if (rows.size() >= o.ablationVariants()) {
                break;
            }
            sink.reset();
            sink.mode(Sink.Mode.ACCEPT);
            java.util.Map<String, String> settings = new java.util.LinkedHashMap<>(Hub.sinkSettings(sink.baseUrl()));
            settings.putAll(v.getValue());
            try (Hub hub = startHub("ablation-" + rows.size(), settings, o.hubJvm(), false);
                 OssClient client = new OssClient(hub.port(), 16)) {
                // Warm up first (JIT, pools), so the variants compare steady-state cost.
                burst(hub, client, warmup, sink::distinctAccepted, "delivered", o.b2Cap());
                sink.reset();
                Burst burst = burst(hub, client, pushes, sink::distinctAccepted, "delivered", o.b2Cap());
                ObjectNode row = rows.addObject();
                row.put("variant", v.getKey());
                row.set("settings", Hub.JSON.valueToTree(v.getValue()));
                burst.write(row);
                log("B2 ablation %-40s %6.0f permits/s end to end, acks %6.0f/s, hub CPU %.2f ms/permit, load %s",
                        v.getKey(), burst.perSecond(), burst.acked / burst.ackSeconds, burst.cpuMsPerPermit(), burst.load);
            }
        }
    }

    /** What a burst achieved. */
    private static final class Burst {
        int pushes;
        long done;
        long acked;
        double seconds;
        double ackSeconds;
        long resent;
        boolean complete;
        double rssMaxMiB;
        double cpuSeconds;
        java.util.Map<String, Double> cpuByKind = java.util.Map.of();
        String load;
        /** How the whole machine's CPU went over the window; null where /proc/stat could not be read. */
        ObjectNode machineCpu;

        /** The hub's CPU time per permit done (intake, conversion, delivery; other processes excluded). */
        double cpuMsPerPermit() {
            return done == 0 ? Double.NaN : cpuSeconds * 1000 / done;
        }

        double perSecond() {
            return done / seconds;
        }

        void write(ObjectNode n) {
            n.put("pushes", pushes);
            n.put("permits_done", done);
            n.put("complete", complete);
            n.put("seconds", round(seconds, 2));
            n.put("permits_per_s", round(perSecond(), 1));
            n.put("acked", acked);
            n.put("ack_seconds", round(ackSeconds, 2));
            n.put("acks_per_s", round(acked / ackSeconds, 1));
            n.put("not_acked_resent", resent);
            n.put("rss_max_mib", round(rssMaxMiB, 1));
            n.put("hub_cpu_seconds", round(cpuSeconds, 2));
            n.put("hub_cpu_ms_per_permit", round(cpuMsPerPermit(), 3));
            ObjectNode kinds = n.putObject("hub_cpu_ms_per_permit_by_thread_kind");
            cpuByKind.forEach((k, v) -> kinds.put(k, done == 0 ? Double.NaN : round(v * 1000 / done, 3)));
            n.put("load_average", load);
            // The whole machine over the window (the hub, the benchmark's client and sink, anything else): a hub
            // slow in one run and not the next may show here as steal or as more of the CPU busy (twenty-sixth pass).
            if (machineCpu != null) {
                n.set("machine_cpu_pct", machineCpu);
            }
        }
    }

    /**
     * Pushes everything as fast as acked and waits until {@code outcome} (delivered, dead_lettered) counts
     * every push in the hub's metrics. {@code fast}, when given, is an in-process count that is polled
     * instead of the hub until it reaches the size. At {@code cap} the pushing stops and the rate is what
     * was done by then (complete=false). Samples the hub's RSS every second.
     */
    private Burst burst(Hub hub, OssClient client, List<Pushes.Push> pushes, LongSupplier fast, String outcome,
                        Duration cap) throws Exception {
        Burst b = new Burst();
        b.load = Machine.loadAverage();
        b.pushes = pushes.size();
        int n = pushes.size();
        double before = hub.messages(outcome);
        double cpuBefore = hub.cpuSeconds();
        java.util.Map<String, Double> kindsBefore = hub.cpuByKind();
        Machine.CpuTicks machineBefore = Machine.CpuTicks.now();
        OssClient.Progress progress = new OssClient.Progress();
        OssClient.BurstResult[] acked = new OssClient.BurstResult[1];
        long start = System.nanoTime();
        Thread pusher = new Thread(() -> {
            try {
                acked[0] = client.burst(pushes, o.inFlight(), progress);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "burst");
        pusher.start();
        long deadline = start + cap.toNanos();
        long lastRss = 0;
        long lastLog = start;
        long done = 0;
        while (System.nanoTime() < deadline && hub.alive()) {
            long now = System.nanoTime();
            if (now - lastRss > 1_000_000_000L) {
                b.rssMaxMiB = Math.max(b.rssMaxMiB, hub.rssMiB());
                lastRss = now;
            }
            boolean fastDone = fast != null && fast.getAsLong() >= n;
            if (fast == null || fastDone) {
                done = (long) (hub.messages(outcome) - before);
                if (done >= n) {
                    b.complete = true;
                    break;
                }
            }
            // The in-process count is free to read, so it is polled often; a scrape of the hub costs it CPU
            // (at every 20 ms it was 1.3 % of the burst's samples, all in the last seconds), so not faster than 100 ms.
            Thread.sleep(fast == null ? 250 : fastDone ? 100 : 20);
            if (now - lastLog > 15_000_000_000L) {
                lastLog = now;
                log("  … %.0f s: %d acked, %d %s, load %s", (now - start) / 1e9, progress.acked(),
                        fast != null ? fast.getAsLong() : done, outcome, Machine.loadAverage());
            }
        }
        b.seconds = (System.nanoTime() - start) / 1e9;
        b.cpuSeconds = hub.cpuSeconds() - cpuBefore;
        b.machineCpu = Machine.CpuTicks.shares(machineBefore, Machine.CpuTicks.now());
        java.util.Map<String, Double> kinds = new java.util.LinkedHashMap<>(hub.cpuByKind());
        kinds.replaceAll((k, v) -> v - kindsBefore.getOrDefault(k, 0.0));
        b.cpuByKind = kinds;
        if (!b.complete) {
            progress.cancel();
            done = (long) (hub.messages(outcome) - before);
            notes.add("burst of " + n + " capped at " + cap.toSeconds() + " s: " + done + " " + outcome
                    + " by then (hub alive: " + hub.alive() + "); the rate is over that part");
        }
        b.done = done;
        pusher.join(TimeUnit.MINUTES.toMillis(2));
        if (acked[0] != null) {
            b.ackSeconds = acked[0].ackSeconds();
            b.resent = acked[0].resent();
        }
        b.acked = progress.acked();
        return b;
    }

    // ---------------------------------------------------------------- B3

    private void b3() throws Exception {
        Path script = o.root().resolve("bench/applicant/run.sh");
        // The committed figures only from a run that writes the committed results: a --quick run (20,000
        // applicants) or one written elsewhere keeps its B3 file in its work folder.
        Path file = o.out().equals(o.root().resolve("bench/results/latest.json"))
                ? o.root().resolve("bench/results/applicant.json") : work.resolve("applicant.json");
        if (!Files.isRegularFile(script)) {
            notes.add("B3: bench/applicant/run.sh is not in this tree yet; b3_* recorded as null");
            results.putNull("b3_heap_max_mib");
            return;
        }
        // The script's own interface: registry size as its argument (default 1,000,000), QUERIES in the
        // environment. --quick uses a small registry, so its b3_*_at_1m figures are not at 1M.
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        if (o.quick()) {
            command.add("20000");
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory(o.root().toFile())
                .redirectErrorStream(true).redirectOutput(work.resolve("b3-applicant.log").toFile());
        pb.environment().put("OUT", file.toString());
        if (o.quick()) {
            pb.environment().put("QUERIES", "500");
            notes.add("B3 (--quick): registry of 20,000, not 1,000,000");
        }
        Process p = pb.start();
        if (!p.waitFor(o.quick() ? 5 : 20, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            notes.add("B3: bench/applicant/run.sh did not finish in time; see " + work.resolve("b3-applicant.log"));
            return;
        }
        if (p.exitValue() != 0 || !Files.isRegularFile(file)) {
            notes.add("B3: bench/applicant/run.sh exited " + p.exitValue() + (Files.isRegularFile(file) ? "" : " without "
                    + file) + "; see " + work.resolve("b3-applicant.log"));
            return;
        }
        JsonNode applicant = Hub.JSON.readTree(file.toFile());
        applicant.fields().forEachRemaining(e -> {
            if (e.getKey().startsWith("b3_")) {
                results.set(e.getKey(), e.getValue());
            }
        });
        details.set("b3_applicant_matching", applicant);
        log("B3 from %s: match p99 %s ms at 1M, batch %s records/s", file, applicant.path("b3_match_p99_ms_at_1m"),
                applicant.path("b3_batch_records_per_s"));
    }

    // ---------------------------------------------------------------- B4

    private void b4(Sink sink) throws Exception {
        ObjectNode b4 = details.putObject("b4_replay");
        b4.put("method", "the sink answers 422 (permanent) while distinct pushes go through the hub, so each permit "
                + "becomes a dead letter; pushed in chunks of " + DL_CHUNK + " with at most two chunks not yet "
                + "dead-lettered, so the hub's backlog stays small, until all are dead letters or "
                + o.b4Cap().toSeconds() + " s have passed; then the sink accepts again and POST "
                + "/api/v1/dead-letters/replay (admin) replays every waiting dead letter; done when the sink holds "
                + "them all and the delivered counter counts them (capped at " + o.b4Cap().toSeconds() + " s). The "
                + "hub's replay rate limit is its default (simpul.reconciliation.replay-rate, 2000/s)");
        List<Pushes.Push> pushes = Pushes.generate(4, o.b4Size());
        sink.reset();
        sink.mode(Sink.Mode.REJECT);
        // --profile: as B2's (from launch), and the summary keeps the replay's samples, from the replay request
        // until all replays are delivered: the endpoint's thread is counted as "intake" (an http-nio thread).
        Path jfr = work.resolve("b4-hub.jfr");
        List<String> jvm = profiledJvm(jfr);
        Instant profileFrom;
        Instant profileTo;
        try (Hub hub = startHub("b4", Hub.sinkSettings(sink.baseUrl()), jvm, !o.profile());
             OssClient client = new OssClient(hub.port(), 16)) {
            b4.put("ready_s", hub.readySeconds());
            Burst made = deadLetter(hub, client, pushes, sink);
            ObjectNode m = b4.putObject("dead_lettering");
            made.write(m);
            long letters = (long) messages(hub, "dead_lettered");
            log("B4: %d dead letters (%.0f/s while pushing)", letters, made.perSecond());
            sink.reset();
            sink.mode(Sink.Mode.ACCEPT);
            double before = hub.messages("delivered");
            String load = Machine.loadAverage();
            profileFrom = Instant.now();
            long r0 = System.nanoTime();
            JsonNode answer = hub.postAsAdmin("/api/v1/dead-letters/replay", o.waitLimit());
            double endpointWall = (System.nanoTime() - r0) / 1e9;
            long replayed = answer.path("replayed").asLong();
            double serverSeconds = answer.path("seconds").asDouble();
            long deadline = r0 + o.b4Cap().toNanos();
            boolean delivered = waitUntil(() -> sink.distinctAccepted() >= replayed
                    && messages(hub, "delivered") - before >= replayed,
                    Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), 20);
            double e2e = (System.nanoTime() - r0) / 1e9;
            profileTo = Instant.now();
            long deliveredCount = (long) (messages(hub, "delivered") - before);
            b4.put("dead_letters", letters);
            b4.put("replayed", replayed);
            b4.put("replay_endpoint_seconds", serverSeconds);
            b4.put("replay_endpoint_wall_seconds", round(endpointWall, 2));
            b4.put("replay_endpoint_per_s", round(replayed / serverSeconds, 1));
            b4.put("delivered_after_replay", deliveredCount);
            b4.put("all_delivered", delivered);
            b4.put("replay_end_to_end_seconds", round(e2e, 2));
            b4.put("replay_end_to_end_per_s", round(deliveredCount / e2e, 1));
            b4.put("load_average", load);
            results.put("b4_dead_letters", replayed);
            results.put("b4_replays_per_s", round(replayed / serverSeconds, 1));
            results.put("b4_replay_end_to_end_per_s", round(deliveredCount / e2e, 1));
            results.put("b4_replay_end_to_end_s", round(e2e, 2));
            results.put("b4_all_delivered", delivered);
            log("B4: replay endpoint put %d back in %.1f s (%.0f/s); %d delivered after %.1f s (%.0f/s end to end)",
                    replayed, serverSeconds, replayed / serverSeconds, deliveredCount, e2e, deliveredCount / e2e);
            if (!delivered) {
                notes.add("B4: " + deliveredCount + " of " + replayed + " replayed dead letters delivered within "
                        + o.b4Cap().toSeconds() + " s; the end-to-end rate is over those");
            }
            if (o.profile()) {
                hub.jcmd("JFR.dump", "name=bench", "filename=" + jfr);
            }
        }
        summariseProfile("b4", jfr, profileFrom, profileTo);
    }

    static final int DL_CHUNK = 2_000;
    /** How often B4's chunk gate scrapes the hub: far below a chunk's time, far above a scrape's. */
    static final long GATE_POLL_MILLIS = 500;

    /**
     * Makes dead letters at the rate the hub can: chunks of pushes, never more than two chunks ahead of
     * the dead letters recorded, until all are dead letters or the cap has passed; then waits (bounded)
     * for the last chunks, so no backlog is left to mix with the replay.
     */
    private Burst deadLetter(Hub hub, OssClient client, List<Pushes.Push> pushes, Sink sink) throws Exception {
        Burst b = new Burst();
        b.load = Machine.loadAverage();
        b.pushes = pushes.size();
        double before = hub.messages("dead_lettered");
        double cpuBefore = hub.cpuSeconds();
        Machine.CpuTicks machineBefore = Machine.CpuTicks.now();
        long start = System.nanoTime();
        long deadline = start + o.b4Cap().toNanos();
        int pushed = 0;
        long ackNanos = 0;
        while (pushed < pushes.size() && System.nanoTime() < deadline) {
            int until = pushed;
            // Every reading is a full Prometheus scrape of the hub, so the gate reads twice a second: the hub has
            // a chunk or two (many seconds) of work queued meanwhile, and scrapes at 20/s were the hub's CPU, not
            // the dead-lettering's (a real Prometheus scrapes every 15 s or so).
            waitUntil(() -> messages(hub, "dead_lettered") - before >= until - DL_CHUNK,
                    Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), GATE_POLL_MILLIS);
            if (System.nanoTime() >= deadline) {
                break;
            }
            List<Pushes.Push> chunk = pushes.subList(pushed, Math.min(pushes.size(), pushed + DL_CHUNK));
            OssClient.BurstResult r = client.burst(chunk, o.inFlight());
            ackNanos += (long) (r.ackSeconds() * 1e9);
            b.acked += r.acked();
            b.resent += r.resent();
            pushed += chunk.size();
            b.rssMaxMiB = Math.max(b.rssMaxMiB, hub.rssMiB());
        }
        long expected = b.acked;
        boolean all = waitForCount(() -> (long) (messages(hub, "dead_lettered") - before), expected, Duration.ofMinutes(2));
        b.seconds = (System.nanoTime() - start) / 1e9;
        b.ackSeconds = ackNanos / 1e9;
        b.cpuSeconds = hub.cpuSeconds() - cpuBefore;
        b.machineCpu = Machine.CpuTicks.shares(machineBefore, Machine.CpuTicks.now());
        b.done = (long) (messages(hub, "dead_lettered") - before);
        b.complete = all && pushed == pushes.size();
        if (!b.complete) {
            notes.add("B4: " + b.done + " of " + pushes.size() + " pushes dead-lettered within the cap of "
                    + o.b4Cap().toSeconds() + " s (and 2 min for the last chunks); the replay is of those");
        }
        return b;
    }

    private static double messages(Hub hub, String outcome) {
        try {
            return hub.messages(outcome);
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    // ---------------------------------------------------------------- B5

    private void b5(Sink sink) throws Exception {
        ObjectNode b5 = details.withObjectProperty("b5_footprint");
        // Starts of their own, one after the other with nothing else of the run going on. The hubs the other
        // benchmarks start are no measure of this: one runs the WireMock simulators, and some start the moment a
        // hub that has just run a burst has stopped.
        b5.put("ready_method", "process start to /actuator/health UP (broker, store, Camel routes), polled every "
                + "50 ms; " + o.b5Starts() + " starts of their own, one at a time, nothing else of the run going on, "
                + "fresh data folder, simulators off, the hub's default flags (" + String.join(" ", o.hubJvm())
                + "); median. Each is then stopped and started again on the same folder (restart_*: no migrations, "
                + "keys and first admin already there; b5_restart_s)");
        b5.put("baseline_method", "right before each start, a fresh JVM with the same flags starts the bare broker "
                + "of the other baselines (persistent NIO journal, synced, on a fresh folder) and sends one durable message "
                + "(BareStart): its JVM's uptime and CPU seconds at that moment");
        ArrayNode starts = b5.putArray("starts");
        List<Double> ready = new ArrayList<>();
        List<Double> restarts = new ArrayList<>();
        List<Double> bare = new ArrayList<>();
        for (int i = 0; i < o.b5Starts(); i++) {
            String name = "b5-start-" + (i + 1);
            ObjectNode start = starts.addObject();
            double[] baseline = bareStart(work.resolve("bare-start-" + (i + 1)));
            start.put("bare_broker_start_s", round(baseline[0], 2));
            start.put("bare_broker_cpu_s", round(baseline[1], 2));
            bare.add(baseline[0]);
            Machine.CpuTicks before = Machine.CpuTicks.now();
            try (Hub hub = startHub(name, Hub.sinkSettings(sink.baseUrl()), o.hubJvm(), false)) {
                start.put("ready_s", round(hub.readySeconds(), 2));
                start.put("spring_started_s", hub.springStartedSeconds());
                start.put("cpu_s_to_ready", round(hub.cpuSecondsAtReady(), 2));
                start.set("machine_cpu_pct", Machine.CpuTicks.shares(before, Machine.CpuTicks.now()));
                ready.add(hub.readySeconds());
                log("B5 start %d: ready %.1f s, %.1f CPU s to ready (bare broker: %.1f s, %.1f CPU s)", i + 1,
                        hub.readySeconds(), hub.cpuSecondsAtReady(), baseline[0], baseline[1]);
            }
            try (Hub hub = startHub("b5-restart-" + (i + 1), name, Hub.sinkSettings(sink.baseUrl()), o.hubJvm(),
                    jarLaunch(), false)) {
                start.put("restart_ready_s", round(hub.readySeconds(), 2));
                start.put("restart_cpu_s_to_ready", round(hub.cpuSecondsAtReady(), 2));
                restarts.add(hub.readySeconds());
                log("B5 restart %d: ready %.1f s, %.1f CPU s to ready", i + 1, hub.readySeconds(), hub.cpuSecondsAtReady());
            }
        }
        if (!ready.isEmpty()) {
            results.put("b5_ready_s", round(median(ready), 2));
            results.put("b5_restart_s", round(median(restarts), 2));
            results.put("b5_bare_broker_start_s", round(median(bare), 2));
        }
        b5.set("ready_s_other_hubs", otherStarts);
        if (!o.variants()) {
            return;
        }
        ArrayNode variants = b5.putArray("variants");
        Path extracted = work.resolve("extracted");
        Path jsa = work.resolve("simpul.jsa");
        List<String> viaJar = jarLaunch();
        List<String> viaExtracted = List.of("-jar", extracted.resolve("simpul.jar").toString());
        Machine.run(o.root(), Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djarmode=tools", viaJar.get(0), viaJar.get(1), "extract", "--destination", extracted.toString());
        boolean extractedOk = Files.isRegularFile(extracted.resolve("simpul.jar"));
        log("extracted jar: %s", extractedOk ? extracted : "failed");
        record Variant(String name, List<String> launch, List<String> flags) {
        }
        List<Variant> list = new ArrayList<>(List.of(
                new Variant("G1, -Xmx1g (as B1-B4)", viaJar, List.of("-Xmx1g")),
                new Variant("G1, -Xmx512m", viaJar, List.of("-Xmx512m")),
                new Variant("Serial GC, -Xmx512m", viaJar, List.of("-Xmx512m", "-XX:+UseSerialGC")),
                new Variant("Serial GC, -Xmx256m, -Xss512k, MaxMetaspace 192m, code cache 64m", viaJar,
                        List.of("-Xmx256m", "-XX:+UseSerialGC", "-Xss512k", "-XX:MaxMetaspaceSize=192m",
                                "-XX:ReservedCodeCacheSize=64m")),
                new Variant("G1, -Xmx512m, TieredStopAtLevel=1 (C1 only)", viaJar,
                        List.of("-Xmx512m", "-XX:TieredStopAtLevel=1"))));
        if (extractedOk) {
            list.add(new Variant("G1, -Xmx512m, extracted jar", viaExtracted, List.of("-Xmx512m")));
            list.add(new Variant("G1, -Xmx512m, extracted jar + AppCDS archive", viaExtracted,
                    List.of("-Xmx512m", "-XX:SharedArchiveFile=" + jsa)));
        }
        for (Variant v : list) {
            try {
                if (v.flags().stream().anyMatch(f -> f.startsWith("-XX:SharedArchiveFile"))) {
                    // Training run: the dynamic archive is written when this JVM exits.
                    List<String> train = new ArrayList<>(List.of("-Xmx512m", "-XX:ArchiveClassesAtExit=" + jsa));
                    try (Hub hub = startHub("b5-cds-training", Hub.sinkSettings(sink.baseUrl()), train, viaExtracted, false);
                         OssClient client = new OssClient(hub.port(), 8)) {
                        client.burst(Pushes.generate(500, 100), 8);
                        drainDelivered(hub, 100);
                    }
                    if (!Files.isRegularFile(jsa)) {
                        notes.add("B5: AppCDS training run wrote no archive");
                        continue;
                    }
                }
                sink.reset();
                sink.mode(Sink.Mode.ACCEPT);
                try (Hub hub = startHub("b5-" + variants.size(), Hub.sinkSettings(sink.baseUrl()), v.flags(),
                        v.launch(), false); OssClient client = new OssClient(hub.port(), 8)) {
                    client.burst(Pushes.generate(600 + variants.size(), o.quick() ? 50 : 500), 16);
                    drainDelivered(hub, o.quick() ? 50 : 500);
                    Thread.sleep(2_000);
                    hub.jcmd("GC.run");
                    Thread.sleep(2_000);
                    ObjectNode row = variants.addObject();
                    row.put("variant", v.name());
                    row.put("flags", String.join(" ", v.flags()));
                    row.put("ready_s", round(hub.readySeconds(), 2));
                    row.put("spring_started_s", hub.springStartedSeconds());
                    row.put("cpu_s_to_ready", round(hub.cpuSecondsAtReady(), 2));
                    row.put("rss_idle_mib", round(hub.rssMiB(), 1));
                    row.put("load_average", Machine.loadAverage());
                    log("B5 %-60s ready %.1f s, RSS idle %.0f MiB", v.name(), hub.readySeconds(), hub.rssMiB());
                }
            } catch (Exception e) {
                notes.add("B5 variant " + v.name() + " failed: " + e.getMessage());
            }
        }
    }

    private void drainDelivered(Hub hub, int n) throws InterruptedException {
        waitUntil(() -> messages(hub, "delivered") >= n, Duration.ofMinutes(2), 200);
    }

    // ---------------------------------------------------------------- helpers

    /** {@code listed}: its start time goes into B5's list of the other benchmarks' starts (with the default flags). */
    private Hub startHub(String name, java.util.Map<String, String> settings, List<String> jvm, boolean listed)
            throws IOException, InterruptedException {
        return startHub(name, settings, jvm, jarLaunch(), listed);
    }

    /** {@code -jar target/simpul.jar}: the packaged hub as the README starts it. */
    private List<String> jarLaunch() {
        return List.of("-jar", o.root().resolve("target/simpul.jar").toString());
    }

    private Hub startHub(String name, java.util.Map<String, String> settings, List<String> jvm, List<String> launch,
                         boolean listed) throws IOException, InterruptedException {
        return startHub(name, name, settings, jvm, launch, listed);
    }

    /** {@code dataOf}: whose data folder it runs on; the name of an earlier hub makes this a restart. */
    private Hub startHub(String name, String dataOf, java.util.Map<String, String> settings, List<String> jvm,
                         List<String> launch, boolean listed) throws IOException, InterruptedException {
        java.util.Map<String, String> all = new java.util.LinkedHashMap<>(settings);
        all.putAll(o.hubArgs());
        Hub hub = Hub.start(new Hub.Spec(o.root(), launch, jvm, all, work.resolve("data-" + dataOf),
                work.resolve("hub-" + name + ".log")), Duration.ofMinutes(3));
        log("hub %s ready in %.2f s (pid %d, port %d)", name, hub.readySeconds(), hub.pid(), hub.port());
        if (listed && jvm.equals(o.hubJvm()) && launch.equals(jarLaunch())) {
            otherStarts.put(name, round(hub.readySeconds(), 2));
        }
        return hub;
    }

    /** B5's baseline ({@link BareStart}): the JVM's uptime and CPU seconds once its broker took a durable send. */
    private double[] bareStart(Path dir) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(o.hubJvm());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BareStart.class.getName(), dir.toString()));
        Path out = work.resolve(dir.getFileName() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        Hub.keepCallersSettingsOut(builder);
        Process p = builder.start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("bare broker start did not end within 3 minutes; see " + out);
        }
        String ready = Files.readAllLines(out).stream().filter(l -> l.startsWith(BareStart.READY)).findFirst()
                .orElseThrow(() -> new IllegalStateException("bare broker start failed; see " + out));
        String[] f = ready.substring(BareStart.READY.length()).split(" ");
        return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1])};
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * Waits until {@code count} reaches {@code target}, reading it less often while the target is far (a quarter of the
     * time the rate so far says is left, at most {@link #COUNT_POLL_MAX_MILLIS}) and every 50 ms near it: each reading
     * of a hub counter is a full scrape of the hub, and the end is still found to within 50 ms.
     */
    static boolean waitForCount(LongSupplier count, long target, Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        long first = count.getAsLong();
        while (true) {
            long now = count.getAsLong();
            if (now >= target) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            Thread.sleep(Math.min(pollMillisFor(target - now, now - first, System.nanoTime() - start),
                    Math.max(1, left / 1_000_000)));
        }
    }

    static final long COUNT_POLL_MAX_MILLIS = 1_000;

    /** {@code left} still to come, {@code done} so far in {@code elapsedNanos}: a quarter of the time left, within 50 ms..1 s. */
    static long pollMillisFor(long left, long done, long elapsedNanos) {
        if (done <= 0 || elapsedNanos <= 0) {
            return 50;
        }
        double leftMillis = left * (elapsedNanos / 1e6) / done;
        return Math.max(50, Math.min(COUNT_POLL_MAX_MILLIS, (long) (leftMillis / 4)));
    }

    private static boolean waitUntil(BooleanSupplier condition, Duration limit, long pollMillis)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(pollMillis);
        }
        return condition.getAsBoolean();
    }

    static ObjectNode summary(Histogram h) {
        ObjectNode n = Hub.JSON.createObjectNode();
        n.put("count", h.getTotalCount());
        n.put("p50", ms(h.getValueAtPercentile(50)));
        n.put("p90", ms(h.getValueAtPercentile(90)));
        n.put("p95", ms(h.getValueAtPercentile(95)));
        n.put("p99", ms(h.getValueAtPercentile(99)));
        n.put("p999", ms(h.getValueAtPercentile(99.9)));
        n.put("max", ms(h.getMaxValue()));
        n.put("mean", round(h.getMean() / 1e6, 3));
        return n;
    }

    static double ms(double nanos) {
        return round(nanos / 1e6, 3);
    }

    static double round(double v, int digits) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    static void log(String format, Object... args) {
        System.out.printf("[bench %s] %s%n", java.time.LocalTime.now().withNano(0), String.format(format, args));
        System.out.flush();
    }

    private static void cleanOldRuns(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> runs = Files.list(dir)) {
            for (Path run : runs.filter(p -> p.getFileName().toString().startsWith("run-")).toList()) {
                try (Stream<Path> all = Files.walk(run)) {
                    all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    // ---------------------------------------------------------------- table

    private void printTable() {
        row("B1", "ack p50 / p99 / max at 10 req/s", ms3("b1_p50_ms_at_10", "b1_p99_ms_at_10", "b1_max_ms_at_10"), "ms",
                "fdatasync p50/p99 " + v("b1_fsync_p50_ms") + "/" + v("b1_fsync_p99_ms"), "");
        row("B1", "refused, no send: p50 / p99", v("b1_refused_p50_ms") + " / " + v("b1_refused_p99_ms"), "ms",
                "same HTTP path at " + v("b1_refused_rate_per_s") + " req/s", "");
        row("B1", "ack p50 / p99 / max at 50 req/s", ms3("b1_p50_ms_at_50", "b1_p99_ms_at_50", "b1_max_ms_at_50"), "ms",
                "bare Artemis send p50/p99 " + v("b1_artemis_send_p50_ms_500us_window") + "/"
                        + v("b1_artemis_send_p99_ms_500us_window") + " (hub's 0.5 ms window)",
                target("b1_p99_ms_at_50", 20, true));
        row("B1", "ack p50 / p99 / max at 200 req/s", ms3("b1_p50_ms_at_200", "b1_p99_ms_at_200", "b1_max_ms_at_200"),
                "ms", "", target("b1_p99_ms_at_200", 50, true));
        row("B2", "end to end, " + v("b2_permits") + " permits", v("b2_permits_per_s"), "permits/s",
                "raw " + v("b2_raw_per_s") + "/s", target("b2_permits_per_s", 1000, false));
        row("B2", "ratio to raw pipeline", v("b2_ratio_to_raw"), "", "", target("b2_ratio_to_raw", 0.5, false));
        row("B2", "acks (intake only)", v("b2_acks_per_s"), "pushes/s", "", "");
        row("B2", "hub's shape without its work", v("b2_shape_per_s"), "permits/s",
                "ratio to raw " + v("b2_shape_ratio_to_raw") + "; hub/shape " + v("b2_ratio_to_shape"), "");
        row("B2", "against WireMock, " + v("b2_wiremock_size") + " permits", v("b2_wiremock_permits_per_s"),
                "permits/s", "sink, same pushes: " + v("b2_sink_same_size_per_s") + "/s", "");
        row("B3", "match p99 at 1M applicants", v("b3_match_p99_ms_at_1m"), "ms", "", "");
        row("B3", "batch matching", v("b3_batch_records_per_s"), "records/s", "", "");
        row("B4", "replay endpoint, " + v("b4_dead_letters") + " dead letters", v("b4_replays_per_s"), "replays/s", "",
                target("b4_replays_per_s", 1000, false));
        row("B4", "replay until all delivered", v("b4_replay_end_to_end_per_s"), "permits/s", "", "");
        row("B5", "start to ready (median)", v("b5_ready_s"), "s", "bare broker start " + v("b5_bare_broker_start_s") + " s",
                target("b5_ready_s", 15, true));
        row("B5", "restart on the same data (median)", v("b5_restart_s"), "s", "", "");
        row("B5", "RSS idle after work + GC", v("b5_rss_idle_mib"), "MiB", "", target("b5_rss_idle_mib", 768, true));
        row("B5", "RSS max under B2", v("b5_rss_load_mib"), "MiB", "", "");
        int[] w = new int[6];
        String[] header = {"bench", "figure", "value", "unit", "baseline (same run)", "target"};
        table.add(0, header);
        for (String[] r : table) {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder("\n");
        for (int j = 0; j < table.size(); j++) {
            String[] r = table.get(j);
            for (int i = 0; i < r.length; i++) {
                sb.append(String.format("%-" + w[i] + "s", r[i])).append(i < r.length - 1 ? " | " : "\n");
            }
            if (j == 0) {
                for (int i = 0; i < w.length; i++) {
                    sb.append("-".repeat(w[i])).append(i < w.length - 1 ? "-+-" : "\n");
                }
            }
        }
        sb.append("load average: start ").append(results.path("load_average_start").asText()).append(", end ")
                .append(results.path("load_average_end").asText()).append(" (").append(results.path("machine")
                        .path("cores").asInt()).append(" cores)\n");
        notes.forEach(n -> sb.append("note: ").append(n.asText()).append('\n'));
        System.out.print(sb);
    }

    private void row(String... cells) {
        table.add(cells);
    }

    private String v(String key) {
        JsonNode n = results.path(key);
        return n.isMissingNode() || n.isNull() ? "–" : n.asText();
    }

    private String ms3(String a, String b, String c) {
        return v(a) + " / " + v(b) + " / " + v(c);
    }

    private String target(String key, double limit, boolean atMost) {
        JsonNode n = results.path(key);
        String t = (atMost ? "≤ " : "≥ ") + (limit == Math.rint(limit) ? String.valueOf((long) limit) : String.valueOf(limit));
        if (n.isMissingNode() || n.isNull()) {
            return t;
        }
        boolean ok = atMost ? n.asDouble() <= limit : n.asDouble() >= limit;
        return t + (ok ? "  met" : "  MISSED");
    }
}
