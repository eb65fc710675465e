package id.simpul.intake.poll;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Runs the OSS sweep and the backfill worker on their intervals, each under its ShedLock lock
 * ({@code oss-sweep}, {@code oss-backfill}), so when several hub instances share a database only one
 * of them polls OSS at a time. Stops before the broker and the store do: the NIB in hand is finished
 * (its cursor saved), the rest waits for the next start.
 */
@Component
public class OssPollScheduler implements SmartLifecycle {

    static final String SWEEP_LOCK = "oss-sweep";
    static final String BACKFILL_LOCK = "oss-backfill";

    private static final Logger log = LoggerFactory.getLogger(OssPollScheduler.class);

    private final OssSweep sweep;
    private final Backfills backfills;
    private final SweepProperties sweepProperties;
    private final BackfillProperties backfillProperties;
    private final LockingTaskExecutor locks;
    private final Clock clock;
    private volatile boolean stopping;
    private ThreadPoolTaskScheduler scheduler;

    public OssPollScheduler(OssSweep sweep, Backfills backfills, SweepProperties sweepProperties,
                            BackfillProperties backfillProperties, LockingTaskExecutor locks, Clock clock) {
        this.sweep = sweep;
        this.backfills = backfills;
        this.sweepProperties = sweepProperties;
        this.backfillProperties = backfillProperties;
        this.locks = locks;
        this.clock = clock;
    }

    /**
     * One sweep now, if no other instance is sweeping.
     *
     * @return the run's report, or empty when another instance holds the lock
     */
    public Optional<OssSweep.Report> sweepNow() {
        return sweepUnderLock(Duration.ZERO);
    }

    /** Works the backfills for one slice now, if no other instance is; true when work remains. */
    public boolean backfillNow() {
        try {
            LockingTaskExecutor.TaskResult<Boolean> result = locks.executeWithLock(
                    () -> backfills.work(() -> stopping),
                    new LockConfiguration(clock.instant(), BACKFILL_LOCK,
                            backfillProperties.slice().plus(Duration.ofMinutes(2)), Duration.ZERO));
            return result.wasExecuted() && Boolean.TRUE.equals(result.getResult());
        } catch (Throwable e) {
            log.error("backfill worker failed: {}", e.toString(), e);
            return false;
        }
    }

    private Optional<OssSweep.Report> sweepUnderLock(Duration atLeast) {
        try {
            LockingTaskExecutor.TaskResult<OssSweep.Report> result = locks.executeWithLock(
                    () -> sweep.run(() -> stopping),
                    new LockConfiguration(clock.instant(), SWEEP_LOCK,
                            sweepProperties.maxRun().plus(Duration.ofMinutes(5)), atLeast));
            return result.wasExecuted() ? Optional.ofNullable(result.getResult()) : Optional.empty();
        } catch (Throwable e) {
            log.error("OSS sweep failed: {}", e.toString(), e);
            return Optional.empty();
        }
    }

    @Override
    public void start() {
        stopping = false;
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(2);
        scheduler.setThreadNamePrefix("oss-poll-");
        scheduler.setDaemon(true);
        scheduler.setWaitForTasksToCompleteOnShutdown(true);
        scheduler.setAwaitTerminationSeconds(30);
        scheduler.initialize();
        if (sweepProperties.enabled()) {
            Duration interval = sweepProperties.interval();
            // Other instances skip the lock for half an interval after a run, so clocks apart do not double it.
            Duration atLeast = interval.dividedBy(2);
            schedule(() -> sweepUnderLock(atLeast), interval);
            log.info("OSS sweep every {} for permits unchanged for {} ({} calls/s)", interval, sweepProperties.maxAge(),
                    sweepProperties.rate());
        } else {
            log.info("OSS sweep is off (simpul.oss.sweep.interval=0)");
        }
        if (backfillProperties.enabled()) {
            schedule(this::backfillPoll, backfillProperties.pollInterval());
        }
    }

    /** One poll of the backfill worker. */
    void backfillPoll() {
        // Keep working while a backfill has NIBs left; a slice at a time, so the lock moves on.
        while (!stopping && backfillNow()) {
            log.debug("backfill slice done; next slice");
        }
    }

    private void schedule(Runnable task, Duration interval) {
        scheduler.scheduleWithFixedDelay(task, clock.instant().plus(interval), interval);
    }

    @Override
    public void stop() {
        stopping = true;
        if (scheduler != null) {
            // Waits for the NIB in hand: loops ask "stopping" before the next one.
            scheduler.shutdown();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null && !stopping;
    }
}
