package id.simpul.platform.cli;

import id.simpul.platform.audit.AuditLog;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code java -jar simpul.jar verify-audit [--data-dir ./data | --url jdbc:postgresql://… --user u --password p]}:
 * recomputes the audit log's hash chain and exits 0 when intact, 1 when broken. For the embedded
 * store, run it while the hub is stopped (H2 locks its file); a running hub answers the same
 * question at {@code GET /api/v1/audit/verify}.
 */
final class VerifyAuditCommand {

    private VerifyAuditCommand() {
    }

    static int run(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String url = options.get("url");
        if (url == null) {
            Path dataDir = Path.of(options.getOrDefault("data-dir", "./data")).toAbsolutePath();
            url = "jdbc:h2:file:" + dataDir.resolve("store/simpul")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;IFEXISTS=TRUE";
        }
        DriverManagerDataSource ds = new DriverManagerDataSource(url, options.getOrDefault("user", "simpul"),
                options.getOrDefault("password", System.getenv().getOrDefault("SIMPUL_STORE_PASSWORD", "")));
        try {
            AuditLog.Verification v = new AuditLog(JdbcClient.create(ds), Clock.systemUTC()).verify();
            if (v.intact()) {
                System.out.println("audit chain intact: " + v.rows() + " row(s)");
                return 0;
            }
            System.out.println("audit chain BROKEN at row " + v.firstBrokenId() + ": " + v.problem());
            return 1;
        } catch (RuntimeException e) {
            System.err.println("cannot read the audit log: " + e.getMessage());
            return 2;
        }
    }
}
