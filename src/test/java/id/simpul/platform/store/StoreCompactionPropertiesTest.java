package id.simpul.platform.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StoreCompactionPropertiesTest {

    @Test
    void unsetValuesTakeTheDefaults() {
        StoreCompactionProperties p = new StoreCompactionProperties(null, null, null, null, null);

        assertThat(p.interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.fillRate()).isEqualTo(90);
        assertThat(p.chunkFillRate()).isEqualTo(50);
        assertThat(p.roundBytes()).isEqualTo(2 * 1024 * 1024);
        assertThat(p.sync()).as("each round forces the file to the disk").isTrue();
    }

    @Test
    void aFillRateOfAHundredIsRefusedBecauseH2MovesChunksOnlyInAFragmentedFile() {
        assertThatThrownBy(() -> new StoreCompactionProperties(null, 100, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("simpul.store-compaction.fill-rate must be 1 to 99 (percent), was 100");
        assertThatThrownBy(() -> new StoreCompactionProperties(null, 0, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new StoreCompactionProperties(null, 99, null, null, null).fillRate()).isEqualTo(99);
    }

    @Test
    void aChunkFillRateOutsideAPercentageIsRefused() {
        assertThatThrownBy(() -> new StoreCompactionProperties(null, null, 101, null, null))
                .hasMessage("simpul.store-compaction.chunk-fill-rate must be 1 to 100 (percent), was 101");
        assertThat(new StoreCompactionProperties(null, null, 100, null, null).chunkFillRate()).isEqualTo(100);
    }
}
