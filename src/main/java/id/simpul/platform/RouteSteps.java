package id.simpul.platform;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Route;

/**
 * The step a route stands for. Routes created from one template (one per target, e.g.
 * {@code delivery-push-permit-banyuasin}) share a {@code group} that names their step
 * ({@code delivery-push-permit}); metrics and dead letters speak of the step, and the target is
 * recorded separately.
 */
public final class RouteSteps {

    private RouteSteps() {
    }

    public static String stepOf(Exchange exchange) {
        return stepOf(exchange.getContext(), exchange.getFromRouteId());
    }

    public static String stepOf(CamelContext context, String routeId) {
        if (routeId == null) {
            return null;
        }
        Route route = context == null ? null : context.getRoute(routeId);
        String group = route == null ? null : route.getGroup();
        return group == null || group.isBlank() ? routeId : group;
    }

    /** The step of the route consuming a queue ({@code jms:queue:<name>}), null when no route does. */
    public static String stepConsuming(CamelContext context, String queue) {
        if (context == null || queue == null) {
            return null;
        }
        for (Route route : context.getRoutes()) {
            String uri = route.getEndpoint().getEndpointBaseUri();
            if (uri.startsWith("jms:") && uri.endsWith("queue:" + queue)) {
                return stepOf(context, route.getRouteId());
            }
        }
        return null;
    }
}
