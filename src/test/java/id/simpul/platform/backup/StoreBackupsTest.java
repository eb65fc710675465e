package id.simpul.platform.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.simpul.platform.audit.AuditLog;
import id.simpul.platform.audit.TestAuditKeys;
import id.simpul.platform.web.ApiException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Backups of a real embedded store on disk (the real migrations), sealed, checked, pruned and restored. */
class StoreBackupsTest {

    private static final Instant T0 = Instant.parse("2026-11-29T18:30:00Z");
    private static final Map<String, String> ENV = Map.of(BackupKey.ENV,
            Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)));
    /** A person's details in the store: they must not be readable in the backup file. */
    private static final String PERSONAL = "Siti Aminah, 081234567890";

    @TempDir
    Path dataDir;

    @Test
    void aBackupIsSealedAuditedAndRestoresTheSameStoreIntoAnotherInstallation(@TempDir Path otherDataDir) throws Exception {
        DataSource store = fileStore(dataDir);
        AuditLog audit = new AuditLog(JdbcClient.create(store), Clock.fixed(T0, ZoneOffset.UTC), TestAuditKeys.KEY);
        audit.append(new AuditLog.Event("siti.operator", "PERSONAL_DATA_VIEWED", "manual_entry", "7", null, PERSONAL,
                null, null));

        StoreBackups.Backup backup = backups(store, 7, T0).create("budi.admin");

        Path file = dataDir.resolve("backups").resolve(backup.name());
        byte[] sealed = Files.readAllBytes(file);
        assertThat(backup.name()).isEqualTo("simpul-store-20261129-183000-000.zip.sealed");
        assertThat(backup.bytes()).isEqualTo(sealed.length);
        assertThat(backup.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sealed)));
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("PK\u0003\u0004").doesNotContain("Aminah");
        assertThat(Files.list(dataDir.resolve("backups")).map(p -> p.getFileName().toString()))
                .as("no unencrypted copy is left behind").containsExactlyInAnyOrder(backup.name(), backup.name() + ".sha256");
        assertThat(Files.readString(file.resolveSibling(backup.name() + ".sha256")))
                .as("sha256sum -c format").isEqualTo(backup.sha256() + "  " + backup.name() + "\n");
        try (var work = Files.list(dataDir.resolve("backup-work"))) {
            assertThat(work).as("nor beside the store").isEmpty();
        }
        assertThat(JdbcClient.create(store).sql("SELECT details FROM audit_log WHERE action = 'BACKUP_CREATED' AND actor = 'budi.admin'")
                .query(String.class).single()).contains(backup.sha256());

        // Renamed on the way: the time comes from inside the seal, not from the name.
        Path carried = Files.copy(file, otherDataDir.resolve("backup-from-the-share.sealed"));
        StoreRestore.Outcome restored = StoreRestore.restore(carried, otherDataDir,
                BackupKey.existing(ENV, otherDataDir), Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC));

        assertThat(restored.backupTime()).isEqualTo(T0);
        assertThat(restored.movedAside()).isEmpty();
        DataSource back = existingFileStore(otherDataDir);
        assertThat(JdbcClient.create(back).sql("SELECT details FROM audit_log WHERE action = 'PERSONAL_DATA_VIEWED'")
                .query(String.class).single()).isEqualTo(PERSONAL);
        assertThat(new AuditLog(JdbcClient.create(back), Clock.systemUTC(), TestAuditKeys.KEY).verify().intact()).isTrue();
    }

    @Test
    void aRestoreKeepsTheStoreAndJournalItReplacesAside(@TempDir Path otherDataDir) throws Exception {
        StoreBackups.Backup backup = backups(fileStore(dataDir), 7, T0).create("budi.admin");
        fileStore(otherDataDir);
        Files.createDirectories(otherDataDir.resolve("broker/journal"));

        StoreRestore.Outcome restored = StoreRestore.restore(dataDir.resolve("backups").resolve(backup.name()),
                otherDataDir, BackupKey.load(ENV, otherDataDir), Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC));

        assertThat(restored.movedAside()).containsExactly(otherDataDir.resolve("store.replaced-20261129-183100"),
                otherDataDir.resolve("broker.replaced-20261129-183100"));
        assertThat(otherDataDir.resolve("store.replaced-20261129-183100/simpul.mv.db")).exists();
        assertThat(otherDataDir.resolve("broker")).doesNotExist();
        assertThat(otherDataDir.resolve("store/simpul.mv.db")).exists();
        assertThat(Files.readString(otherDataDir.resolve("store").resolve(RestoreMarker.FILE))).as("for the next start's audit row")
                .isEqualTo("backup of 2026-11-29T18:30:00Z; previous store and journal kept as "
                        + "[store.replaced-20261129-183100, broker.replaced-20261129-183100]");
    }

    @Test
    void aChangedBackupOrAnotherKeyIsRefusedAndNothingIsMoved(@TempDir Path otherDataDir) throws Exception {
        StoreBackups.Backup backup = backups(fileStore(dataDir), 7, T0).create("budi.admin");
        Path file = dataDir.resolve("backups").resolve(backup.name());
        fileStore(otherDataDir);
        Path changed = otherDataDir.resolve(backup.name());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(changed, bytes);
        Clock later = Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC);

        assertThatThrownBy(() -> StoreRestore.restore(changed, otherDataDir, BackupKey.load(ENV, otherDataDir), later))
                .hasMessageContaining("does not open with this backup key, or it was changed");
        assertThatThrownBy(() -> StoreRestore.restore(file, otherDataDir, BackupKey.load(Map.of(), otherDataDir), later))
                .as("the other installation's own generated key").hasMessageContaining("nothing was restored");
        Path noKeys = otherDataDir.resolve("elsewhere");
        assertThatThrownBy(() -> BackupKey.existing(Map.of(), noKeys))
                .as("a restore never makes up a key").hasMessageContaining("no backup key");
        assertThat(noKeys.resolve("keys/backup.key")).doesNotExist();
        try (var files = Files.list(otherDataDir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.contains("replaced") || n.startsWith(".restore-"));
        }
    }

    @Test
    void aStoreInUseIsNotReplaced(@TempDir Path otherDataDir) throws Exception {
        StoreBackups.Backup backup = backups(fileStore(dataDir), 7, T0).create("budi.admin");
        DataSource running = fileStore(otherDataDir);

        try (Connection held = running.getConnection()) {
            assertThatThrownBy(() -> StoreRestore.restore(dataDir.resolve("backups").resolve(backup.name()), otherDataDir,
                    BackupKey.load(ENV, otherDataDir), Clock.fixed(T0, ZoneOffset.UTC)))
                    .hasMessageContaining("stop it first");
        }
        assertThat(otherDataDir.resolve("store/simpul.mv.db")).exists();
    }

    @Test
    void unencryptedCopiesACrashLeftBehindAreDeletedAtStartAndTheGaugeKnowsTheNewestBackup() throws Exception {
        DataSource store = fileStore(dataDir);
        backups(store, 7, T0).create("scheduler");
        Path leftover = Files.writeString(dataDir.resolve("backup-work").resolve("store-crashed.zip"), PERSONAL);
        Path halfSealed = Files.writeString(dataDir.resolve("backups").resolve(".sealing-123.zip.sealed"), "x");
        Path decryptedForRestore = Files.writeString(dataDir.resolve(".restore-456.zip"), PERSONAL);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();

        new StoreBackups(store, dataDir, new BackupProperties(null, 7, null), ENV, Clock.fixed(T0, ZoneOffset.UTC),
                new AuditLog(JdbcClient.create(store), Clock.fixed(T0, ZoneOffset.UTC), TestAuditKeys.KEY), meters);

        assertThat(leftover).doesNotExist();
        assertThat(halfSealed).doesNotExist();
        assertThat(decryptedForRestore).as("a restore's decrypted copy, left by a crash").doesNotExist();
        assertThat(meters.get("simpul_backup_last_success_seconds").gauge().value()).isEqualTo(T0.getEpochSecond());
    }

    @Test
    void onlyTheNewestBackupsAreKept() throws Exception {
        DataSource store = fileStore(dataDir);
        for (int i = 0; i < 4; i++) {
            backups(store, 2, T0.plusSeconds(86_400L * i)).create("scheduler");
        }

        List<StoreBackups.Backup> kept = backups(store, 2, T0).list();

        assertThat(kept).extracting(StoreBackups.Backup::name).containsExactly(
                "simpul-store-20261202-183000-000.zip.sealed", "simpul-store-20261201-183000-000.zip.sealed");
        assertThat(kept.get(0).createdAt()).isEqualTo(T0.plusSeconds(86_400L * 3));
        assertThat(kept.get(0).sha256()).hasSize(64);
        try (var files = Files.list(dataDir.resolve("backups"))) {
            assertThat(files).as("pruned with their checksums").hasSize(4);
        }
        Files.writeString(dataDir.resolve("backups").resolve("simpul-store-not-a-time.zip.sealed"), "x");
        assertThat(backups(store, 2, T0).list()).as("a stray file is left out, not a failure").hasSize(2);
    }

    @Test
    void aStoreThatIsNotTheEmbeddedFileStoreIsNotBackedUpByTheHub() {
        JdbcDataSource other = new JdbcDataSource();
        other.setURL("jdbc:h2:mem:not-embedded-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(other).locations("classpath:db/migration").load().migrate();

        assertThatThrownBy(() -> backups(other, 7, T0).create("budi.admin"))
                .isInstanceOf(ApiException.class).hasMessageContaining("pg_dump");
        assertThat(dataDir.resolve("backups")).doesNotExist();
        assertThat(dataDir.resolve("keys/backup.key")).as("no key is made where the hub makes no backups").doesNotExist();
    }

    private StoreBackups backups(DataSource store, int keep, Instant now) {
        return new StoreBackups(store, dataDir, new BackupProperties(null, keep, null), ENV,
                Clock.fixed(now, ZoneOffset.UTC), new AuditLog(JdbcClient.create(store), Clock.fixed(now, ZoneOffset.UTC), TestAuditKeys.KEY),
                new SimpleMeterRegistry());
    }

    /** The hub's embedded store in {@code <dir>/store}, migrated; closed when its last connection closes. */
    private static DataSource fileStore(Path dir) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("store/simpul") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        return ds;
    }

    private static DataSource existingFileStore(Path dir) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("store/simpul") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;IFEXISTS=TRUE");
        return ds;
    }
}
