package id.simpul.support;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.pollinterval.IterativePollInterval;
import org.awaitility.pollinterval.PollInterval;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * How every {@code await()} of the suite polls, unless a test says otherwise. Awaitility's default first waits
 * 100 ms and then polls every 100 ms, so a condition already true cost 100 ms and one true after 110 ms cost 200.
 * Here the first check is at once and the interval grows from 15 ms to the same 100 ms, so a long wait polls the hub
 * no more often than before. Registered for every test class through {@code META-INF/services} (autodetection is
 * on in {@code junit-platform.properties}); setting the defaults is idempotent.
 */
public final class AwaitilityDefaults implements BeforeAllCallback {

    static final Duration STEADY = Duration.ofMillis(100);

    /** 15, 22, 33, 50, 75, 100, 100, … ms after the checks before: half as long again each time, from 10 ms. */
    static final PollInterval GROWING = IterativePollInterval.iterative(
            previous -> {
                Duration next = previous.plus(previous.dividedBy(2));
                return next.compareTo(STEADY) > 0 ? STEADY : next;
            },
            Duration.ofMillis(10));

    @Override
    public void beforeAll(ExtensionContext context) {
        Awaitility.setDefaultPollDelay(Duration.ZERO);
        Awaitility.setDefaultPollInterval(GROWING);
    }
}
