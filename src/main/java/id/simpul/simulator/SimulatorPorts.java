package id.simpul.simulator;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The backoffice simulator (Kota Palembang) runs at the port after the SiCantik simulator's unless
 * {@code simpul.simulators.backoffice.port} is set: whoever moves {@code simpul.simulators.sicantik.port}
 * (a test, a second hub on one machine) moves both. Registered in {@code META-INF/spring.factories};
 * runs after the configuration files are read, and adds the derived value with the lowest precedence.
 */
public class SimulatorPorts implements EnvironmentPostProcessor, Ordered {

    static final String SICANTIK = "simpul.simulators.sicantik.port";
    static final String BACKOFFICE = "simpul.simulators.backoffice.port";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty(BACKOFFICE)) {
            return;
        }
        Integer sicantik = environment.getProperty(SICANTIK, Integer.class);
        if (sicantik != null && sicantik > 0) {
            environment.getPropertySources().addLast(new MapPropertySource("simpulSimulatorPorts",
                    Map.of(BACKOFFICE, sicantik + 1)));
        }
    }

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 10;
    }
}
