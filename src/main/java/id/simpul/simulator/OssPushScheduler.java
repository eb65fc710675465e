package id.simpul.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OSS simulator's push side: every interval it sends a generated {@code receiveNIB} to the hub,
 * authenticated with the PIA token as OSS would, and remembers it (see {@link OssSimulatorState}).
 * As OSS does, it also re-sends NIBs it pushed before: every {@value #CHANGE_EVERY}th push is an earlier
 * NIB changed ({@code tipe_dokumen} 5, another address), and every {@value #REVOKE_EVERY}th of those
 * revokes one instead ({@code tipe_dokumen} 3), so a running hub shows updates and withdrawals too.
 * Where it stands (the generator's position, the cadence, the NIBs it may change) is kept in the state
 * with each push, so after a restart of the hub it goes on with new NIBs rather than pushing the same
 * ones again.
 */
public final class OssPushScheduler {

    private static final Logger log = LoggerFactory.getLogger(OssPushScheduler.class);

    private final OssPayloadGenerator generator;
    private final Supplier<String> hubUrl;
    private final String username;
    private final String password;
    private final Duration interval;
    private final Clock clock;
    private final OssSimulatorState state;
    /** NIBs pushed and not revoked, oldest first: the ones a later push may change. */
    private final Deque<String> changeable = new ArrayDeque<>();
    private long pushes;
    private long changes;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ScheduledExecutorService executor;

    public OssPushScheduler(OssPayloadGenerator generator, Supplier<String> hubUrl, String username, String password,
                            Duration interval, Clock clock, OssSimulatorState state) {
        this.generator = generator;
        this.hubUrl = hubUrl;
        this.username = username;
        this.password = password;
        this.interval = interval;
        this.clock = clock;
        this.state = state;
        state.pusher().ifPresent(this::resume);
    }

    private void resume(ObjectNode at) {
        pushes = at.path("pushes").asLong();
        changes = at.path("changes").asLong();
        at.path("changeable").forEach(nib -> changeable.addLast(nib.asText()));
        boolean sameSeed = generator.resume(new OssPayloadGenerator.Position(at.path("seed").asLong(),
                at.path("generated").asLong(), at.path("random").asLong()));
        log.info("OSS simulator goes on after {} push(es){}", pushes,
                sameSeed ? "" : " with the new seed's traffic (simpul.simulators.oss.seed changed)");
    }

    /** Where the pushes stand, kept with the NIB each push remembers or changes. */
    private ObjectNode position() {
        OssPayloadGenerator.Position at = generator.position();
        ObjectNode node = Json.MAPPER.createObjectNode().put("pushes", pushes).put("changes", changes)
                .put("seed", at.seed()).put("generated", at.sequence()).put("random", at.random());
        ArrayNode nibs = node.putArray("changeable");
        changeable.forEach(nibs::add);
        return node;
    }

    static final int CHANGE_EVERY = 5;
    static final int REVOKE_EVERY = 4;
    /** How many earlier NIBs are kept to change: enough for variety, bounded for a hub left running for weeks. */
    private static final int CHANGEABLE_MAX = 200;
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

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

    /** Stops pushing; a push under way may finish (for up to {@link #STOP_WAIT}). */
    public void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Pushes one generated receiveNIB and returns the hub's HTTP status. */
    public synchronized int pushOnce() throws Exception {
        ObjectNode payload = changedOrNew();
        String nib = payload.path("dataNIB").path("nib").asText();
        String token = OssToken.compute(username, password, nib,
                ZonedDateTime.now(clock).withZoneSameInstant(OssToken.JAKARTA).toLocalDate());
        HttpRequest request = HttpRequest.newBuilder(URI.create(hubUrl.get() + "/oss/receiveNIB"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Token", token)
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(payload)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        log.info("OSS simulator pushed receiveNIB nib={} tipe_dokumen={} -> HTTP {} {}", nib,
                payload.path("dataNIB").path("tipe_dokumen").asText(payload.path("dataNIB").path("tipe_dokumen ").asText()),
                response.statusCode(), response.body());
        return response.statusCode();
    }

    /** The next push: an earlier NIB changed or revoked (the state then holds it so), or a new one, remembered. */
    private ObjectNode changedOrNew() {
        pushes++;
        if (pushes % CHANGE_EVERY == 0 && !changeable.isEmpty()) {
            String nib = changeable.pollFirst();
            boolean revoke = ++changes % REVOKE_EVERY == 0;
            if (!revoke) {
                changeable.addLast(nib);
            }
            Optional<ObjectNode> changed = state.change(nib,
                    revoke ? Json.MAPPER.createObjectNode().put("tipe_dokumen", "3") : null, position());
            if (changed.isPresent()) {
                ObjectNode push = Json.MAPPER.createObjectNode();
                push.set("dataNIB", changed.get());
                return push;
            }
            if (!revoke) {
                changeable.pollLast();
            }
        }
        LocalDateTime now = LocalDateTime.now(clock.withZone(OssToken.JAKARTA));
        ObjectNode payload;
        do {
            // A state kept by a build that did not keep the generator's position: its NIBs come first again.
            payload = generator.nextReceiveNib(now);
        } while (state.knows(payload.path("dataNIB").path("nib").asText()));
        changeable.addLast(payload.path("dataNIB").path("nib").asText());
        if (changeable.size() > CHANGEABLE_MAX) {
            changeable.pollFirst();
        }
        // OSS knows what it pushed even when the push is lost: the sweep can find it later.
        state.remember(payload, position());
        return payload;
    }

    private void pushSafely() {
        try {
            pushOnce();
        } catch (Exception e) {
            log.warn("OSS simulator push failed: {}", e.toString());
        }
    }
}
