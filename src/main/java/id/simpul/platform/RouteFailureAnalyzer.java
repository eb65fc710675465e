package id.simpul.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.NoSuchBeanException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Turns a route that Camel cannot create (a misspelt bean, an unknown endpoint, a bad expression) into
 * Spring Boot's short "APPLICATION FAILED TO START" report. Camel's own exception prints the whole route
 * as its first line and the reason only in the last "Caused by" of a long stack trace, and names no file:
 * the report names the route, the file and line that declare it (found by its id under
 * {@code simpul.routes-dir}; routes the hub makes per target have none) and the reason.
 */
public class RouteFailureAnalyzer extends AbstractFailureAnalyzer<FailedToCreateRouteException> {

    private final Environment environment;

    public RouteFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, FailedToCreateRouteException cause) {
        String routeId = cause.getRouteId();
        Throwable reason = cause;
        while (reason.getCause() != null && reason.getCause() != reason) {
            reason = reason.getCause();
        }
        String where = declaration(routeId);
        String description = "Route " + routeId + (where == null ? "" : " (" + where + ")") + " could not be created: "
                + (reason == cause ? cause.getMessage() : reason.getMessage());
        String action = (reason instanceof NoSuchBeanException
                ? "A step names a bean the hub does not have: check the spelling of its 'ref' against the other"
                + " route files. "
                : "")
                + "Correct the route file and start the hub again (routes are read at start from simpul.routes-dir;"
                + " with the local profile they reload when a file changes). README, \"Where to change what\".";
        return new FailureAnalysis(description, action, cause);
    }

    /** {@code <file>:<line>} of the {@code id: <routeId>} line under the routes folder, or null. */
    private String declaration(String routeId) {
        if (routeId == null) {
            return null;
        }
        Path dir = Path.of(environment.getProperty("simpul.routes-dir", "routes"));
        Pattern id = Pattern.compile("^\\s*(-\\s*)?id:\\s*[\"']?" + Pattern.quote(routeId) + "[\"']?\\s*(#.*)?$");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".camel.yaml")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (id.matcher(lines.get(i)).matches()) {
                        return file + ":" + (i + 1);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // The report is still useful without the file.
            return null;
        }
        return null;
    }
}
