package id.simpul.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import id.simpul.platform.SimpulProperties;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** An SPLP simulator switched on without its salt stopped the hub with a stack trace; now it is a short report. */
class SimulatorSettingsFailureAnalyzerTest {

    @Test
    void theSplpSimulatorWithoutASaltIsReportedAsTheSettingToSet() {
        Throwable refused = catchThrowable(() -> new SplpSimulator("splp", 1, Path.of("target"), Clock.systemUTC(),
                new SimpulProperties.TargetSimulator(1, Duration.ZERO, "token", "key", null)));

        FailureAnalysis analysis = new SimulatorSettingsFailureAnalyzer()
                .analyze(new BeanCreationException("splpSimulator", "Constructor threw exception", refused));

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains("SPLP simulator").contains("simpul.simulators.splp.salt")
                .doesNotContain("Exception");
        assertThat(analysis.getAction()).contains("simpul.simulators.splp.salt").contains("docs/delivery.md");
    }
}
