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
        boolean own = agency != null && agency.rateLimit() != null && agency.ratePeriodSeconds() != null;
        if (refused(request, response, agency != null ? "agency:" + agency.agencyId() : address(request),
                own ? agency.rateLimit() : defaults.requests(),
                own ? Duration.ofSeconds(agency.ratePeriodSeconds()) : defaults.period())) {
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * Counts a request whose credential was refused against its address's limit, so that guessing
     * keys is throttled like calling without one. True when the limit is spent and 429 was written.
     */
    boolean refusedCredentialOverLimit(HttpServletRequest request, HttpServletResponse response) throws IOException {
        return refused(request, response, address(request), defaults.requests(), defaults.period());
    }

    private boolean refused(HttpServletRequest request, HttpServletResponse response, String who, int requests,
            Duration period) throws IOException {
        RateLimiter limiter = limiter(who, requests, period);
        if (limiter.acquirePermission()) {
            return false;
        }
        long seconds = Math.max(1, (long) Math.ceil(nanosToWait(limiter, period) / 1e9));
        response.setHeader("Retry-After", String.valueOf(seconds));
        G2gResponses.write(request, response, 429, "rate limit of " + requests + " requests per "
                + period.toSeconds() + "s exceeded; retry after " + seconds + "s");
        return true;
    }

    private static String address(HttpServletRequest request) {
        return "address:" + request.getRemoteAddr();
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
