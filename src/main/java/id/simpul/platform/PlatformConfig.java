package id.simpul.platform;

import id.simpul.mapping.Mappings;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class PlatformConfig {

    /**
     * The one source of time: code never calls Instant.now() directly, so a test or a tool can run the
     * hub on another clock by defining its own bean. The hub's own tests run on this one and read it
     * (not the wall clock) when they plant rows whose age matters.
     */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Mappings mappings(SimpulProperties properties, Clock clock) {
        return new Mappings(properties.mappingsDir(), clock, properties.dataDir());
    }
}
