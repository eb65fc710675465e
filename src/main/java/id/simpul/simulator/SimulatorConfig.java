package id.simpul.simulator;

import id.simpul.platform.SimpulProperties;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

/**
 * Built-in simulator of OSS-RBA (the target simulators are in {@link TargetSimulatorConfig}), for the
 * embedded default and tests. Off in production ({@code simpul.simulators.enabled=false}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "simpul.simulators.enabled", havingValue = "true")
public class SimulatorConfig {

    /** What the simulated OSS knows (pushed NIBs, reported statuses), kept under the data dir. */
    @Bean
    OssSimulatorState ossSimulatorState(SimpulProperties properties, Clock clock) {
        return new OssSimulatorState(properties.dataDir().resolve("simulators").resolve("oss").resolve("state.jsonl"),
                clock);
    }

    @Bean
    OssSimulatorFaults ossSimulatorFaults() {
        return new OssSimulatorFaults();
    }

    /** OSS-RBA: answers the K/L/D → OSS operations from its state; faults and quirks switchable. */
    @Bean(initMethod = "start", destroyMethod = "stop")
    SimulatorServer ossSimulator(SimpulProperties properties, OssSimulatorState state, OssSimulatorFaults faults) {
        return new SimulatorServer("oss", properties.simulators().oss().port(), properties.dataDir(),
                new OssStateTransformer(state, faults));
    }

    @Bean(destroyMethod = "stop")
    OssPushScheduler ossPushScheduler(SimpulProperties properties, Environment environment, Clock clock,
                                      OssSimulatorState state) {
        List<String> regions = properties.targets().stream().flatMap(t -> t.kdDaerahPrefixes().stream()).toList();
        var generator = new OssPayloadGenerator(properties.simulators().oss().seed(),
                regions.isEmpty() ? properties.region().kdDaerahPrefixes() : regions);
        String configured = properties.simulators().hubUrl();
        return new OssPushScheduler(generator,
                () -> configured != null && !configured.isBlank() ? configured
                        : "http://localhost:" + environment.getProperty("local.server.port", "8080"),
                properties.oss().inbound().username(), properties.oss().inbound().password(),
                properties.simulators().oss().pushInterval(), clock, state);
    }

    /** Pushes start once the hub accepts requests. */
    @EventListener(ApplicationReadyEvent.class)
    public void startPushing(ApplicationReadyEvent event) {
        event.getApplicationContext().getBean(OssPushScheduler.class).start();
    }

    /**
     * Pushes stop as the hub starts closing, before its web server's graceful shutdown: pushed to a closing
     * hub, each failed with a WARN and was a NIB the simulated OSS counted as pushed that the hub never got.
     */
    @EventListener(ContextClosedEvent.class)
    public void stopPushing(ContextClosedEvent event) {
        event.getApplicationContext().getBeanProvider(OssPushScheduler.class).ifAvailable(OssPushScheduler::stop);
    }
}
