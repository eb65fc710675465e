package id.simpul.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import id.simpul.intake.OssToken;
import id.simpul.platform.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OSS simulator's push side: every interval it sends a generated {@code receiveNIB} to the hub,
 * authenticated with the PIA token as OSS would, and remembers it (see {@link OssSimulatorState}).
 */
public final class OssPushScheduler {

    private static final Logger log = LoggerFactory.getLogger(OssPushScheduler.class);

    private final OssPayloadGenerator generator;
    private final Supplier<String> hubUrl;
    private final String username;
    private final String password;
    private final Duration interval;
    private final Clock clock;
    private final Consumer<ObjectNode> remember;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ScheduledExecutorService executor;

    public OssPushScheduler(OssPayloadGenerator generator, Supplier<String> hubUrl, String username, String password,
                            Duration interval, Clock clock, Consumer<ObjectNode> remember) {
        this.generator = generator;
        this.hubUrl = hubUrl;
        this.username = username;
        this.password = password;
        this.interval = interval;
        this.clock = clock;
        this.remember = remember;
    }

    public void start() {
        if (interval == null || interval.isZero() || interval.isNegative()) {
            log.info("OSS simulator pushes are off (simpul.simulators.oss.push-interval=0)");
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "oss-simulator-push");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::pushSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        log.info("OSS simulator pushes receiveNIB to {} every {}", hubUrl.get(), interval);
    }

    public void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** Pushes one generated receiveNIB and returns the hub's HTTP status. */
    public int pushOnce() throws Exception {
        ObjectNode payload = generator.nextReceiveNib(LocalDateTime.now(clock.withZone(OssToken.JAKARTA)));
        String nib = payload.path("dataNIB").path("nib").asText();
        // OSS knows what it pushed even when the push is lost: the sweep can find it later.
        remember.accept(payload);
        String token = OssToken.compute(username, password, nib,
                ZonedDateTime.now(clock).withZoneSameInstant(OssToken.JAKARTA).toLocalDate());
        HttpRequest request = HttpRequest.newBuilder(URI.create(hubUrl.get() + "/oss/receiveNIB"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Token", token)
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(payload)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        log.info("OSS simulator pushed receiveNIB nib={} -> HTTP {} {}", nib, response.statusCode(), response.body());
        return response.statusCode();
    }

    private void pushSafely() {
        try {
            pushOnce();
        } catch (Exception e) {
            log.warn("OSS simulator push failed: {}", e.toString());
        }
    }
}
