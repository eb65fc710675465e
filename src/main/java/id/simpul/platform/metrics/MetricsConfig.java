package id.simpul.platform.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class MetricsConfig {

    @Bean
    CamelRouteMetrics camelRouteMetrics(MeterRegistry registry) {
        return new CamelRouteMetrics(registry);
    }

    /** Registers the route metrics with Camel before routes start, so the first exchange is counted. */
    @Bean
    CamelContextConfiguration routeMetricsRegistration(CamelRouteMetrics metrics) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                metrics.setCamelContext(camelContext);
                camelContext.getManagementStrategy().addEventNotifier(metrics);
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                // nothing to do once started
            }
        };
    }
}
