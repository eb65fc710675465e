package id.simpul.platform.store;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code simpul.store-compaction.*}: the embedded store's compaction, run by the hub because H2 runs none when
 * each commit is written at once (ADR 0009). Every {@code interval} (0 = never) one round moves chunks into the
 * gaps before them while the file's fill rate is below {@code fillRate} percent, and otherwise rewrites the live
 * pages of chunks filled below {@code chunkFillRate} percent; a round writes at most {@code roundBytes}.
 */
@ConfigurationProperties(prefix = "simpul.store-compaction")
public record StoreCompactionProperties(Duration interval, Integer fillRate, Integer chunkFillRate, Integer roundBytes) {

    public StoreCompactionProperties {
        interval = interval == null ? Duration.ofSeconds(1) : interval;
        fillRate = fillRate == null ? 90 : fillRate;
        chunkFillRate = chunkFillRate == null ? 50 : chunkFillRate;
        roundBytes = roundBytes == null ? 2 * 1024 * 1024 : roundBytes;
    }
}
