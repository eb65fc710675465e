package id.simpul.intake.poll;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Backfills ({@code simpul.oss.backfill.*}): lists of NIBs fetched from OSS and ingested.
 *
 * @param pollInterval how often an instance looks for backfill work; zero turns the worker off
 * @param rate         NIBs per second when a backfill names none
 * @param maxRate      the highest rate a backfill may ask for
 * @param slice        how long one instance works before letting the lock go
 * @param logEvery     progress is logged every this many NIBs
 * @param maxNibs      NIBs in one backfill at most
 */
@ConfigurationProperties(prefix = "simpul.oss.backfill")
public record BackfillProperties(
        Duration pollInterval,
        double rate,
        double maxRate,
        Duration slice,
        int logEvery,
        int maxNibs) {

    public BackfillProperties {
        pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
        rate = rate <= 0 ? 5 : rate;
        maxRate = maxRate <= 0 ? 20 : maxRate;
        slice = slice == null ? Duration.ofMinutes(1) : slice;
        logEvery = logEvery <= 0 ? 100 : logEvery;
        maxNibs = maxNibs <= 0 ? 100_000 : maxNibs;
    }

    public boolean enabled() {
        return !pollInterval.isZero() && !pollInterval.isNegative();
    }
}
