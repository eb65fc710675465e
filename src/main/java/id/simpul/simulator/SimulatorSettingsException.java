package id.simpul.simulator;

/** A simulator switched on without a setting it cannot run without; reported at start by {@link SimulatorSettingsFailureAnalyzer}. */
public class SimulatorSettingsException extends IllegalArgumentException {

    private final String simulator;
    private final String setting;

    public SimulatorSettingsException(String simulator, String setting) {
        super("the " + simulator + " simulator needs " + setting);
        this.simulator = simulator;
        this.setting = setting;
    }

    public String simulator() {
        return simulator;
    }

    public String setting() {
        return setting;
    }
}
