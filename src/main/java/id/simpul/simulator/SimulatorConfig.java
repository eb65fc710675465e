package id.simpul.simulator;

import id.simpul.platform.SimpulProperties;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

/**
 * Built-in simulator of OSS-RBA (the target simulators are in {@link TargetSimulatorConfig}), for the
 * embedded default and tests. Off in production ({@code simpul.simulators.enabled=false}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "simpul.simulators.enabled", havingValue = "true")
public class SimulatorConfig {

    @Bean(initMethod = "start", destroyMethod = "stop")
    SimulatorServer ossSimulator(SimpulProperties properties) {
        return new SimulatorServer("oss", properties.simulators().oss().port(), properties.dataDir());
    }

    @Bean(destroyMethod = "stop")
    OssPushScheduler ossPushScheduler(SimpulProperties properties, Environment environment, Clock clock) {
        List<String> regions = properties.targets().stream().flatMap(t -> t.kdDaerahPrefixes().stream()).toList();
        var generator = new OssPayloadGenerator(properties.simulators().oss().seed(),
                regions.isEmpty() ? properties.region().kdDaerahPrefixes() : regions);
        String configured = properties.simulators().hubUrl();
        return new OssPushScheduler(generator,
                () -> configured != null && !configured.isBlank() ? configured
                        : "http://localhost:" + environment.getProperty("local.server.port", "8080"),
                properties.oss().inbound().username(), properties.oss().inbound().password(),
                properties.simulators().oss().pushInterval(), clock);
    }

    /** Pushes start once the hub accepts requests. */
    @EventListener(ApplicationReadyEvent.class)
    public void startPushing(ApplicationReadyEvent event) {
        event.getApplicationContext().getBean(OssPushScheduler.class).start();
    }
}
