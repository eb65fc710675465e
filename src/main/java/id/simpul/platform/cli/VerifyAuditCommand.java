package id.simpul.platform.cli;

import id.simpul.platform.audit.AuditKey;
import id.simpul.platform.audit.AuditLog;
import id.simpul.platform.backup.StoreRestore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code java -jar simpul.jar verify-audit [--data-dir ./data | --url jdbc:postgresql://… --user u --password p]}:
 * recomputes the audit log's hash chain and exits 0 when intact, 1 when broken, 2 when it cannot read it or has no
 * audit key for its keyed rows ({@code SIMPUL_AUDIT_KEY}, else {@code <data-dir>/keys/audit.key}; never made up
 * here, since a new key verifies nothing). For the embedded
 * store, run it while the hub is stopped (H2 locks its file); a running hub answers the same
 * question at {@code GET /api/v1/audit/verify}.
 */
final class VerifyAuditCommand {

    private VerifyAuditCommand() {
    }

    static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String url = options.get("url");
        Path dataDir = Path.of(options.getOrDefault("data-dir", "./data")).toAbsolutePath().normalize();
        if (url == null) {
            // Checked here because H2 gives both cases to the JDBC pool as one "Failed to obtain JDBC
            // Connection", which tells IT staff neither that the folder is wrong nor that the hub runs.
            Path store = dataDir.resolve("store");
            Path file = store.resolve("simpul.mv.db");
            if (!Files.isRegularFile(file)) {
                err.println("no embedded store in " + store + " (no simpul.mv.db): give --data-dir the hub's data"
                        + " folder (simpul.data-dir), or --url/--user/--password for PostgreSQL");
                return 2;
            }
            try {
                if (StoreRestore.inUse(file)) {
                    err.println("a hub is using the store in " + store + ": stop it first, or ask the running hub"
                            + " (GET /api/v1/audit/verify, role auditor or admin)");
                    return 2;
                }
            } catch (IOException e) {
                err.println("cannot open the store in " + store + ": " + e.getMessage());
                return 2;
            }
            url = "jdbc:h2:file:" + dataDir.resolve("store/simpul")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;IFEXISTS=TRUE";
        }
        DriverManagerDataSource ds = new DriverManagerDataSource(url, options.getOrDefault("user", "simpul"),
                options.getOrDefault("password", System.getenv().getOrDefault("SIMPUL_STORE_PASSWORD", "")));
        try {
            AuditKey key = AuditKey.existing(System.getenv(), dataDir).orElse(null);
            AuditLog.Verification v = new AuditLog(JdbcClient.create(ds), Clock.systemUTC(), key).verify();
            if (v.intact()) {
                out.println("audit chain intact: " + v.rows() + " row(s)" + (v.keyedFrom() == null
                        ? ", none keyed yet" : ", keyed from row " + v.keyedFrom()));
                return 0;
            }
            if (v.keyMissing()) {
                err.println("audit chain NOT VERIFIED: " + v.problem());
                return 2;
            }
            out.println("audit chain BROKEN at row " + v.firstBrokenId() + ": " + v.problem());
            return 1;
        } catch (RuntimeException e) {
            // The pool's own message ("Failed to obtain JDBC Connection") hides the database's reason.
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            err.println("cannot read the audit log: " + e.getMessage()
                    + (root != e && root.getMessage() != null ? " (" + root.getMessage() + ")" : ""));
            return 2;
        }
    }
}
