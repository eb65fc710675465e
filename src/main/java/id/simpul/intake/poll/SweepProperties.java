package id.simpul.intake.poll;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The OSS sweep ({@code simpul.oss.sweep.*}): catching pushes OSS sent but the hub never got.
 *
 * @param interval       time between runs; zero turns the sweep off
 * @param maxAge         a permit whose last change in the ledger (and last check) is older is re-checked
 * @param lookback       permits first received longer ago are no longer swept
 * @param rate           OSS calls per second
 * @param batchSize      NIBs per run at most
 * @param maxRun         a run stops after this long; the next one goes on where it stopped
 * @param closedStatuses OSS kd_status (PIA Lampiran 10) after which a permit is not swept again
 */
@ConfigurationProperties(prefix = "simpul.oss.sweep")
public record SweepProperties(
        Duration interval,
        Duration maxAge,
        Duration lookback,
        double rate,
        int batchSize,
        Duration maxRun,
        List<String> closedStatuses) {

    public SweepProperties {
        interval = interval == null ? Duration.ofMinutes(10) : interval;
        maxAge = maxAge == null ? Duration.ofHours(1) : maxAge;
        lookback = lookback == null ? Duration.ofDays(90) : lookback;
        rate = rate <= 0 ? 2 : rate;
        batchSize = batchSize <= 0 ? 500 : batchSize;
        maxRun = maxRun == null ? Duration.ofMinutes(5) : maxRun;
        closedStatuses = closedStatuses == null ? List.of("50", "57", "58", "90") : List.copyOf(closedStatuses);
    }

    public boolean enabled() {
        return !interval.isZero() && !interval.isNegative();
    }
}
