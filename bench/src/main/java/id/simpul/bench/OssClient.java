package id.simpul.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.HdrHistogram.Histogram;

/**
 * Sends pushes to the hub the way OSS does ({@code POST /oss/receiveNIB}, JSON, {@code Token} header).
 * An ack is HTTP 200 with {@code "status":"1"}: the hub answers it only after the broker journal holds
 * the message.
 */
public final class OssClient implements AutoCloseable {

    private final HttpClient http;
    private final ExecutorService executor;
    private final URI receiveNib;

    public OssClient(int hubPort, int threads) {
        executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "oss-client");
            t.setDaemon(true);
            return t;
        });
        http = HttpClient.newBuilder().executor(executor).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        receiveNib = URI.create("http://127.0.0.1:" + hubPort + "/oss/receiveNIB");
    }

    private HttpRequest request(Pushes.Push push) {
        return HttpRequest.newBuilder(receiveNib).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Token", push.token())
                .POST(HttpRequest.BodyPublishers.ofByteArray(push.body())).build();
    }

    static boolean acked(HttpResponse<String> r) {
        return r.statusCode() == 200 && r.body().contains("\"status\":\"1\"");
    }

    /** Result of a burst: how long until every push was acked, and how many answers were not acks. */
    public record BurstResult(int pushes, long acked, double ackSeconds, long notAcked, long resent, boolean cancelled) {
    }

    /** A running burst: progress can be read, and it can be cancelled (pushes not yet sent are dropped). */
    public static final class Progress {
        final AtomicLong acked = new AtomicLong();
        volatile boolean cancelled;

        public long acked() {
            return acked.get();
        }

        public void cancel() {
            cancelled = true;
        }
    }

    public BurstResult burst(List<Pushes.Push> pushes, int inFlight) throws InterruptedException {
        return burst(pushes, inFlight, new Progress());
    }

    /**
     * Pushes everything as fast as the hub acks, at most {@code inFlight} at a time. A push that is
     * not acked (status "2", a 5xx, an I/O error) is sent again, as OSS would, up to 5 times.
     */
    public BurstResult burst(List<Pushes.Push> pushes, int inFlight, Progress progress) throws InterruptedException {
        Semaphore permits = new Semaphore(inFlight);
        AtomicLong notAcked = new AtomicLong();
        AtomicLong resent = new AtomicLong();
        AtomicLong failedForGood = new AtomicLong();
        long start = System.nanoTime();
        for (Pushes.Push push : pushes) {
            permits.acquire();
            if (progress.cancelled) {
                permits.release();
                break;
            }
            send(push, 0, permits, progress.acked, notAcked, resent, failedForGood);
        }
        permits.acquire(inFlight);
        permits.release(inFlight);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new BurstResult(pushes.size(), progress.acked(), seconds, notAcked.get() + failedForGood.get(),
                resent.get(), progress.cancelled);
    }

    private void send(Pushes.Push push, int attempt, Semaphore permits, AtomicLong acked, AtomicLong notAcked,
                      AtomicLong resent, AtomicLong failedForGood) {
        http.sendAsync(request(push), HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
            if (e == null && acked(r)) {
                acked.incrementAndGet();
                permits.release();
                return;
            }
            notAcked.incrementAndGet();
            if (attempt < 5) {
                resent.incrementAndGet();
                send(push, attempt + 1, permits, acked, notAcked, resent, failedForGood);
            } else {
                failedForGood.incrementAndGet();
                permits.release();
            }
        });
    }

    /** Open-loop result at one arrival rate. Latency in ns from each request's intended send time. */
    public record OpenLoopResult(double rate, double seconds, int sent, long acked, long errors, Histogram latency,
                                 long maxLagNanos, List<Slow> slowest) {
    }

    /**
     * One of the slowest requests of an open loop: when it was due (wall clock), how long its answer took from then,
     * and how late the client itself sent it (the load generator shares the machine's two cores with the hub).
     */
    public record Slow(Instant due, long latencyNanos, long sendLagNanos) {
    }

    /** How many of the slowest requests an open loop keeps, to line them up with GC logs and recordings. */
    static final int SLOWEST_KEPT = 20;

    /**
     * Open loop: request i is due at {@code start + i/rate} whatever happened to the earlier ones, and its
     * latency is measured from that due time (so a stalled hub shows up as latency: no coordinated
     * omission). Sending is asynchronous, so the schedule never waits for an answer.
     */
    public OpenLoopResult openLoop(List<Pushes.Push> pushes, double rate) throws InterruptedException {
        return openLoop(pushes, rate, OssClient::acked);
    }

    /** A PIA refusal of a wrong token: HTTP 401 with the PIA error shape. */
    static boolean refused(HttpResponse<String> r) {
        return r.statusCode() == 401 && r.body().contains("\"status\":\"2\"");
    }

    /** As {@link #openLoop(List, double)}, counting as expected the answers {@code expected} accepts. */
    public OpenLoopResult openLoop(List<Pushes.Push> pushes, double rate,
                                   Predicate<HttpResponse<String>> expected)
            throws InterruptedException {
        Histogram histogram = new Histogram(TimeUnit.MINUTES.toNanos(2), 3);
        AtomicLong acked = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long periodNanos = (long) (1e9 / rate);
        int n = pushes.size();
        CompletableFuture<?>[] all = new CompletableFuture<?>[n];
        long maxLag = 0;
        long start = System.nanoTime() + 20_000_000L;
        // The wall clock of the due times, so the slowest requests can be found in the hub's GC log and JFR.
        Instant wallStart = Instant.now().plusNanos(start - System.nanoTime());
        PriorityQueue<Slow> slowest = new PriorityQueue<>(Comparator.comparingLong(Slow::latencyNanos));
        for (int i = 0; i < n; i++) {
            long due = start + i * periodNanos;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            long lag = System.nanoTime() - due;
            maxLag = Math.max(maxLag, lag);
            all[i] = http.sendAsync(request(pushes.get(i)), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((r, e) -> {
                        long latency = System.nanoTime() - due;
                        synchronized (histogram) {
                            histogram.recordValue(Math.min(latency, histogram.getHighestTrackableValue()));
                            if (slowest.size() < SLOWEST_KEPT || latency > slowest.peek().latencyNanos()) {
                                slowest.add(new Slow(wallStart.plusNanos(due - start), latency, lag));
                                if (slowest.size() > SLOWEST_KEPT) {
                                    slowest.poll();
                                }
                            }
                        }
                        if (e == null && expected.test(r)) {
                            acked.incrementAndGet();
                        } else {
                            errors.incrementAndGet();
                        }
                    });
        }
        try {
            CompletableFuture.allOf(all).get(2, TimeUnit.MINUTES);
        } catch (Exception e) {
            // errors are counted per request
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Slow> slow;
        synchronized (histogram) {
            slow = slowest.stream().sorted(Comparator.comparing(Slow::due)).toList();
        }
        return new OpenLoopResult(rate, seconds, n, acked.get(), errors.get(), histogram, maxLag, slow);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
