package id.simpul.platform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import id.simpul.platform.audit.AuditKey;
import id.simpul.platform.audit.AuditLog;
import java.time.Clock;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify-audit --data-dir …} on the embedded store: IT staff following docs/operations.md ran it
 * against a running hub and against a wrong folder and got "cannot read the audit log: Failed to obtain
 * JDBC Connection" both times. It must say which of the two it is and what to do.
 */
class VerifyAuditCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return VerifyAuditCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aFolderWithoutAStoreIsNamed(@TempDir Path dataDir) {
        int code = run("--data-dir", dataDir.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err()).contains("no embedded store").contains(dataDir.resolve("store").toString())
                .doesNotContain("JDBC Connection");
    }

    @Test
    void aStoreARunningHubHoldsSaysToStopItOrAskTheHub(@TempDir Path dataDir) throws Exception {
        Path file = dataDir.resolve("store/simpul.mv.db");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "");
        // H2 holds a lock on the file while a hub has the store open.
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock = ch.lock()) {
            int code = run("--data-dir", dataDir.toString());

            assertThat(code).isEqualTo(2);
            assertThat(err()).contains("a hub is using the store").contains("GET /api/v1/audit/verify")
                    .doesNotContain("JDBC Connection");
        }
    }

    /** A stopped hub's store with keyed audit rows, chained under the key the hub generated in its data folder. */
    private static void keyedStore(Path dataDir) {
        SimpleDriverDataSource store = new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:file:"
                + dataDir.resolve("store/simpul") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "simpul", "");
        Flyway.configure().dataSource(store).locations("classpath:db/migration").load().migrate();
        AuditLog audit = new AuditLog(JdbcClient.create(store), Clock.systemUTC(), AuditKey.load(Map.of(), dataDir));
        audit.append(new AuditLog.Event("admin", "ACCOUNT_CREATED", "user", "siti", null, null, null, null));
        audit.append(new AuditLog.Event("admin", "ACCOUNT_DISABLED", "user", "siti", null, null, null, null));
        JdbcClient.create(store).sql("SHUTDOWN").update();
    }

    @Test
    void theKeyInTheDataFolderVerifiesTheKeyedRows(@TempDir Path dataDir) {
        keyedStore(dataDir);

        int code = run("--data-dir", dataDir.toString());

        assertThat(code).as(err()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("audit chain intact: 2 row(s), keyed from row 1");
    }

    @Test
    void withoutTheAuditKeyItSaysTheKeyedRowsCannotBeVerified(@TempDir Path dataDir) throws Exception {
        keyedStore(dataDir);
        // The store copied elsewhere without the keys folder (as the docs ask: keys apart from backups).
        Files.delete(dataDir.resolve("keys/audit.key"));

        int code = run("--data-dir", dataDir.toString());

        assertThat(code).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("intact");
        assertThat(err()).contains("NOT VERIFIED").contains("rows from 1 on").contains("SIMPUL_AUDIT_KEY")
                .doesNotContain("Exception");
    }
}
