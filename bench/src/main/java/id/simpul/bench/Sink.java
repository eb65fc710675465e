package id.simpul.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fast local stand-in for a regional permit system: answers SiCantik's registration
 * {@code POST /api/v1/permohonan} with {@code 201 {"success":true,"data":{"no_permohonan":"…"}}}, or {@code 200} for an
 * {@code Idempotency-Key} it has seen, as SiCantik Cloud does (a permanent 422 in {@link Mode#REJECT}); counts
 * requests and distinct {@code Idempotency-Key}s. Any
 * other path (the OSS status callback) gets {@code 200 {}}. Loopback only.
 */
public final class Sink implements AutoCloseable {

    public enum Mode { ACCEPT, REJECT }

    static {
        // The JDK server leaves Nagle on by default: a response written as headers and body then waits
        // for the client's delayed ACK (~40 ms on Linux), which caps a consumer at ~25 requests/s.
        // Must be set before the first HttpServer is created (read once, statically).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final byte[] REJECTED = "{\"success\":false,\"message\":\"bench sink: rejected (permanent)\"}"
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] EMPTY = "{}".getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService pool;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    private final Set<String> keys = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.ACCEPT;

    public Sink(int threads) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sink");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    /** Registrations answered with success, counted once per idempotency key. */
    public long distinctAccepted() {
        return keys.size();
    }

    public long accepted() {
        return accepted.get();
    }

    public long rejected() {
        return rejected.get();
    }

    public long requests() {
        return requests.get();
    }

    public void reset() {
        requests.set(0);
        accepted.set(0);
        rejected.set(0);
        keys.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
            requests.incrementAndGet();
            byte[] body;
            int status;
            if ("POST".equals(exchange.getRequestMethod()) && exchange.getRequestURI().getPath().endsWith("/permohonan")) {
                if (mode == Mode.ACCEPT) {
                    String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
                    // One number per request: a request without a key is always new (two read the same number
                    // before, and the second would have been answered as known).
                    long number = sequence.incrementAndGet();
                    boolean fresh = keys.add(key == null ? "seq-" + number : key);
                    accepted.incrementAndGet();
                    body = ("{\"success\":true,\"data\":{\"no_permohonan\":\"BENCH-" + number + "\"}}")
                            .getBytes(StandardCharsets.UTF_8);
                    // As SiCantik Cloud (and the hub's simulator) answer: 201 for a new registration, 200 for a key
                    // already known. A 200 for every request made the hub record each delivery as "already
                    // registered", a trail event in a commit of its own that a real target never causes.
                    status = fresh ? 201 : 200;
                } else {
                    rejected.incrementAndGet();
                    body = REJECTED;
                    status = 422;
                }
            } else {
                body = EMPTY;
                status = 200;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
