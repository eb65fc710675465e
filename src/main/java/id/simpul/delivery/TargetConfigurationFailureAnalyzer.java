package id.simpul.delivery;

import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns the targets' start-time check ({@link TargetRegistry.InvalidConfiguration}) into Spring Boot's
 * short "APPLICATION FAILED TO START" report, instead of the fourth "Caused by" of a stack trace.
 */
public class TargetConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<TargetRegistry.InvalidConfiguration> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TargetRegistry.InvalidConfiguration cause) {
        String description = "The regional targets (simpul.targets) cannot be used:\n"
                + cause.problems().stream().map(p -> "    - " + p).collect(Collectors.joining("\n"));
        String action = "Correct simpul.targets in the configuration (docs/delivery.md, \"Adding a regency\"). Mapping"
                + " and crosswalk files are read under simpul.mappings-dir (default mappings/, relative to the"
                + " folder the hub is started from): start the hub where routes/ and mappings/ are, or set"
                + " SIMPUL_ROUTES_DIR and SIMPUL_MAPPINGS_DIR.";
        return new FailureAnalysis(description, action, cause);
    }
}
