package id.simpul.platform.store;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Compacts the embedded store while the hub runs. H2's own background thread does this only when commits are
 * written late; with each commit written at once (ADR 0009) it is never started, nothing compacts the file, and
 * placing each commit's new chunk scans a free-space map whose gaps grow with the store (a quarter of the hub's
 * CPU in a 100,000 burst, docs/performance.md). One round per {@code interval}, on a thread of its own, with
 * H2's public calls only: close gaps by moving chunks towards the start while the file is fragmented, else
 * rewrite the live pages of sparse chunks so that they can be freed. Then, unless {@code sync} is off, force the
 * file to the disk: H2 has no per-commit fsync, and left to itself the kernel writes a busy store's file back about
 * every 30 s ({@code vm.dirty_expire_centisecs}), tens of megabytes at once; the broker's journal syncs, and with
 * them the OSS acks, then wait 100 to 250 ms behind it (docs/performance.md, "Twenty-fourth pass"). Forcing it
 * each round keeps each write-back to a round's worth and bounds what a power cut can take from the store to
 * about one interval. While it syncs so, it also shortens how long H2 keeps old chunks ({@code retention}): H2's
 * 45 s assume the kernel's write-back, and a store that keeps 45 s of chunks (one per commit) makes each commit
 * rewrite more of H2's layout map and search more gaps for its space. Does nothing on PostgreSQL.
 */
@Component
public class EmbeddedStoreCompaction {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStoreCompaction.class);

    private final DataSource dataSource;
    private final StoreCompactionProperties settings;
    private final MeterRegistry meters;
    private final AtomicLong rounds = new AtomicLong();
    private volatile MVStore store;
    private volatile Timer syncs;
    /** The retention the store had before the hub set its own, given back when the rounds stop. */
    private volatile int ownRetentionMillis = -1;
    private ScheduledExecutorService runner;

    public EmbeddedStoreCompaction(DataSource dataSource, StoreCompactionProperties settings, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.meters = meters;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        long every = settings.interval().toMillis();
        store = EmbeddedStore.engine(dataSource).orElse(null);
        if (store == null) {
            return;
        }
        shortenRetention(store);
        // How much of the file holds live chunks: falling while the hub runs means the rounds do not keep up.
        Gauge.builder("simpul.store.file.fill", this, c -> c.fillRate())
                .description("Percentage of the embedded store's file in use by chunks").baseUnit("percent")
                .register(meters);
        syncs = Timer.builder("simpul.store.sync")
                .description("Forcing the embedded store's file to the disk, once per compaction round")
                .register(meters);
        if (every <= 0) {
            return; // no schedule; rounds only when called (tests)
        }
        runner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "store-compaction");
            t.setDaemon(true);
            return t;
        });
        runner.scheduleWithFixedDelay(this::round, every, every, TimeUnit.MILLISECONDS);
        log.info("embedded store compaction every {} (file fill rate below {} %: close gaps; else rewrite chunks "
                + "below {} %){}; old chunks kept {} ms", settings.interval(), settings.fillRate(),
                settings.chunkFillRate(),
                settings.sync() ? ", then the file synced to the disk" : "; file not synced (sync=false)",
                store.getRetentionTime());
    }

    /** One round; never throws, so that one failed round does not end the schedule. */
    void round() {
        MVStore current;
        try {
            current = current();
        } catch (RuntimeException e) {
            log.warn("embedded store not reachable for compaction (the next round tries again): {}", e.toString());
            return;
        }
        if (current == null || !(current.getFileStore() instanceof RandomAccessStore file)) {
            return;
        }
        try {
            if (file.getFillRate() < settings.fillRate()) {
                file.compactMoveChunks(101, settings.roundBytes(), current);
            }
            if (current.compact(settings.chunkFillRate(), settings.roundBytes())) {
                file.dropUnusedChunks();
            }
            rounds.incrementAndGet();
        } catch (RuntimeException e) {
            log.warn("embedded store compaction round failed (the next round tries again): {}", e.toString());
        }
        // Apart from the compaction: a round that could not compact still syncs what the commits wrote.
        Timer timer = syncs;
        if (settings.sync() && timer != null) {
            try {
                timer.record(current::sync);
            } catch (RuntimeException e) {
                log.warn("embedded store sync failed (the next round tries again): {}", e.toString());
            }
        }
    }

    /** The store, looked up again if H2 closed and reopened it meanwhile. */
    private MVStore current() {
        MVStore held = store;
        if (held == null || held.isClosed()) {
            held = EmbeddedStore.engine(dataSource).orElse(null);
            store = held;
            if (held != null) {
                shortenRetention(held);
            }
        }
        return held;
    }

    /** Only while scheduled rounds sync the file (an unscheduled or unsynced store keeps its own). */
    private void shortenRetention(MVStore target) {
        settings.retentionWhileSyncing().ifPresent(retention -> {
            if (ownRetentionMillis < 0) {
                ownRetentionMillis = target.getRetentionTime();
            }
            target.setRetentionTime(Math.toIntExact(retention.toMillis()));
        });
    }

    private double fillRate() {
        MVStore held = store;
        return held != null && !held.isClosed() && held.getFileStore() instanceof RandomAccessStore file
                ? file.getFillRate() : Double.NaN;
    }

    long rounds() {
        return rounds.get();
    }

    long syncs() {
        Timer timer = syncs;
        return timer == null ? 0 : timer.count();
    }

    @PreDestroy
    public void stop() throws InterruptedException {
        if (runner != null) {
            runner.shutdown();
            runner.awaitTermination(10, TimeUnit.SECONDS);
        }
        // No more syncs from here: the commits of the stop go back under the store's own retention.
        MVStore held = store;
        if (ownRetentionMillis >= 0 && held != null && !held.isClosed()) {
            held.setRetentionTime(ownRetentionMillis);
        }
    }
}
