package id.simpul.platform;

import java.util.Locale;
import org.flywaydb.core.api.FlywayException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A store the new build cannot migrate stops the start of an upgraded hub with a long stack trace, with
 * Flyway's reason at its very end, under the first bean that needed the store. The report gives that
 * reason and what to do for the failures an upgrade meets (docs/operations.md, "Upgrading").
 */
public class MigrationFailureAnalyzer extends AbstractFailureAnalyzer<FlywayException> {

    private static final String GUIDE = " (docs/operations.md, \"Upgrading\").";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, FlywayException cause) {
        String reason = reason(cause);
        String lower = reason.toLowerCase(Locale.ROOT);
        String action;
        if (lower.contains("not applied to database")) {
            action = "The store was made by a build that did not have these migrations yet, although it had later"
                    + " ones. Start once with --spring.flyway.out-of-order=true so that they are applied, then"
                    + " start as usual" + GUIDE;
        } else if (lower.contains("regexp_substr")) {
            action = "This build needs PostgreSQL 15 or newer (V58 uses REGEXP_SUBSTR). PostgreSQL rolled the"
                    + " migration back: upgrade PostgreSQL, then start the hub again" + GUIDE;
        } else {
            action = "Fix the cause named above and start again. On PostgreSQL the failed migration was rolled"
                    + " back; on the embedded store, if it stopped half-way, restore the backup taken before the"
                    + " upgrade" + GUIDE;
        }
        return new FailureAnalysis("The store could not be migrated to this build's schema: " + reason, action,
                cause);
    }

    /** Flyway's message without its advertising lines (links to its documentation and blog). */
    private static String reason(FlywayException cause) {
        StringBuilder out = new StringBuilder();
        for (String line : String.valueOf(cause.getMessage()).split("\\R")) {
            if (line.isBlank() || line.contains("https://") || line.startsWith("Need more flexibility")) {
                continue;
            }
            out.append(out.isEmpty() ? "" : "\n").append(line.strip());
        }
        return out.toString();
    }
}
