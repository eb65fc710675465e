package id.simpul.simulator;

import id.simpul.platform.SimpulProperties;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Built-in simulators of the local permit systems, one WireMock server per flavour: SiCantik Cloud
 * (Banyuasin, {@code simpul.simulators.sicantik.port}) and the on-premise backoffice (Palembang,
 * {@code simpul.simulators.backoffice.port}, the next port) in the embedded default; SPLP and a
 * manual office when given a port. Off in production.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "simpul.simulators.enabled", havingValue = "true")
public class TargetSimulatorConfig {

    @Bean(initMethod = "start", destroyMethod = "stop")
    SiCantikCloudSimulator sicantikSimulator(SimpulProperties properties, Clock clock) {
        SimpulProperties.TargetSimulator s = properties.simulators().sicantik();
        return new SiCantikCloudSimulator("sicantik", s.port(), properties.dataDir(), clock, s);
    }

    /**
     * The SiCantik Cloud office's own permits, some by applicants the simulated OSS pushed. The simulator by name:
     * the SPLP simulator is a SiCantik Cloud behind a gateway, so the type alone names two beans when both run.
     */
    @Bean(initMethod = "start", destroyMethod = "stop")
    OfficePermits officePermits(@Qualifier("sicantikSimulator") SiCantikCloudSimulator sicantik,
                                OssSimulatorState ossState, SimpulProperties properties,
                                Clock clock) {
        SimpulProperties.OfficePermitsSimulator s = properties.simulators().officePermits();
        List<String> regions = properties.targets().stream().filter(t -> sicantik.flavour().equals(t.flavour()))
                .flatMap(t -> t.kdDaerahPrefixes().stream()).toList();
        return new OfficePermits(sicantik.permits(), new OssPayloadGenerator(s.seed() + 7919,
                regions.isEmpty() ? List.of("1607") : regions), ossState::nibAt, s.perHour(), s.overlap(), clock, s.seed());
    }

    @Bean(initMethod = "start", destroyMethod = "stop")
    @ConditionalOnExpression("${simpul.simulators.backoffice.port:0} > 0")
    BackofficeSimulator backofficeSimulator(SimpulProperties properties, Clock clock) {
        SimpulProperties.TargetSimulator s = properties.simulators().backoffice();
        return new BackofficeSimulator("backoffice", s.port(), properties.dataDir(), clock, s);
    }

    @Bean(initMethod = "start", destroyMethod = "stop")
    @ConditionalOnExpression("${simpul.simulators.splp.port:0} > 0")
    SplpSimulator splpSimulator(SimpulProperties properties, Clock clock) {
        SimpulProperties.TargetSimulator s = properties.simulators().splp();
        return new SplpSimulator("splp", s.port(), properties.dataDir(), clock, s);
    }

    @Bean(initMethod = "start", destroyMethod = "stop")
    @ConditionalOnExpression("${simpul.simulators.manual.port:0} > 0")
    ManualOfficeSimulator manualSimulator(SimpulProperties properties, Clock clock) {
        SimpulProperties.TargetSimulator s = properties.simulators().manual();
        return new ManualOfficeSimulator("manual", s.port(), properties.dataDir(), clock, s);
    }
}
