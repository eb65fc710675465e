package id.simpul.platform;

import org.apache.camel.LoggingLevel;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The retry policy for transient failures, built from typed configuration
 * ({@code simpul.delivery.*}) and referenced by name from the routes' error handling
 * ({@code redeliveryPolicyRef: syncRedeliveryPolicy}).
 */
@Configuration(proxyBeanMethods = false)
public class RetryPolicyConfig {

    @Bean
    RedeliveryPolicy syncRedeliveryPolicy(SimpulProperties properties) {
        SimpulProperties.Delivery d = properties.delivery();
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setMaximumRedeliveries(d.maxRetries());
        policy.setRedeliveryDelay(d.initialBackoff().toMillis());
        policy.setBackOffMultiplier(d.backoffMultiplier());
        policy.setUseExponentialBackOff(true);
        policy.setMaximumRedeliveryDelay(d.maxBackoff().toMillis());
        // ±15 % jitter so retries of many messages after an outage do not arrive in lockstep.
        policy.setUseCollisionAvoidance(true);
        policy.setRetryAttemptedLogLevel(LoggingLevel.DEBUG);
        policy.setRetriesExhaustedLogLevel(LoggingLevel.DEBUG);
        policy.setLogStackTrace(false);
        return policy;
    }
}
