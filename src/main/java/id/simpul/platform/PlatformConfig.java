package id.simpul.platform;

import id.simpul.mapping.Mappings;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class PlatformConfig {

    /** Tests replace it with a fixed clock; code never calls Instant.now() directly. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Mappings mappings(@Value("${simpul.mappings-dir}") java.nio.file.Path dir) {
        return new Mappings(dir);
    }
}
