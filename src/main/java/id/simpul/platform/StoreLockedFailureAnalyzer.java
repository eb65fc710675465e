package id.simpul.platform;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A hub started on a data folder another process holds (a hub already running there, often one started
 * from the same folder with the default {@code ./data}) fails when the pool opens the embedded store: H2's
 * "The file is locked" ends a long stack trace. The report says what it means and what to do.
 */
public class StoreLockedFailureAnalyzer extends AbstractFailureAnalyzer<MVStoreException> {

    private static final Pattern FILE = Pattern.compile("The file is locked: (.+?)( \\[.*)?$");

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MVStoreException cause) {
        if (cause.getErrorCode() != DataUtils.ERROR_FILE_LOCKED) {
            return null;
        }
        Matcher m = FILE.matcher(String.valueOf(cause.getMessage()));
        String file = m.find() ? m.group(1) : "the embedded store";
        String description = "The embedded store " + file + " is held by another process: another hub (or"
                + " verify-audit, restore-store) is running on this data folder.";
        String action = "Stop the other hub first, or give this one a data folder and ports of its own"
                + " (simpul.data-dir or SIMPUL_DATA_DIR; server.port and simpul.simulators.*.port).";
        return new FailureAnalysis(description, action, cause);
    }
}
