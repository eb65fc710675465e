package id.simpul.platform.connector.oss;

import id.simpul.platform.SimpulProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one {@link OssClient} of the hub, from {@code simpul.oss.outbound.*}. */
@Configuration(proxyBeanMethods = false)
public class OssConnectorConfig {

    @Bean
    OssClient ossClient(SimpulProperties properties, MeterRegistry registry) {
        SimpulProperties.Outbound outbound = properties.oss().outbound();
        return new OssClient(outbound.baseUrl(), outbound.userKey(), outbound.timeout(), registry);
    }
}
