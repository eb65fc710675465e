package id.simpul.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns {@link ProductionSecrets.Refused} into Spring Boot's short "APPLICATION FAILED TO START" report. */
public class ProductionSecretsFailureAnalyzer extends AbstractFailureAnalyzer<ProductionSecrets.Refused> {

    private static final Set<String> KEY_VARIABLES = ProductionSecrets.KEYS.stream()
            .map(ProductionSecrets.Key::variable).collect(Collectors.toUnmodifiableSet());

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ProductionSecrets.Refused cause) {
        String description = "The production profile is active, but these secrets or keys cannot be used:\n"
                + cause.problems().stream().map(p -> "    - " + p).collect(Collectors.joining("\n"));
        // Only what was refused: an upgrade refused for its generated key files alone was told to set each
        // variable "to the value agreed with OSS or the region", which a key never is.
        List<String> action = new ArrayList<>();
        if (cause.problems().stream().anyMatch(p -> !KEY_VARIABLES.contains(p.environment()))) {
            action.add("Set each secret named above in the hub's environment to the value agreed with OSS or the region"
                    + " (docs/operations.md, \"Production secrets\"). The simulators' defaults are public and are"
                    + " accepted only without the production profile.");
        }
        if (cause.problems().stream().anyMatch(p -> KEY_VARIABLES.contains(p.environment()))) {
            action.add("A key (*_KEY, *_JWK) is the hub's own: move one the data folder holds as its message says;"
                    + " make new ones only for a new installation (java -jar simpul.jar generate-keys;"
                    + " docs/operations.md, \"Keys\"), since data protected with another key cannot be read or"
                    + " verified with them.");
        }
        return new FailureAnalysis(description, String.join(" ", action), cause);
    }
}
