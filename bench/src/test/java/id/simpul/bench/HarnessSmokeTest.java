package id.simpul.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.Recording;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the harness working without the hub (which {@code bench/run.sh --quick} covers): sink,
 * payloads, the disk and broker baselines, the raw pipeline, the open-loop client and the JFR
 * summary, each on tiny sizes. Asserts behaviour, never a time. Runs in well under 30 s.
 */
class HarnessSmokeTest {

    @TempDir
    Path tmp;

    @Test
    void sinkAcceptsCountsDistinctKeysAndRejectsOnDemand() throws Exception {
        try (Sink sink = new Sink(2)) {
            HttpClient http = HttpClient.newHttpClient();
            assertEquals(201, post(http, sink, "k1").statusCode());
            HttpResponse<String> again = post(http, sink, "k1");
            assertEquals(200, again.statusCode(), "a known key, as SiCantik Cloud answers it");
            assertTrue(again.body().contains("\"no_permohonan\":\"BENCH-"), again.body());
            assertEquals(1, sink.distinctAccepted());
            assertEquals(2, sink.accepted());
            sink.mode(Sink.Mode.REJECT);
            assertEquals(422, post(http, sink, "k2").statusCode());
            assertEquals(1, sink.rejected());
        }
    }

    private static HttpResponse<String> post(HttpClient http, Sink sink, String key) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sink.baseUrl() + "/api/v1/permohonan"))
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void machineCpuSharesSplitTheWindowsTicksAndCountStealApart() {
        // /proc/stat's first line: user nice system idle iowait irq softirq steal guest guest_nice
        Machine.CpuTicks from = Machine.CpuTicks.parse("cpu  100 0 50 800 10 0 0 40 0 0");
        Machine.CpuTicks to = Machine.CpuTicks.parse("cpu  400 100 150 1000 20 50 50 140 0 0");
        ObjectNode shares = Machine.CpuTicks.shares(from, to);
        // 400 user (nice counted in), 200 system (irq and softirq counted in), 10 iowait, 100 steal, 200 idle: 910 ticks
        assertEquals(44.0, shares.get("user").asDouble());
        assertEquals(22.0, shares.get("system").asDouble());
        assertEquals(1.1, shares.get("iowait").asDouble());
        assertEquals(11.0, shares.get("steal").asDouble());
        assertEquals(22.0, shares.get("idle").asDouble());
        assertNull(Machine.CpuTicks.shares(to, to), "no tick passed");
        assertNull(Machine.CpuTicks.shares(null, to), "an end unknown");
        assertNotNull(Machine.CpuTicks.now(), "this machine has /proc/stat");
    }

    @Test
    void pushesAreDistinctPermitsOfTheServedRegionWithTodaysToken() throws Exception {
        List<Pushes.Push> pushes = Pushes.generate(7, 2_000);
        Set<String> idIzin = new HashSet<>();
        for (Pushes.Push p : pushes) {
            ObjectNode root = (ObjectNode) Hub.JSON.readTree(p.body());
            var checklist = root.path("dataNIB").path("data_checklist");
            assertTrue(checklist.get(0).path("kd_daerah").asText().startsWith("1607"));
            idIzin.add(checklist.get(0).path("id_izin").asText());
            assertEquals(40, p.token().length());
        }
        assertEquals(pushes.size(), idIzin.size(), "every push carries its own permit");
        assertEquals(new String(pushes.get(5).body()), new String(Pushes.generate(7, 6).get(5).body()),
                "deterministic by seed");
    }

    @Test
    void baselinesAndRawPipelineRunOnTinySizes() throws Exception {
        Histogram fsync = DiskSync.measure(tmp.resolve("fsync"), 20);
        assertEquals(20, fsync.getTotalCount());
        List<Pushes.Push> pushes = Pushes.generate(3, 200);
        try (BareBroker broker = new BareBroker(tmp.resolve("broker")); Sink sink = new Sink(4)) {
            Histogram send = broker.sendLatency(pushes.subList(0, 30), 10);
            assertEquals(20, send.getTotalCount());
            BareBroker.RawResult raw = broker.rawPipeline(pushes, 4, 2, sink, Duration.ofSeconds(20));
            assertTrue(raw.complete(), "raw pipeline delivered everything");
            assertEquals(200, sink.distinctAccepted());
            assertEquals(200, raw.delivered());
            assertEquals(0, raw.httpErrors());
        }
    }

    @Test
    void shapePipelineAcksDurablyAndDeliversEachPushOnce() throws Exception {
        List<Pushes.Push> pushes = Pushes.generate(5, 200);
        try (BareBroker broker = new BareBroker(tmp.resolve("shape")); Sink sink = new Sink(4)) {
            ShapePipeline.Result shape = ShapePipeline.run(broker, pushes, 8, 2, 2, sink, Duration.ofSeconds(30));
            assertTrue(shape.complete(), "shape pipeline delivered everything");
            assertEquals(200, shape.delivered());
            assertEquals(200, sink.distinctAccepted());
            assertEquals(200, sink.requests(), "one POST per push: nothing relayed twice");
        }
    }

    @Test
    void openLoopKeepsItsScheduleAndRecordsEveryRequest() throws Exception {
        try (Sink sink = new Sink(2); OssClient client = new OssClient(sink.port(), 4)) {
            // The sink is no hub: it answers 200 "{}", which is not a PIA ack, so all count as errors.
            OssClient.OpenLoopResult r = client.openLoop(Pushes.generate(5, 40), 100);
            assertEquals(40, r.sent());
            assertEquals(40, r.latency().getTotalCount());
            assertEquals(40, r.errors());
            assertTrue(r.seconds() >= 0.39, "40 requests at 100/s take 0.39 s at least: " + r.seconds());
            assertEquals(OssClient.SLOWEST_KEPT, r.slowest().size());
            assertTrue(r.slowest().get(0).due().isBefore(r.slowest().get(OssClient.SLOWEST_KEPT - 1).due()),
                    "kept in the order they were due");
            assertTrue(r.slowest().stream().allMatch(x -> x.sendLagNanos() >= 0 && x.sendLagNanos() <= r.maxLagNanos()),
                    "each one's send lag is within the loop's largest");
        }
    }

    @Test
    void b1RatesCanBeChosenAndDefaultToTheIssuesThree() {
        assertArrayEquals(new double[] {10, 50, 200}, BenchMain.Options.parse(new String[0]).rates());
        assertArrayEquals(new double[] {50, 200},
                BenchMain.Options.parse(new String[] {"--b1-rates=50,200"}).rates());
    }

    @Test
    void b5StartsAreThreeByDefaultOneWhenQuickAndTheirMedianIsTheMiddleOrTheMeanOfTheTwoMiddles() {
        assertEquals(3, BenchMain.Options.parse(new String[0]).b5Starts());
        assertEquals(1, BenchMain.Options.parse(new String[] {"--quick"}).b5Starts());
        assertEquals(5, BenchMain.Options.parse(new String[] {"--b5-starts=5"}).b5Starts());
        assertEquals(14.0, BenchMain.median(List.of(19.0, 14.0, 13.0)));
        assertEquals(15.0, BenchMain.median(List.of(18.0, 12.0)));
    }

    @Test
    void hubCountersAreReadSeldomWhileTheTargetIsFarAndEvery50MsNearIt() throws Exception {
        // 1,000 done in 10 s, 9,000 left: 90 s to go, read at the 1 s ceiling.
        assertEquals(1_000, BenchMain.pollMillisFor(9_000, 1_000, 10_000_000_000L));
        // 100 left at that rate: 1 s to go, read every quarter of it.
        assertEquals(250, BenchMain.pollMillisFor(100, 1_000, 10_000_000_000L));
        assertEquals(50, BenchMain.pollMillisFor(5, 1_000, 10_000_000_000L));
        assertEquals(50, BenchMain.pollMillisFor(9_000, 0, 10_000_000_000L));
        AtomicLong n = new AtomicLong();
        assertTrue(BenchMain.waitForCount(() -> n.addAndGet(10), 50, Duration.ofSeconds(5)));
        assertFalse(BenchMain.waitForCount(() -> 0, 1, Duration.ofMillis(120)));
    }

    @Test
    void jfrSummaryReadsARecording() throws Exception {
        Path file = tmp.resolve("smoke.jfr");
        ObjectNode summary;
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            recording.start();
            // Spins in rounds until the recording holds samples: on a machine whose cores are busy (a build beside
            // it) JFR's sampler thread took none in a fixed 0.6 s. Twenty rounds bound the test, not a time.
            double x = 0;
            int round = 0;
            do {
                long end = System.nanoTime() + 500_000_000L;
                while (System.nanoTime() < end) {
                    x += Math.sqrt(x + 1);
                }
                recording.dump(file);
                summary = JfrSummary.summarise(file, 5);
            } while (summary.path("execution_samples").asLong() == 0 && ++round < 20);
            recording.stop();
            assertTrue(x > 0);
        }
        assertTrue(summary.path("execution_samples").asLong() > 0, summary.toString());
        assertTrue(summary.has("components_self_pct"));
    }
}
