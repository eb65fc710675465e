package id.simpul.reconciliation.run;

import id.simpul.platform.SimpulProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The scheduled run ({@code simpul.reconciliation.interval}; 0 = off), one instance at a time. */
@Component
public class ReconciliationScheduler {

    private final ReconciliationService service;
    private final LockingTaskExecutor locks;
    private final Duration interval;
    private final Clock clock;
    private volatile Instant lastRun = Instant.EPOCH;

    @Autowired
    public ReconciliationScheduler(ReconciliationService service, LockingTaskExecutor locks,
                                   SimpulProperties properties, Clock clock) {
        this(service, locks, properties.reconciliation().interval(), clock);
    }

    ReconciliationScheduler(ReconciliationService service, LockingTaskExecutor locks, Duration interval, Clock clock) {
        this.service = service;
        this.locks = locks;
        this.interval = interval;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    public void tick() {
        Instant now = clock.instant();
        if (interval.isZero() || now.isBefore(lastRun.plus(interval))) {
            return;
        }
        lastRun = now;
        // Each instance keeps its own lastRun, so a lock released as soon as the run ends would let
        // every other instance run right after it: held for half an interval, as the OSS sweep's.
        locks.executeWithLock((Runnable) () -> service.run("scheduled", "system"),
                new LockConfiguration(now, "reconciliation", interval, interval.dividedBy(2)));
    }
}
