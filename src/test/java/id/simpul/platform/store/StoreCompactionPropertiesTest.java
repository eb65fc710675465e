package id.simpul.platform.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StoreCompactionPropertiesTest {

    @Test
    void unsetValuesTakeTheDefaults() {
        StoreCompactionProperties p = new StoreCompactionProperties(null, null, null, null, null, null);

        assertThat(p.interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.fillRate()).isEqualTo(90);
        assertThat(p.chunkFillRate()).isEqualTo(50);
        assertThat(p.roundBytes()).isEqualTo(2 * 1024 * 1024);
        assertThat(p.sync()).as("each round forces the file to the disk").isTrue();
        assertThat(p.retention()).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.retentionWhileSyncing()).contains(Duration.ofSeconds(5));
    }

    @Test
    void theStoreKeepsItsOwnRetentionUnlessScheduledRoundsSyncTheFile() {
        assertThat(new StoreCompactionProperties(null, null, null, null, false, null).retentionWhileSyncing())
                .as("sync off: the kernel's write-back decides, H2's 45 s stay").isEmpty();
        assertThat(new StoreCompactionProperties(Duration.ZERO, null, null, null, true, null).retentionWhileSyncing())
                .as("no rounds, no syncs").isEmpty();
        assertThat(new StoreCompactionProperties(Duration.ofNanos(500_000), null, null, null, true, null)
                .retentionWhileSyncing()).as("under 1 ms the schedule runs no rounds either").isEmpty();
    }

    @Test
    void aRetentionShorterThanThreeIntervalsIsRefusedWhileRoundsSync() {
        assertThatThrownBy(() -> new StoreCompactionProperties(Duration.ofSeconds(2), null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("simpul.store-compaction.retention must be at least three intervals (PT6S)");
        assertThat(new StoreCompactionProperties(Duration.ofSeconds(2), null, null, null, null, Duration.ofSeconds(6))
                .retentionWhileSyncing()).contains(Duration.ofSeconds(6));
        assertThat(new StoreCompactionProperties(Duration.ofSeconds(2), null, null, null, false, null).retention())
                .as("not used without the sync, so not refused").isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aFillRateOfAHundredIsRefusedBecauseH2MovesChunksOnlyInAFragmentedFile() {
        assertThatThrownBy(() -> new StoreCompactionProperties(null, 100, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("simpul.store-compaction.fill-rate must be 1 to 99 (percent), was 100");
        assertThatThrownBy(() -> new StoreCompactionProperties(null, 0, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new StoreCompactionProperties(null, 99, null, null, null, null).fillRate()).isEqualTo(99);
    }

    @Test
    void aChunkFillRateOutsideAPercentageIsRefused() {
        assertThatThrownBy(() -> new StoreCompactionProperties(null, null, 101, null, null, null))
                .hasMessage("simpul.store-compaction.chunk-fill-rate must be 1 to 100 (percent), was 101");
        assertThat(new StoreCompactionProperties(null, null, 100, null, null, null).chunkFillRate()).isEqualTo(100);
    }
}
