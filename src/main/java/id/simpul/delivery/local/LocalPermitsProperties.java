package id.simpul.delivery.local;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Reading the permits offices register in their own systems ({@code simpul.local-permits.*},
 * docs/local-permits.md): one poll per target whose flavour lists them (SiCantik Cloud).
 *
 * @param pollInterval  time between polls of each office's list; zero turns them off
 * @param firstPollAfter how long after start the first poll runs
 * @param pageSize      items asked for per poll (the office answers at most this many)
 * @param lockAtMostFor how long a hub that died holding a target's poll lock keeps the others out
 */
@ConfigurationProperties(prefix = "simpul.local-permits")
public record LocalPermitsProperties(Duration pollInterval, Duration firstPollAfter, int pageSize,
                                     Duration lockAtMostFor) {

    public LocalPermitsProperties {
        pollInterval = pollInterval == null ? Duration.ofSeconds(60) : pollInterval;
        firstPollAfter = firstPollAfter == null ? Duration.ofSeconds(10) : firstPollAfter;
        pageSize = pageSize <= 0 ? 50 : Math.min(pageSize, 200);
        lockAtMostFor = lockAtMostFor == null ? Duration.ofMinutes(5) : lockAtMostFor;
    }

    public boolean enabled() {
        return !pollInterval.isZero() && !pollInterval.isNegative();
    }
}
