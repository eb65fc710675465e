package id.simpul.platform.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The hub's own meters: messages by flow and outcome, and time from receipt to delivery. Tags are
 * low-cardinality codes only, never identifiers or personal data.
 */
@Component
public class FlowMetrics {

    private final MeterRegistry registry;

    public FlowMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void outcome(String flow, String outcome) {
        Counter.builder("simpul.messages")
                .description("Messages by flow and outcome")
                .tag("flow", flow)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    public void timeToDeliver(String flow, Duration duration) {
        Timer.builder("simpul.time.to.deliver")
                .description("From receipt at the hub to registration at the target")
                .tag("flow", flow)
                .publishPercentileHistogram()
                .register(registry)
                .record(duration);
    }
}
