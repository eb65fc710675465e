package id.simpul.support;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A race of two transactions on one unique row, made to happen every time: a concurrent copy writes the
 * row and holds its transaction open; the caller's transaction starts, the copy commits a moment later,
 * while the caller's own insert of the same row waits on it (PostgreSQL and H2 both make it wait).
 */
public final class ConcurrentCopy {

    private static final long COMMIT_AFTER_MILLIS = 300;

    private ConcurrentCopy() {
    }

    /** Runs {@code mine} in a transaction of its own while {@code copy}'s transaction commits the same row. */
    public static <T> T whileACopyCommits(TransactionTemplate transaction, Runnable copy, Supplier<T> mine)
            throws Exception {
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> transaction.executeWithoutResult(t -> {
            copy.run();
            written.countDown();
            awaitQuietly(commit);
        }));
        if (!written.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the concurrent copy did not write its row");
        }
        T result = transaction.execute(t -> {
            CompletableFuture.delayedExecutor(COMMIT_AFTER_MILLIS, TimeUnit.MILLISECONDS).execute(commit::countDown);
            return mine.get();
        });
        other.get(30, TimeUnit.SECONDS);
        return result;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
