package id.simpul.simulator;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a simulator's missing setting into Spring Boot's short "APPLICATION FAILED TO START" report: an operator
 * who switched the SPLP simulator on without its salt got a stack trace of some hundred lines.
 */
public class SimulatorSettingsFailureAnalyzer extends AbstractFailureAnalyzer<SimulatorSettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SimulatorSettingsException cause) {
        String description = "The " + cause.simulator() + " simulator is switched on but " + cause.setting()
                + " is not set.";
        String action = "Set " + cause.setting() + " to the value its target uses (docs/delivery.md, \"Simulators\"),"
                + " or switch the simulator off with its port 0.";
        return new FailureAnalysis(description, action, cause);
    }
}
