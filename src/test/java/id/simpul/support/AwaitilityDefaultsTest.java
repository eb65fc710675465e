package id.simpul.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AwaitilityDefaultsTest {

    @Test
    void pollsSoonAtFirstThenEveryHundredMillisecondsAtMost() {
        List<Long> intervals = new ArrayList<>();
        Duration previous = Duration.ZERO;
        for (int poll = 1; poll <= 10; poll++) {
            previous = AwaitilityDefaults.GROWING.next(poll, previous);
            intervals.add(previous.toMillis());
        }
        assertThat(intervals).containsExactly(15L, 22L, 33L, 50L, 75L, 100L, 100L, 100L, 100L, 100L);
    }
}
