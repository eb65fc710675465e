package id.simpul.platform;

import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A route file Camel's YAML DSL cannot read (indentation, an unknown key): the parser's message names the
 * file, line and column, but Camel wraps it three exceptions deep under a stack trace. Only route files
 * are read with this parser (Spring Boot reads application.yaml with another), so the report can say so.
 */
public class RouteYamlFailureAnalyzer extends AbstractFailureAnalyzer<MarkedYamlEngineException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MarkedYamlEngineException cause) {
        StringBuilder description = new StringBuilder("A route file could not be read:\n").append(cause.getMessage().strip());
        // Camel's DSL puts the actual complaint (an unknown key, a wrong value) in a cause below.
        for (Throwable below = cause.getCause(); below != null && below != below.getCause(); below = below.getCause()) {
            if (below.getMessage() != null && !cause.getMessage().contains(below.getMessage().strip())) {
                description.append("\n").append(below.getMessage().strip());
            }
        }
        String action = "Correct the file at the line named above (YAML: the indentation of each key and"
                + " list item, a key the Camel YAML DSL knows) and start the hub again; README, \"Where to change"
                + " what\".";
        return new FailureAnalysis(description.toString(), action, cause);
    }
}
