package id.simpul.applicant.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockingIndexTest {

    @Test
    void lookupReadsAtMostTheCapNewestFirst() {
        BlockingIndex index = new BlockingIndex(4);
        for (int record = 0; record < 100; record++) {
            index.add(42L, record);
        }
        List<Integer> seen = new ArrayList<>();

        index.forEach(42L, 5, seen::add);

        assertThat(seen).containsExactly(99, 98, 97, 96, 95);
        assertThat(index.count(42L)).isEqualTo(100);
    }

    @Test
    void keysStayApartAndSurviveGrowth() {
        BlockingIndex index = new BlockingIndex(2);
        for (int i = 1; i <= 10_000; i++) {
            index.add(Hashing.key(1, i), i);
        }
        List<Integer> seen = new ArrayList<>();

        index.forEach(Hashing.key(1, 777), 10, seen::add);
        index.forEach(Hashing.key(2, 777), 10, seen::add);

        assertThat(seen).containsExactly(777);
        assertThat(index.keys()).isEqualTo(10_000);
    }

    @Test
    void sameRecordTwiceUnderOneKeyIsOnePosting() {
        BlockingIndex index = new BlockingIndex(4);
        index.add(7L, 3);
        index.add(7L, 3);

        assertThat(index.postings()).isEqualTo(1);
    }
}
