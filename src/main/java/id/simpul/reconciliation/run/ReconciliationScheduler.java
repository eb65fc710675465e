package id.simpul.reconciliation.run;

import java.time.Duration;
import java.time.Instant;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The scheduled run ({@code simpul.reconciliation.interval}; 0 = off), one instance at a time. */
@Component
public class ReconciliationScheduler {

    private final ReconciliationService service;
    private final LockingTaskExecutor locks;
    private final Duration interval;
    private volatile Instant lastRun = Instant.EPOCH;

    public ReconciliationScheduler(ReconciliationService service, LockingTaskExecutor locks,
                                   @Value("${simpul.reconciliation.interval:1h}") Duration interval) {
        this.service = service;
        this.locks = locks;
        this.interval = interval;
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    public void tick() {
        if (interval.isZero() || Instant.now().isBefore(lastRun.plus(interval))) {
            return;
        }
        lastRun = Instant.now();
        locks.executeWithLock((Runnable) () -> service.run("scheduled", "system"),
                new LockConfiguration(Instant.now(), "reconciliation", interval, Duration.ZERO));
    }
}
