package id.simpul.platform.connector;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;

/** Pacing of calls to another system: at most {@code perSecond} calls a second, waiting for a permit. */
public final class RateLimiters {

    private RateLimiters() {
    }

    /**
     * A limiter of {@code perSecond} calls a second (below 1: one call every {@code 1/perSecond} seconds).
     * Callers wait up to a minute for a permit.
     */
    public static RateLimiter perSecond(String name, double perSecond) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive: " + perSecond);
        }
        RateLimiterConfig.Builder config = RateLimiterConfig.custom().timeoutDuration(Duration.ofMinutes(1));
        if (perSecond >= 1) {
            config.limitForPeriod((int) Math.round(perSecond)).limitRefreshPeriod(Duration.ofSeconds(1));
        } else {
            config.limitForPeriod(1).limitRefreshPeriod(Duration.ofMillis(Math.round(1000 / perSecond)));
        }
        return RateLimiter.of(name, config.build());
    }

    /** Waits for a permit; false when none came within the limiter's timeout or the thread was interrupted. */
    public static boolean acquire(RateLimiter limiter) {
        return limiter.acquirePermission();
    }
}
