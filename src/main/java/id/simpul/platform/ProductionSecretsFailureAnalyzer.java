package id.simpul.platform;

import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns {@link ProductionSecrets.Refused} into Spring Boot's short "APPLICATION FAILED TO START" report. */
public class ProductionSecretsFailureAnalyzer extends AbstractFailureAnalyzer<ProductionSecrets.Refused> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ProductionSecrets.Refused cause) {
        String description = "The production profile is active, but these secrets or keys cannot be used:\n"
                + cause.problems().stream().map(p -> "    - " + p).collect(Collectors.joining("\n"));
        String action = "Set each variable named above in the hub's environment to the value agreed with OSS or"
                + " the region (docs/operations.md, \"Production secrets\"). The simulators' defaults are public"
                + " and are accepted only without the production profile. A key (*_KEY, *_JWK) is the hub's own:"
                + " move one the data folder holds as its message says; make new ones only for a new installation"
                + " (java -jar simpul.jar generate-keys; docs/operations.md, \"Keys\"), since data protected with"
                + " another key cannot be read or verified with them.";
        return new FailureAnalysis(description, action, cause);
    }
}
