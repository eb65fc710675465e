package id.simpul.delivery;

import id.simpul.platform.SimpulProperties;
import id.simpul.platform.SimpulProperties.Target;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Creates the per-target routes from the templates in {@code routes/delivery-*.camel.yaml} once the
 * route files are loaded: for each configured target, {@code delivery-push-permit-<id>} (its own
 * queue and consumers) and, where its poll interval is not 0, {@code delivery-poll-outputs-<id>}.
 * Adding a regency therefore needs configuration only. Without the templates (a deployment that
 * leaves the delivery route files out) nothing is created.
 */
@Component
public class TargetRoutes implements CamelContextConfiguration {

    static final String PUSH_TEMPLATE = "delivery-push-permit";
    static final String POLL_TEMPLATE = "delivery-poll-outputs";

    private static final Logger log = LoggerFactory.getLogger(TargetRoutes.class);

    private final TargetRegistry targets;
    private final Duration defaultPollInterval;

    public TargetRoutes(TargetRegistry targets, SimpulProperties properties) {
        this.targets = targets;
        this.defaultPollInterval = properties.delivery().pollInterval();
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        // routes are read from files during start; templates exist only afterwards
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        ModelCamelContext model = (ModelCamelContext) camelContext;
        boolean push = model.getRouteTemplateDefinition(PUSH_TEMPLATE) != null;
        boolean poll = model.getRouteTemplateDefinition(POLL_TEMPLATE) != null;
        for (Target target : targets.all()) {
            if (push) {
                TemplatedRouteBuilder.builder(camelContext, PUSH_TEMPLATE)
                        .routeId(PUSH_TEMPLATE + "-" + target.id())
                        .parameter("targetId", target.id())
                        .parameter("consumers", String.valueOf(target.consumers()))
                        .add();
            }
            Duration interval = pollInterval(target);
            if (poll && !interval.isZero() && !interval.isNegative()) {
                TemplatedRouteBuilder.builder(camelContext, POLL_TEMPLATE)
                        .routeId(POLL_TEMPLATE + "-" + target.id())
                        .parameter("targetId", target.id())
                        .parameter("intervalMillis", String.valueOf(interval.toMillis()))
                        .add();
            }
            log.info("target {} ({}, {}): {} consumer(s){}, outputs polled {}", target.id(), target.flavour(),
                    target.kdDaerahPrefixes(), target.consumers(), push ? "" : " [no delivery routes loaded]",
                    poll && !interval.isZero() ? "every " + interval : "never");
        }
    }

    /** The target's poll interval, or the global one. */
    Duration pollInterval(Target target) {
        Duration own = target.backSync().pollInterval();
        return own != null ? own : defaultPollInterval;
    }
}
