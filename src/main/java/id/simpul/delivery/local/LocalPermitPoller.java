package id.simpul.delivery.local;

import id.simpul.delivery.FailurePolicy;
import id.simpul.delivery.SiCantikClient;
import id.simpul.delivery.TargetRegistry;
import id.simpul.platform.SimpulProperties.Target;
import id.simpul.platform.failure.DeferredException;
import id.simpul.platform.failure.SyncFailureException;
import id.simpul.platform.json.Json;
import id.simpul.platform.security.PersonalData;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The poll of an office's own permits (route {@code intake-poll-local-permits-<target>}): under the target's
 * ShedLock lock ({@code local-permits-<target>}, so one hub of several polls it), reads the page after the stored
 * cursor and hands its items to the route, which queues each on {@value #QUEUE}; {@link #advance} then stores
 * the office's next cursor. A failed read (a 5xx, a timeout, the circuit open) keeps the cursor and the error for
 * IT staff; the next tick asks the same page again. The lock is held until the exchange is done.
 */
@Component("localPermitPoller")
public class LocalPermitPoller {

    public static final String QUEUE = "simpul.intake.local";
    public static final String STEP = "intake-poll-local-permits";
    static final String CURSOR = "SimpulLocalCursor";
    static final String READ = "SimpulLocalRead";
    private static final Logger log = LoggerFactory.getLogger(LocalPermitPoller.class);

    private final TargetRegistry targets;
    private final FailurePolicy policy;
    private final SiCantikClient client;
    private final LocalPermitPolls polls;
    private final LockProvider locks;
    private final LocalPermitsProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;

    public LocalPermitPoller(TargetRegistry targets, FailurePolicy policy, SiCantikClient client,
                             LocalPermitPolls polls, LockProvider locks, LocalPermitsProperties properties,
                             MeterRegistry meters, Clock clock) {
        this.targets = targets;
        this.policy = policy;
        this.client = client;
        this.polls = polls;
        this.locks = locks;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
    }

    /** Whether this target's system lists the office's own permits (SiCantik Cloud). */
    public boolean lists(Target target) {
        return targets.adapterOf(target) instanceof SiCantikClient;
    }

    /**
     * Reads the page after the target's cursor, if no other hub is polling it; returns one message per item
     * ({@code {"targetId":…,"item":{…}}}), empty when the read failed or another hub holds the lock.
     */
    public List<String> fetch(String targetId, Exchange exchange) {
        Target target = targets.get(targetId);
        Optional<SimpleLock> lock = locks.lock(new LockConfiguration(clock.instant(), "local-permits-" + targetId,
                properties.lockAtMostFor(), Duration.ZERO));
        if (lock.isEmpty()) {
            count(targetId, "skipped");
            return List.of();
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                lock.get().unlock();
            }
        });
        String cursor = polls.cursor(targetId);
        SiCantikClient.LocalPermitsPage page;
        try {
            page = policy.once(target, attempt -> client.localPermits(target,
                    new SiCantikClient.LocalPermitsRequest(cursor, properties.pageSize())));
        } catch (SyncFailureException | DeferredException e) {
            String error = PersonalData.maskText(e.getMessage());
            polls.failed(targetId, error);
            count(targetId, "failed");
            log.warn("own permits of {} not read ({}); the next poll asks from the same cursor", targetId, error);
            return List.of();
        }
        exchange.getMessage().setHeader(CURSOR, page.next());
        exchange.getMessage().setHeader(READ, page.items().size());
        exchange.getMessage().setHeader("SimpulTargetId", targetId);
        exchange.getMessage().setHeader("SimpulFlow", LocalPermitIntake.FLOW);
        count(targetId, "read");
        List<String> out = new ArrayList<>(page.items().size());
        page.items().forEach(item -> {
            var message = Json.MAPPER.createObjectNode().put("targetId", targetId);
            message.set("item", item);
            out.add(Json.write(message));
        });
        return out;
    }

    /** After the page's items are queued: the office's next cursor is stored (nothing when the read failed). */
    public void advance(Exchange exchange) {
        String targetId = exchange.getMessage().getHeader("SimpulTargetId", String.class);
        String next = exchange.getMessage().getHeader(CURSOR, String.class);
        if (targetId == null || next == null) {
            return;
        }
        Integer read = exchange.getMessage().getHeader(READ, Integer.class);
        polls.advanced(targetId, next, read == null ? 0 : read);
    }

    private void count(String targetId, String outcome) {
        Counter.builder("simpul.local_permits.polls").description("Polls of offices' own permit lists by outcome")
                .tag("target", targetId).tag("outcome", outcome).register(meters).increment();
    }
}
