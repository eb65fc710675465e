package id.simpul.platform;

/**
 * Gives the JDK's common pool two workers on machines with one or two cores. There the JDK sizes it at one worker
 * (cores minus one), and {@link java.util.concurrent.CompletableFuture} then runs each asynchronous step on a new
 * thread of its own. The JDK HttpClient's {@code sendAsync}, which deliveries use to hold a deadline over the whole
 * exchange ({@code TargetHttp}), ends every reply with such a step: one new thread per delivery, about 10,000 in a
 * three-minute benchmark (docs/performance.md, "Twenty-fourth pass"). Must run before anything touches
 * {@link java.util.concurrent.ForkJoinPool}, so {@code main} calls it first; a value the operator set with
 * {@code -D} is kept.
 */
public final class CommonPoolSize {

    static final String PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private CommonPoolSize() {
    }

    public static void widen() {
        if (System.getProperty(PARALLELISM) == null && Runtime.getRuntime().availableProcessors() < 3) {
            System.setProperty(PARALLELISM, "2");
        }
    }
}
