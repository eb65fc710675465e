package id.simpul.intake.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import id.simpul.platform.lock.LockConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Two hub instances sharing one database (the embedded store's H2 file, migrated by the hub's own
 * Flyway scripts): while one sweeps or works a backfill, the other's run is skipped.
 */
class OssPollLeaderTest {

    private static final OssSweep.Report EMPTY = new OssSweep.Report(0, 0, 0, 0, 0, 0, 0, 0, true);

    @TempDir
    Path dir;

    private DataSource store;

    @BeforeEach
    void sharedStore() {
        store = migratedStore();
    }

    /** The one database both instances use, migrated by the hub's Flyway scripts (OssPollLeaderIT: PostgreSQL). */
    protected DataSource migratedStore() {
        DataSource h2 = new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:file:" + dir.resolve("simpul")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE", "simpul", "");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
        return h2;
    }

    @Test
    void whileOneInstanceSweepsTheOtherDoesNot() throws Exception {
        CountDownLatch sweeping = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        OssSweep sweepA = blockingSweep(sweeping, release);
        OssSweep sweepB = blockingSweep(sweeping, release);
        OssPollScheduler a = instance(sweepA, mock(Backfills.class));
        OssPollScheduler b = instance(sweepB, mock(Backfills.class));

        CompletableFuture<Optional<OssSweep.Report>> first = CompletableFuture.supplyAsync(a::sweepNow);
        assertThat(sweeping.await(10, TimeUnit.SECONDS)).isTrue();
        Optional<OssSweep.Report> second = b.sweepNow();
        release.countDown();

        assertThat(second).isEmpty();
        assertThat(first.get(10, TimeUnit.SECONDS)).contains(EMPTY);
        verify(sweepA, times(1)).run(any());
        verify(sweepB, times(0)).run(any());

        // The lock is free again once the first instance is done.
        assertThat(b.sweepNow()).contains(EMPTY);
    }

    @Test
    void whileOneInstanceWorksABackfillTheOtherDoesNot() throws Exception {
        CountDownLatch working = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Backfills backfillsA = mock(Backfills.class);
        Backfills backfillsB = mock(Backfills.class);
        for (Backfills backfills : List.of(backfillsA, backfillsB)) {
            when(backfills.work(any())).thenAnswer(call -> {
                working.countDown();
                release.await(10, TimeUnit.SECONDS);
                return true;
            });
        }
        OssPollScheduler a = instance(mock(OssSweep.class), backfillsA);
        OssPollScheduler b = instance(mock(OssSweep.class), backfillsB);

        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(a::backfillNow);
        assertThat(working.await(10, TimeUnit.SECONDS)).isTrue();
        boolean secondWorked = b.backfillNow();
        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(secondWorked).isFalse();
        verify(backfillsB, times(0)).work(any());
    }

    /** One hub instance: its own lock provider on the shared store, as LockConfig builds it. */
    private OssPollScheduler instance(OssSweep sweep, Backfills backfills) {
        SweepProperties sweepProperties = new SweepProperties(null, null, null, 0, 0, null, null);
        BackfillProperties backfillProperties = new BackfillProperties(null, 0, 0, null, 0, 0);
        return new OssPollScheduler(sweep, backfills, sweepProperties, backfillProperties,
                new DefaultLockingTaskExecutor(LockConfig.jdbcLockProvider(store)), Clock.systemUTC());
    }

    private static OssSweep blockingSweep(CountDownLatch sweeping, CountDownLatch release) {
        OssSweep sweep = mock(OssSweep.class);
        when(sweep.run(any())).thenAnswer(call -> {
            sweeping.countDown();
            release.await(10, TimeUnit.SECONDS);
            return EMPTY;
        });
        return sweep;
    }
}
