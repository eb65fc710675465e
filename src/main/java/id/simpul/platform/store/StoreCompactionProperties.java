package id.simpul.platform.store;

import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code simpul.store-compaction.*}: the embedded store's compaction, run by the hub because H2 runs none when
 * each commit is written at once (ADR 0009). Every {@code interval} (0 = never) one round moves chunks into the
 * gaps before them while the file's fill rate is below {@code fillRate} percent, then rewrites the live pages of
 * chunks filled below {@code chunkFillRate} percent and drops the chunks that emptied; a round writes at most
 * {@code roundBytes}. {@code fillRate} stays under 100: H2 moves chunks only while its file counts as fragmented,
 * and a move asked of a file that does not trips an assertion inside H2 (docs/performance.md, "Twentieth pass").
 * With {@code sync} (the default) each round then forces the file to the disk: H2 writes each commit to the
 * operating system's cache only, which otherwise writes a busy store back some 30 s of writes at a time, and the
 * broker's journal syncs (the OSS acks) wait behind that (docs/performance.md, "Twenty-fourth pass").
 * {@code retention}: while the rounds sync the file, how long H2 keeps a chunk (one per commit) before its space
 * may be reused. H2's own 45 s assumes the kernel writes the file back within that time; with a sync every
 * interval the file is on the disk within one interval (plus the round), so the hub lowers it while its rounds
 * run. H2 then keeps fewer chunks in its layout map, whose lines each commit rewrites, and fewer gaps to search
 * (docs/performance.md, "Twenty-fifth pass"). It must span at least three intervals. Without the sync, or with no
 * rounds, the store keeps its own (H2's 45 s).
 */
@ConfigurationProperties(prefix = "simpul.store-compaction")
public record StoreCompactionProperties(Duration interval, Integer fillRate, Integer chunkFillRate, Integer roundBytes,
        Boolean sync, Duration retention) {

    public StoreCompactionProperties {
        interval = interval == null ? Duration.ofSeconds(1) : interval;
        fillRate = fillRate == null ? 90 : fillRate;
        chunkFillRate = chunkFillRate == null ? 50 : chunkFillRate;
        roundBytes = roundBytes == null ? 2 * 1024 * 1024 : roundBytes;
        sync = sync == null || sync;
        retention = retention == null ? Duration.ofSeconds(5) : retention;
        if (fillRate < 1 || fillRate > 99) {
            throw new IllegalArgumentException("simpul.store-compaction.fill-rate must be 1 to 99 (percent), was " + fillRate);
        }
        if (chunkFillRate < 1 || chunkFillRate > 100) {
            throw new IllegalArgumentException(
                    "simpul.store-compaction.chunk-fill-rate must be 1 to 100 (percent), was " + chunkFillRate);
        }
        if (syncsEachRound(interval, sync) && retention.compareTo(interval.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("simpul.store-compaction.retention must be at least three intervals ("
                    + interval.multipliedBy(3) + "): a chunk's space is reused only once the file it was written to "
                    + "is surely on the disk; was " + retention);
        }
    }

    /**
     * The retention to give H2 while scheduled rounds sync the file; empty otherwise, and the store keeps its own
     * (H2's 45 s unless its URL sets another): the kernel, not the hub, decides then when the file is on the disk.
     */
    public Optional<Duration> retentionWhileSyncing() {
        return syncsEachRound(interval, sync) ? Optional.of(retention) : Optional.empty();
    }

    /** Whole milliseconds, as the schedule counts them: an interval under 1 ms schedules no rounds, so no syncs. */
    private static boolean syncsEachRound(Duration interval, boolean sync) {
        return sync && interval.toMillis() > 0;
    }
}
