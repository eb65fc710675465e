package id.simpul.applicant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The tree of merges lists the same ids as walking every master through the union-find, as idsOf did before. */
class RetiredIndexTest {

    @Test
    void listsTheSameIdsAsAWalkOverEveryMasterAfterHundredsOfRandomMerges() {
        Random random = new Random(16);
        int[] parent = new int[1];
        RetiredIndex index = new RetiredIndex(1);
        int masters = 0;
        for (int step = 0; step < 1500; step++) {
            if (masters < 2 || random.nextInt(3) == 0) {
                masters++;
                parent = java.util.Arrays.copyOf(parent, masters + 1);
                parent[masters] = masters;
                index.ensureCapacity(masters + 1);
                continue;
            }
            int a = root(parent, 1 + random.nextInt(masters));
            int b = root(parent, 1 + random.nextInt(masters));
            if (a == b) {
                continue;
            }
            // Mostly the older id survives, as in the registry; sometimes not, so no order is assumed.
            int survivor = random.nextInt(5) == 0 ? Math.max(a, b) : Math.min(a, b);
            int retired = survivor == a ? b : a;
            parent[retired] = survivor;
            index.retire(retired, survivor);
            if (step % 50 == 0) {
                assertSameAsWalk(parent, index, masters);
            }
        }
        assertSameAsWalk(parent, index, masters);
        int merged = 0;
        for (int m = 1; m <= masters; m++) {
            merged += parent[m] != m ? 1 : 0;
        }
        assertThat(merged).as("merges").isGreaterThan(300);
    }

    @Test
    void aChainOfAHundredThousandMergesIsWalkedWithoutRecursion() {
        int n = 100_000;
        RetiredIndex index = new RetiredIndex(16);
        index.ensureCapacity(n + 1);
        for (int m = n; m > 1; m--) {
            index.retire(m, m - 1);
        }

        assertThat(index.idsUnder(1)).containsExactly(IntStream.rangeClosed(1, n).toArray());
        assertThat(index.idsUnder(n)).containsExactly(n);
    }

    private static void assertSameAsWalk(int[] parent, RetiredIndex index, int masters) {
        for (int id = 1; id <= masters; id++) {
            int master = root(parent, id);
            List<Integer> walked = new ArrayList<>(List.of(master));
            for (int m = 1; m <= masters; m++) {
                if (m != master && root(parent, m) == master) {
                    walked.add(m);
                }
            }
            assertThat(index.idsUnder(master)).as("ids of %d", id)
                    .containsExactly(walked.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    /** Without path compression: the brute force must not share the registry's shortcut. */
    private static int root(int[] parent, int m) {
        while (parent[m] != m) {
            m = parent[m];
        }
        return m;
    }
}
