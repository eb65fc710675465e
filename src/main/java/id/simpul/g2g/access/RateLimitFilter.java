package id.simpul.g2g.access;

import id.simpul.g2g.G2gProperties;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Per-agency rate limits (an agency's own, or the hub's default), and the default per client
 * address for calls without credentials. Over the limit: 429 with {@code Retry-After} in seconds.
 */
final class RateLimitFilter extends OncePerRequestFilter {

    private static final int MAX_LIMITERS = 10_000;

    private final G2gProperties.RateLimit defaults;
    private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();

    RateLimitFilter(G2gProperties.RateLimit defaults) {
        this.defaults = defaults;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        AgencyPrincipal agency = G2gAccess.of(request).agency();
        int requests = defaults.requests();
        Duration period = defaults.period();
        String who;
        if (agency != null) {
            who = "agency:" + agency.agencyId();
            if (agency.rateLimit() != null && agency.ratePeriodSeconds() != null) {
                requests = agency.rateLimit();
                period = Duration.ofSeconds(agency.ratePeriodSeconds());
            }
        } else {
            who = "address:" + request.getRemoteAddr();
        }
        RateLimiter limiter = limiter(who, requests, period);
        if (!limiter.acquirePermission()) {
            long seconds = Math.max(1, (long) Math.ceil(nanosToWait(limiter, period) / 1e9));
            response.setHeader("Retry-After", String.valueOf(seconds));
            G2gResponses.write(request, response, 429, "rate limit of " + requests + " requests per "
                    + period.toSeconds() + "s exceeded; retry after " + seconds + "s");
            return;
        }
        chain.doFilter(request, response);
    }

    private RateLimiter limiter(String who, int requests, Duration period) {
        if (limiters.size() > MAX_LIMITERS) {
            // Many client addresses (a scan): start afresh rather than grow without bound.
            limiters.clear();
        }
        // Keyed by the limit too: an agency whose limit an admin changes gets a fresh limiter.
        return limiters.computeIfAbsent(who + "|" + requests + "|" + period, name -> RateLimiter.of(name,
                RateLimiterConfig.custom().limitForPeriod(requests).limitRefreshPeriod(period)
                        .timeoutDuration(Duration.ZERO).build()));
    }

    private static long nanosToWait(RateLimiter limiter, Duration period) {
        if (limiter instanceof AtomicRateLimiter atomic) {
            long nanos = atomic.getDetailedMetrics().getNanosToWait();
            if (nanos > 0) {
                return nanos;
            }
        }
        return period.toNanos();
    }
}
