package id.simpul.applicant.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import id.simpul.applicant.ApplicantRegistry;
import id.simpul.applicant.MatchSettings;
import id.simpul.applicant.MergeListener;
import id.simpul.applicant.SourceRecord;
import id.simpul.applicant.match.FeatureExtractor;
import id.simpul.applicant.pii.PiiKeys;
import id.simpul.applicant.pii.PiiProtector;
import id.simpul.applicant.store.RegistryStore;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * The applicant offline commands (no hub, no Spring): {@code resolve-applicants}, {@code evaluate},
 * {@code generate-applicants} and {@code bench-applicant-match}. Each returns a process exit code.
 */
public final class ApplicantCommands {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final int CHUNK = 2000;
    /** Exit code for a wrong command line (EX_USAGE). */
    private static final int USAGE = 64;
    private static final int PREPARE_THREADS = 2;

    private final PrintStream out;
    private final PrintStream err;
    /** A store's NIK key by the store's folder; may throw {@link PiiKeys.Unavailable}. */
    private final Function<Path, PiiProtector> keys;

    public ApplicantCommands(PrintStream out, PrintStream err) {
        this(out, err, dir -> PiiKeys.load(System.getenv(), dir));
    }

    /** With the key source the installation requires (the hub's production profile: the environment only). */
    public ApplicantCommands(PrintStream out, PrintStream err, Function<Path, PiiProtector> keys) {
        this.out = out;
        this.err = err;
        this.keys = keys;
    }

    public static int resolveApplicants(String[] args, Function<Path, PiiProtector> keys) {
        return new ApplicantCommands(System.out, System.err, keys).resolve(args);
    }

    public static int evaluate(String[] args, Function<Path, PiiProtector> keys) {
        return new ApplicantCommands(System.out, System.err, keys).evaluateCommand(args);
    }

    public static int generateApplicants(String[] args) {
        return new ApplicantCommands(System.out, System.err).generate(args);
    }

    public static int benchMatch(String[] args, Function<Path, PiiProtector> keys) {
        return new ApplicantCommands(System.out, System.err, keys).bench(args);
    }

    /** The summary of one resolve run. */
    public record Summary(long records, long rejected, long masters, long same, long maybe, long different, long merges,
                          double seconds, double recordsPerSecond, long heapPeakMiB, long liveHeapMiB) {
    }

    // ---- resolve-applicants ----------------------------------------------------------------------------------

    int resolve(String[] args) {
        Map<String, String> opts = parse(args, "resolve-applicants --in applicants.jsonl --out clusters.csv [--store DIR]",
                List.of("in", "out"), "store", "progress-every", "link-threshold", "review-threshold", "merge-threshold",
                "block-cap");
        if (opts == null) {
            return USAGE;
        }
        try (ApplicantStores stores = ApplicantStores.open(opts.containsKey("store") ? Path.of(opts.get("store")) : null)) {
            out.println("store: " + (stores.temporary() ? "temporary " : "") + stores.dir());
            MatchSettings settings = settings(opts);
            Map<String, String> clusters = new LinkedHashMap<>();
            Summary s = resolveInto(stores, Path.of(opts.get("in")), settings, clusters,
                    Long.parseLong(opts.getOrDefault("progress-every", "100000")), Path.of(opts.get("out")));
            out.printf(Locale.ROOT, "done: %d records (%d rejected), %d masters, links SAME %d / MAYBE %d / DIFFERENT %d, "
                            + "%d merges, %d review items, %.1f s, %.0f records/s, heap peak %d MiB%n",
                    s.records(), s.rejected(), s.masters(), s.same(), s.maybe(), s.different(), s.merges(), s.maybe(),
                    s.seconds(), s.recordsPerSecond(), s.heapPeakMiB());
            out.println("wrote " + opts.get("out"));
            out.printf(Locale.ROOT, "heap live after GC %d MiB (registry index, features and id maps for %d records)%n",
                    s.liveHeapMiB(), s.records());
            return s.rejected() > 0 ? 2 : 0;
        } catch (IOException | UncheckedIOException | PiiKeys.Unavailable e) {
            err.println("resolve-applicants failed: " + e.getMessage());
            return 1;
        }
    }

    /** Resolves every record of a JSON-lines file; writes sourceRef,applicantId rows to {@code csv} when given. */
    Summary resolveInto(ApplicantStores stores, Path in, MatchSettings settings, Map<String, String> clusters,
                        long progressEvery, Path csv) throws IOException {
        ApplicantRegistry registry = registry(stores, settings);
        registry.setAutoFlush(false);
        List<String> order = new ArrayList<>();
        long rejected = 0;
        long started = System.nanoTime();
        long nextProgress = progressEvery;
        long waitInput = 0;
        long waitStore = 0;
        long prepCpu;
        // Parsing and normalising (regexes, HMAC, AES) run ahead on worker threads while this thread matches
        // and writes; matching itself stays on one thread so the result does not depend on timing.
        ExecutorService prep = Executors.newFixedThreadPool(PREPARE_THREADS, r -> {
            Thread t = new Thread(r, "applicant-prepare");
            t.setDaemon(true);
            return t;
        });
        try (BufferedReader reader = Files.newBufferedReader(in, StandardCharsets.UTF_8)) {
            ArrayDeque<Future<Chunk>> ahead = new ArrayDeque<>();
            long lineNo = 0;
            boolean eof = false;
            while (true) {
                while (!eof && ahead.size() < PREPARE_THREADS + 1) {
                    List<String> lines = new ArrayList<>(CHUNK);
                    String line;
                    while (lines.size() < CHUNK && (line = reader.readLine()) != null) {
                        lines.add(line);
                    }
                    eof = lines.size() < CHUNK;
                    if (!lines.isEmpty()) {
                        long first = lineNo + 1;
                        ahead.add(prep.submit(() -> prepareChunk(lines, first, registry)));
                        lineNo += lines.size();
                    }
                }
                if (ahead.isEmpty()) {
                    break;
                }
                long w0 = System.nanoTime();
                Chunk chunk = join(ahead.poll());
                waitInput += System.nanoTime() - w0;
                for (String problem : chunk.rejected) {
                    err.println(problem);
                    rejected++;
                }
                for (ApplicantRegistry.Prepared p : chunk.items) {
                    registry.resolve(p);
                    order.add(p.record().sourceRef());
                    if (order.size() >= nextProgress) {
                        nextProgress += progressEvery;
                        double secs = (System.nanoTime() - started) / 1e9;
                        ApplicantRegistry.Stats st = registry.stats();
                        out.printf(Locale.ROOT, "progress: %d records, %d masters, %d review items, %.0f records/s%n",
                                order.size(), st.masters(), st.maybeLinks(), order.size() / secs);
                    }
                }
                sampleHeap();
                long w1 = System.nanoTime();
                registry.flushAsync();
                waitStore += System.nanoTime() - w1;
            }
        } finally {
            prepCpu = threadCpu("applicant-prepare");
            prep.shutdownNow();
        }
        long w2 = System.nanoTime();
        registry.flush();
        waitStore += System.nanoTime() - w2;
        double secs = (System.nanoTime() - started) / 1e9;
        out.printf(Locale.ROOT, "matching thread: %.1f s CPU, waited %.1f s for input preparation and %.1f s for the store%n",
                ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e9, waitInput / 1e9, waitStore / 1e9);
        // Where the CPU went (the wall clock on a shared machine says more about the other processes).
        out.printf(Locale.ROOT, "CPU: process %.1f s; preparation threads %.1f s, store writer %.1f s, H2 threads %.1f s%n",
                processCpu() / 1e9, prepCpu / 1e9, threadCpu("applicant-store-writer") / 1e9, threadCpu("H2") / 1e9);
        BufferedWriter w = csv == null ? null : Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
        try {
            if (w != null) {
                w.write("sourceRef,applicantId\n");
            }
            for (String ref : order) {
                String id = registry.applicantOf(ref).orElseThrow();
                clusters.put(ref, id);
                if (w != null) {
                    w.write(csvField(ref));
                    w.write(',');
                    w.write(id);
                    w.write('\n');
                }
            }
        } finally {
            if (w != null) {
                w.close();
            }
        }
        ApplicantRegistry.Stats st = registry.stats();
        // Measured while the registry is still reachable: what the hub would hold for this many records.
        System.gc();
        long live = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024 * 1024);
        return new Summary(order.size(), rejected, st.masters(), st.sameLinks(), st.maybeLinks(), st.differentLinks(),
                st.merges(), secs, order.size() / Math.max(secs, 1e-9), heapPeakMiB(), live);
    }

    private record Chunk(List<ApplicantRegistry.Prepared> items, List<String> rejected) {
    }

    private static Chunk join(Future<Chunk> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }

    private static Chunk prepareChunk(List<String> lines, long firstLine, ApplicantRegistry registry) {
        List<ApplicantRegistry.Prepared> items = new ArrayList<>(lines.size());
        List<String> rejected = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            long lineNo = firstLine + i;
            try {
                SourceRecord r = JSON.readValue(line, SourceRecord.class);
                if (r.name() == null || r.type() == null) {
                    // Named by line only: the record's content may be personal data.
                    rejected.add("line " + lineNo + ": rejected, name and type are required");
                    continue;
                }
                items.add(registry.prepare(r));
            } catch (IOException | IllegalArgumentException e) {
                rejected.add("line " + lineNo + ": rejected, not a valid applicant record (" + e.getClass().getSimpleName() + ")");
            }
        }
        return new Chunk(items, rejected);
    }

    private ApplicantRegistry registry(ApplicantStores stores, MatchSettings settings) {
        PiiProtector pii = keys.apply(stores.dir());
        FeatureExtractor extractor = new FeatureExtractor(pii, Clock.systemUTC());
        ApplicantRegistry registry = new ApplicantRegistry(new RegistryStore(stores.dataSource(), pii.payloadSeal()), extractor, settings,
                Clock.systemUTC(), MergeListener.NONE);
        registry.load();
        return registry;
    }

    // ---- evaluate ---------------------------------------------------------------------------------------------

    int evaluateCommand(String[] args) {
        String use = "evaluate --truth truth.csv (--clusters clusters.csv | --in applicants.jsonl [--store DIR]) [--min-f1 0.97]";
        Map<String, String> opts = parse(args, use, List.of("truth"), "clusters", "in", "store", "min-f1", "link-threshold",
                "review-threshold", "merge-threshold", "block-cap");
        if (opts == null) {
            return USAGE;
        }
        if (opts.containsKey("clusters") == opts.containsKey("in")) {
            return usage("one of --clusters or --in is required", use);
        }
        try {
            Map<String, String> truth = readCsv(Path.of(opts.get("truth")));
            Map<String, String> predicted;
            if (opts.containsKey("clusters")) {
                predicted = readCsv(Path.of(opts.get("clusters")));
            } else {
                predicted = new HashMap<>();
                try (ApplicantStores stores = ApplicantStores.open(opts.containsKey("store") ? Path.of(opts.get("store")) : null)) {
                    Summary s = resolveInto(stores, Path.of(opts.get("in")), settings(opts), predicted, Long.MAX_VALUE, null);
                    out.printf(Locale.ROOT, "resolved %d records into %d masters (%d review items) at %.0f records/s%n",
                            s.records(), s.masters(), s.maybe(), s.recordsPerSecond());
                }
            }
            ClusterMetrics m = ClusterMetrics.of(truth, predicted);
            out.println(m.report());
            if (opts.containsKey("min-f1")) {
                double min = Double.parseDouble(opts.get("min-f1"));
                if (m.pairF1() < min || m.b3F1() < min) {
                    err.printf(Locale.ROOT, "F1 below %.3f%n", min);
                    return 3;
                }
            }
            return 0;
        } catch (IOException | UncheckedIOException | PiiKeys.Unavailable e) {
            err.println("evaluate failed: " + e.getMessage());
            return 1;
        }
    }

    // ---- generate-applicants ----------------------------------------------------------------------------------

    int generate(String[] args) {
        Map<String, String> opts = parse(args, "generate-applicants --seed N --count N --out applicants.jsonl --truth truth.csv",
                List.of("out", "truth"), "seed", "count");
        if (opts == null) {
            return USAGE;
        }
        long seed = Long.parseLong(opts.getOrDefault("seed", "1"));
        int count = Integer.parseInt(opts.getOrDefault("count", "10000"));
        try (BufferedWriter records = Files.newBufferedWriter(Path.of(opts.get("out")), StandardCharsets.UTF_8);
             BufferedWriter truth = Files.newBufferedWriter(Path.of(opts.get("truth")), StandardCharsets.UTF_8)) {
            long n = ApplicantGenerator.generate(seed, count, records, truth);
            out.println("generated " + n + " records (seed " + seed + ") into " + opts.get("out") + ", truth in " + opts.get("truth"));
            return 0;
        } catch (IOException e) {
            err.println("generate-applicants failed: " + e.getMessage());
            return 1;
        }
    }

    // ---- bench-applicant-match --------------------------------------------------------------------------------

    /**
     * Incremental matching against an existing store: loads the registry as the hub does at start, then
     * resolves each query record (one store commit per record, as the hub does) and records latencies.
     */
    int bench(String[] args) {
        Map<String, String> opts = parse(args, "bench-applicant-match --store DIR --queries queries.jsonl [--warmup 1000] "
                + "[--json result.json]", List.of("store", "queries"), "warmup", "json");
        if (opts == null) {
            return USAGE;
        }
        int warmup = Integer.parseInt(opts.getOrDefault("warmup", "1000"));
        try (ApplicantStores stores = ApplicantStores.open(Path.of(opts.get("store")), false)) {
            long t0 = System.nanoTime();
            ApplicantRegistry registry = registry(stores, MatchSettings.DEFAULTS);
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            List<SourceRecord> queries = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of(opts.get("queries")), StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    queries.add(JSON.readValue(line, SourceRecord.class));
                }
            }
            long registrySize = registry.stats().records();
            Histogram endToEnd = new Histogram(3_600_000_000L, 3);
            Histogram matchOnly = new Histogram(3_600_000_000L, 3);
            Histogram matchCpu = new Histogram(3_600_000_000L, 3);
            java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            int measured = 0;
            for (int i = 0; i < queries.size(); i++) {
                SourceRecord q = queries.get(i);
                long cpu = threads.getCurrentThreadCpuTime();
                long a = System.nanoTime();
                ApplicantRegistry.Prepared p = registry.prepare(q);
                registry.setAutoFlush(false);
                registry.resolve(p);
                long b = System.nanoTime();
                long cpuUsed = threads.getCurrentThreadCpuTime() - cpu;
                registry.flush();
                long c = System.nanoTime();
                sampleHeap();
                if (i >= warmup) {
                    matchCpu.recordValue(Math.max(1, cpuUsed));
                    matchOnly.recordValue(b - a);
                    endToEnd.recordValue(c - a);
                    measured++;
                }
            }
            double p99 = endToEnd.getValueAtPercentile(99) / 1e6;
            double p99Match = matchOnly.getValueAtPercentile(99) / 1e6;
            out.printf(Locale.ROOT, "registry: %d source records loaded in %.1f s; %d queries measured after %d warm-up%n",
                    registrySize, loadSeconds, measured, warmup);
            out.printf(Locale.ROOT, "resolve incl. store commit: p50 %.3f ms  p99 %.3f ms  p99.9 %.3f ms  max %.3f ms%n",
                    endToEnd.getValueAtPercentile(50) / 1e6, p99, endToEnd.getValueAtPercentile(99.9) / 1e6,
                    endToEnd.getMaxValue() / 1e6);
            out.printf(Locale.ROOT, "match only (normalise + block + score + decide): p50 %.3f ms  p99 %.3f ms  max %.3f ms%n",
                    matchOnly.getValueAtPercentile(50) / 1e6, p99Match, matchOnly.getMaxValue() / 1e6);
            // CPU time of the matching thread: what the code costs, apart from waiting for a core or for GC.
            out.printf(Locale.ROOT, "match only, thread CPU time: p50 %.3f ms  p99 %.3f ms%n",
                    matchCpu.getValueAtPercentile(50) / 1e6, matchCpu.getValueAtPercentile(99) / 1e6);
            long heap = heapPeakMiB();
            out.println("heap peak " + heap + " MiB");
            if (opts.containsKey("json")) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("registry_records", registrySize);
                result.put("queries_measured", measured);
                result.put("load_seconds", round(loadSeconds));
                result.put("p50_ms", round(endToEnd.getValueAtPercentile(50) / 1e6));
                result.put("p99_ms", round(p99));
                result.put("p99_match_only_ms", round(p99Match));
                result.put("p99_match_cpu_ms", round(matchCpu.getValueAtPercentile(99) / 1e6));
                result.put("p50_match_cpu_ms", round(matchCpu.getValueAtPercentile(50) / 1e6));
                result.put("heap_peak_mib", heap);
                JSON.writerWithDefaultPrettyPrinter().writeValue(Path.of(opts.get("json")).toFile(), result);
            }
            return 0;
        } catch (IOException | UncheckedIOException | PiiKeys.Unavailable e) {
            err.println("bench-applicant-match failed: " + e.getMessage());
            return 1;
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** CPU time of the live threads whose name starts with the prefix, in ns. */
    private static long threadCpu(String prefix) {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith(prefix)) {
                sum += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
            }
        }
        return sum;
    }

    private static long processCpu() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static long heapPeak;

    /** Samples the heap in use (young and old together, at one instant); the peak is the largest sample. */
    static void sampleHeap() {
        heapPeak = Math.max(heapPeak, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }

    static long heapPeakMiB() {
        sampleHeap();
        return heapPeak / (1024 * 1024);
    }

    private static MatchSettings settings(Map<String, String> opts) {
        MatchSettings d = MatchSettings.DEFAULTS;
        return new MatchSettings(
                Double.parseDouble(opts.getOrDefault("link-threshold", String.valueOf(d.linkThreshold()))),
                Double.parseDouble(opts.getOrDefault("review-threshold", String.valueOf(d.reviewThreshold()))),
                Double.parseDouble(opts.getOrDefault("merge-threshold", String.valueOf(d.mergeThreshold()))),
                Integer.parseInt(opts.getOrDefault("block-cap", String.valueOf(d.blockCap()))), d.maxReviews());
    }

    static Map<String, String> readCsv(Path file) throws IOException {
        Map<String, String> map = new HashMap<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = r.readLine();
            while ((line = r.readLine()) != null) {
                int comma = line.lastIndexOf(',');
                if (comma > 0) {
                    String key = line.substring(0, comma);
                    if (key.startsWith("\"") && key.endsWith("\"")) {
                        key = key.substring(1, key.length() - 1).replace("\"\"", "\"");
                    }
                    map.put(key, line.substring(comma + 1));
                }
            }
        }
        return map;
    }

    private static String csvField(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    /** Options of a command, or null after printing the usage when they are wrong or incomplete. */
    private Map<String, String> parse(String[] args, String use, List<String> required, String... optional) {
        List<String> allowed = new ArrayList<>(required);
        allowed.addAll(List.of(optional));
        Map<String, String> opts;
        try {
            opts = options(args, allowed);
        } catch (IllegalArgumentException e) {
            usage(e.getMessage(), use);
            return null;
        }
        List<String> missing = required.stream().filter(r -> !opts.containsKey(r)).map(r -> "--" + r).toList();
        if (!missing.isEmpty()) {
            usage(String.join(" and ", missing) + (missing.size() > 1 ? " are" : " is") + " required", use);
            return null;
        }
        return opts;
    }

    private static Map<String, String> options(String[] args, List<String> names) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + a);
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            if (!names.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            opts.put(name, value);
        }
        return opts;
    }

    private int usage(String problem, String usage) {
        err.println(problem);
        err.println("usage: java -jar simpul.jar " + usage);
        return USAGE;
    }
}
