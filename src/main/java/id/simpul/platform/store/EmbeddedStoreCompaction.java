package id.simpul.platform.store;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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
 * rewrite the live pages of sparse chunks so that they can be freed. Does nothing on PostgreSQL.
 */
@Component
public class EmbeddedStoreCompaction {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStoreCompaction.class);

    private final DataSource dataSource;
    private final StoreCompactionProperties settings;
    private final MeterRegistry meters;
    private final AtomicLong rounds = new AtomicLong();
    private volatile MVStore store;
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
        if (every <= 0 || store == null) {
            return;
        }
        // How much of the file holds live chunks: falling while the hub runs means the rounds do not keep up.
        Gauge.builder("simpul.store.file.fill", this, c -> c.fillRate())
                .description("Percentage of the embedded store's file in use by chunks").baseUnit("percent")
                .register(meters);
        runner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "store-compaction");
            t.setDaemon(true);
            return t;
        });
        runner.scheduleWithFixedDelay(this::round, every, every, TimeUnit.MILLISECONDS);
        log.info("embedded store compaction every {} (file fill rate below {} %: close gaps; else rewrite chunks "
                + "below {} %)", settings.interval(), settings.fillRate(), settings.chunkFillRate());
    }

    /** One round; never throws, so that one failed round does not end the schedule. */
    void round() {
        try {
            MVStore current = current();
            if (current == null || !(current.getFileStore() instanceof RandomAccessStore file)) {
                return;
            }
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
    }

    /** The store, looked up again if H2 closed and reopened it meanwhile. */
    private MVStore current() {
        MVStore held = store;
        if (held == null || held.isClosed()) {
            held = EmbeddedStore.engine(dataSource).orElse(null);
            store = held;
        }
        return held;
    }

    private double fillRate() {
        MVStore held = store;
        return held != null && !held.isClosed() && held.getFileStore() instanceof RandomAccessStore file
                ? file.getFillRate() : Double.NaN;
    }

    long rounds() {
        return rounds.get();
    }

    @PreDestroy
    public void stop() throws InterruptedException {
        if (runner != null) {
            runner.shutdown();
            runner.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
