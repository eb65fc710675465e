package id.simpul.platform.metrics;

import id.simpul.platform.RouteSteps;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * Camel route metrics for Prometheus without camel-micrometer (not served for Camel 4.22 here):
 * a timer per route and outcome ({@code simpul.route.exchanges}) fed by Camel's exchange events,
 * and a gauge of in-flight exchanges per route. Routes of one step created per target share the
 * step's name ({@link RouteSteps}).
 */
public class CamelRouteMetrics extends EventNotifierSupport implements CamelContextAware {

    private final MeterRegistry registry;
    private final Set<String> gauges = ConcurrentHashMap.newKeySet();
    private CamelContext camelContext;

    public CamelRouteMetrics(MeterRegistry registry) {
        this.registry = registry;
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event.getType() == CamelEvent.Type.ExchangeCompleted || event.getType() == CamelEvent.Type.ExchangeFailed;
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((ExchangeEvent) event).getExchange();
        String route = RouteSteps.stepOf(exchange);
        if (route == null) {
            return;
        }
        // A split's sub-exchanges also complete; count only the exchange that entered the route.
        if (exchange.getProperty(Exchange.SPLIT_INDEX) != null) {
            return;
        }
        String outcome = event.getType() == CamelEvent.Type.ExchangeFailed ? "failed" : "completed";
        Timer.builder("simpul.route.exchanges")
                .description("Exchanges that entered a Camel route, by outcome, with their processing time")
                .tag("route", route)
                .tag("outcome", outcome)
                .register(registry)
                .record(Duration.ofMillis(Math.max(0, exchange.getClock().elapsed())));
        registerInflightGauge(route);
    }

    private void registerInflightGauge(String route) {
        if (camelContext != null && gauges.add(route)) {
            CamelContext ctx = camelContext;
            Gauge.builder("simpul.route.inflight", () -> inflight(ctx, route))
                    .description("Exchanges in flight in a Camel route")
                    .tag("route", route)
                    .register(registry);
        }
    }

    /** In-flight exchanges of a route, or of every route of a step (one per target). */
    private static int inflight(CamelContext ctx, String step) {
        return ctx.getRoutes().stream()
                .filter(r -> step.equals(RouteSteps.stepOf(ctx, r.getRouteId())))
                .mapToInt(r -> ctx.getInflightRepository().size(r.getRouteId()))
                .sum();
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }
}
