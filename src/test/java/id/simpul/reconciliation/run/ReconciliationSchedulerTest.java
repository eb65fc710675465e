package id.simpul.reconciliation.run;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import id.simpul.platform.lock.LockConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** The scheduled reconciliation: one run per interval across instances, timed by the injected clock. */
class ReconciliationSchedulerTest {

    private static final Duration INTERVAL = Duration.ofHours(1);
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void twoInstancesSharingAStoreRunOneReconciliationPerInterval() {
        DataSource store = new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:file:" + dir.resolve("simpul")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE", "simpul", "");
        Flyway.configure().dataSource(store).locations("classpath:db/migration").load().migrate();
        ReconciliationService serviceA = mock(ReconciliationService.class);
        ReconciliationService serviceB = mock(ReconciliationService.class);
        // Lock times come from the database's clock; the hubs' own clocks only decide when to try.
        Clock clock = Clock.systemUTC();
        ReconciliationScheduler a = new ReconciliationScheduler(serviceA,
                new DefaultLockingTaskExecutor(LockConfig.jdbcLockProvider(store)), INTERVAL, clock);
        ReconciliationScheduler b = new ReconciliationScheduler(serviceB,
                new DefaultLockingTaskExecutor(LockConfig.jdbcLockProvider(store)), INTERVAL, clock);

        a.tick();
        b.tick();

        verify(serviceA, times(1)).run("scheduled", "system");
        verify(serviceB, times(0)).run(any(), any());
    }

    @Test
    void theIntervalIsMeasuredOnTheInjectedClock() {
        ReconciliationService service = mock(ReconciliationService.class);
        Clock[] clock = {Clock.fixed(NOW, ZoneOffset.UTC)};
        Clock moving = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return clock[0].instant();
            }
        };
        LockingTaskExecutor alwaysFree = new DefaultLockingTaskExecutor(lock -> Optional.of((SimpleLock) () -> { }));
        ReconciliationScheduler scheduler = new ReconciliationScheduler(service, alwaysFree, INTERVAL, moving);

        scheduler.tick();
        clock[0] = Clock.fixed(NOW.plus(INTERVAL).minusSeconds(1), ZoneOffset.UTC);
        scheduler.tick();
        verify(service, times(1)).run("scheduled", "system");

        clock[0] = Clock.fixed(NOW.plus(INTERVAL), ZoneOffset.UTC);
        scheduler.tick();
        verify(service, times(2)).run("scheduled", "system");
    }
}
