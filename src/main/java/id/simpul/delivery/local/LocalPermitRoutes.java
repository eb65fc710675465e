package id.simpul.delivery.local;

import id.simpul.delivery.TargetRegistry;
import id.simpul.platform.SimpulProperties.Target;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Creates {@code intake-poll-local-permits-<target>} from the template in {@code routes/intake-local.camel.yaml}
 * for each target whose system lists the office's own permits, while polls are on. Without the template (a
 * deployment that leaves the file out) nothing is polled.
 */
@Component
public class LocalPermitRoutes implements CamelContextConfiguration {

    static final String TEMPLATE = LocalPermitPoller.STEP;
    private static final Logger log = LoggerFactory.getLogger(LocalPermitRoutes.class);

    private final TargetRegistry targets;
    private final LocalPermitPoller poller;
    private final LocalPermitsProperties properties;

    public LocalPermitRoutes(TargetRegistry targets, LocalPermitPoller poller, LocalPermitsProperties properties) {
        this.targets = targets;
        this.poller = poller;
        this.properties = properties;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        // routes are read from files during start; templates exist only afterwards
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        if (((ModelCamelContext) camelContext).getRouteTemplateDefinition(TEMPLATE) == null) {
            return;
        }
        if (!properties.enabled()) {
            log.info("offices' own permits are not polled (simpul.local-permits.poll-interval=0)");
            return;
        }
        for (Target target : targets.all()) {
            if (!poller.lists(target)) {
                continue;
            }
            TemplatedRouteBuilder.builder(camelContext, TEMPLATE)
                    .routeId(TEMPLATE + "-" + target.id())
                    .parameter("targetId", target.id())
                    .parameter("intervalMillis", String.valueOf(properties.pollInterval().toMillis()))
                    .parameter("delayMillis", String.valueOf(Math.max(1, properties.firstPollAfter().toMillis())))
                    .add();
            log.info("own permits of target {} ({}) polled every {}", target.id(), target.flavour(),
                    properties.pollInterval());
        }
    }
}
