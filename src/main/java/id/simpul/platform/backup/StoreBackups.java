package id.simpul.platform.backup;

import com.google.crypto.tink.StreamingAead;
import id.simpul.platform.SimpulProperties;
import id.simpul.platform.audit.AuditLog;
import id.simpul.platform.security.KeyFiles;
import id.simpul.platform.store.EmbeddedStore;
import id.simpul.platform.web.ApiException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Encrypted backups of the embedded store: H2's online {@code BACKUP TO} (a consistent copy while the hub
 * runs), sealed with {@link BackupKey} into {@code simpul-store-<UTC time>.zip.sealed}, checksummed and
 * audited; the oldest beyond {@code simpul.backup.keep} are deleted. The unencrypted copy exists only
 * while it is sealed, in {@code <data-dir>/backup-work} beside the store (never on the backup share),
 * readable by the hub's user only; a copy a crash left behind is deleted at the next start. The broker's journal is not
 * part of a backup: what was in flight is found again after a restore by reconciliation (undelivered
 * permits, with their REPUSH fix) and by backfilling the NIBs OSS sent after the backup's time (docs/operations.md, "Backups").
 * A PostgreSQL store is backed up with PostgreSQL's own tools; asking the hub to do it is refused.
 */
@Component
public class StoreBackups {

    static final String PREFIX = "simpul-store-";
    static final String SUFFIX = ".zip.sealed";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);
    private static final Logger log = LoggerFactory.getLogger(StoreBackups.class);

    private final DataSource dataSource;
    private final Path dir;
    /** Where H2 writes its unencrypted copy while it is sealed: beside the store, on the same disk, private. */
    private final Path work;
    private final Path dataDir;
    private final int keep;
    private final StreamingAead aead;
    private final Clock clock;
    private final AuditLog audit;
    /** Whether the hub backs its store up itself: only the embedded store, a file the hub owns. */
    private final boolean embedded;

    @Autowired
    public StoreBackups(DataSource dataSource, SimpulProperties simpul, BackupProperties properties, Clock clock,
                        AuditLog audit, MeterRegistry meters, Environment environment) {
        this(dataSource, simpul.dataDir(), properties, KeyFiles.variable(environment, BackupKey.ENV), clock, audit,
                meters);
    }

    StoreBackups(DataSource dataSource, Path dataDir, BackupProperties properties, Map<String, String> environment,
                 Clock clock, AuditLog audit, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.dir = (properties.dir() == null ? dataDir.resolve("backups") : properties.dir()).toAbsolutePath().normalize();
        this.work = dataDir.resolve("backup-work").toAbsolutePath().normalize();
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.keep = properties.keep();
        this.clock = clock;
        this.audit = audit;
        this.embedded = EmbeddedStore.isEmbedded(dataSource);
        // A store backed up outside the hub (PostgreSQL) needs no backup key: none is made, nothing is announced.
        this.aead = embedded ? BackupKey.load(environment, dataDir) : null;
        removeLeftovers();
        // Read from the folder, so a restart or a backup deleted by hand shows as it is.
        Gauge.builder("simpul_backup_last_success_seconds", this,
                        b -> b.newest().map(Instant::getEpochSecond).orElse(0L))
                .description("When the newest store backup was made (epoch seconds; 0: there is none)")
                .strongReference(true)
                .register(meters);
        if (embedded && dir.startsWith(dataDir.toAbsolutePath().normalize())) {
            log.warn("store backups go to {}, inside the data folder: set simpul.backup.dir to another disk, and keep the "
                    + "backup key apart from the backups (docs/operations.md, \"Backups\")", dir);
        }
    }

    /** One backup file: its name, size, time and the SHA-256 of the sealed file. */
    public record Backup(String name, long bytes, Instant createdAt, String sha256) {
    }

    /** Makes a backup now; one at a time. */
    public synchronized Backup create(String actor) {
        requireEmbeddedStore();
        Instant at = clock.instant();
        Path target = dir.resolve(PREFIX + STAMP.format(at) + SUFFIX);
        Path plain = work.resolve("store-" + STAMP.format(at) + ".zip");
        Path sealing = null;
        Backup backup;
        try {
            createPrivateDirectory(dir);
            createPrivateDirectory(work);
            removeLeftovers();
            sealing = privateTempFile(dir, ".sealing-", SUFFIX);
            // The path comes from configuration and the clock, never from a request; quotes are doubled anyway.
            new JdbcTemplate(dataSource).execute("BACKUP TO '" + plain.toString().replace("'", "''") + "'");
            try (InputStream in = Files.newInputStream(plain);
                 OutputStream out = aead.newEncryptingStream(Files.newOutputStream(sealing), BackupKey.ASSOCIATED_DATA)) {
                out.write(BackupKey.header(at));
                in.transferTo(out);
            }
            backup = describe(sealing, target.getFileName().toString(), at);
            // Audited before the backup appears: no backup exists that the audit log does not show.
            audit.append(new AuditLog.Event(actor, "BACKUP_CREATED", "store-backup", backup.name(), null,
                    backup.bytes() + " bytes, sha256 " + backup.sha256(), null, null));
            Files.move(sealing, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | GeneralSecurityException | DataAccessException e) {
            throw new IllegalStateException("the backup could not be written to " + dir + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(plain);
            deleteQuietly(sealing);
        }
        writeChecksum(target, backup.sha256());
        int pruned = prune();
        log.info("store backup {} written ({} bytes){}", backup.name(), backup.bytes(),
                pruned == 0 ? "" : "; " + pruned + " older backup(s) deleted");
        return backup;
    }

    /** The backups in the folder, newest first; a file that cannot be read (or is not named like one) is left out. */
    public synchronized List<Backup> list() {
        List<Backup> out = new ArrayList<>();
        for (Path f : files()) {
            try {
                out.add(new Backup(f.getFileName().toString(), Files.size(f), timeOf(f), checksumOf(f)));
            } catch (IOException | UncheckedIOException | DateTimeException | IndexOutOfBoundsException e) {
                log.warn("skipping {} in the backup folder: {}", f.getFileName(), e.getMessage());
            }
        }
        return out;
    }

    /** When the newest backup in the folder was made; empty when there is none. */
    public Optional<Instant> newest() {
        return list().stream().findFirst().map(Backup::createdAt);
    }

    /**
     * Unencrypted copies and half-sealed files a crash left behind (kill -9, power loss during a backup): the
     * former hold the store in clear, so they go at start and before each backup.
     */
    /**
     * Plain copies a crash can leave: the store's copy before sealing ({@code backup-work}), a half-sealed
     * backup ({@code .sealing-*}) and a restore's decrypted backup ({@code .restore-*} in the data folder;
     * no restore runs while the hub holds the store).
     */
    private void removeLeftovers() {
        for (Path folder : List.of(work, dir, dataDir)) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> s = Files.list(folder)) {
                s.filter(p -> folder.equals(work) || p.getFileName().toString().startsWith(".sealing-")
                                || folder.equals(dataDir) && p.getFileName().toString().startsWith(".restore-"))
                        .forEach(StoreBackups::deleteQuietly);
            } catch (IOException e) {
                log.warn("could not clean {}: {}", folder, e.getMessage());
            }
        }
    }

    /** Scheduled backups ({@code simpul.backup.cron}); a failure is logged and shows in the gauge's age. */
    @Scheduled(cron = "${simpul.backup.cron:-}", zone = "Asia/Jakarta")
    void scheduled() {
        try {
            create("scheduler");
        } catch (RuntimeException e) {
            log.error("scheduled store backup failed: {}", e.getMessage());
        }
    }

    /** Whether this hub backs its store up itself: only the embedded store, a file the hub owns. */
    public boolean madeByTheHub() {
        return embedded;
    }

    private void requireEmbeddedStore() {
        if (!embedded) {
            throw ApiException.conflict("this hub's store is not the embedded one: back it up with the database's own "
                    + "tools (PostgreSQL: pg_dump or a base backup), see docs/operations.md, \"Backups\"");
        }
    }

    private int prune() {
        List<Path> all = files();
        int deleted = 0;
        for (Path old : all.subList(Math.min(keep, all.size()), all.size())) {
            deleteQuietly(old);
            deleteQuietly(checksumFile(old));
            deleted++;
        }
        return deleted;
    }

    /** Backup files, newest first (their names sort by time). */
    private List<Path> files() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(PREFIX) && n.endsWith(SUFFIX);
            }).sorted(Comparator.reverseOrder()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Backup describe(Path file, String name, Instant at) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            String sha = HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
            return new Backup(name, Files.size(file), at, sha);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code <backup>.sha256} in {@code sha256sum}'s format, so the file can be checked where it is copied
     * ({@code sha256sum -c}) and listing does not read every backup again.
     */
    private static void writeChecksum(Path backup, String sha256) {
        try {
            Files.writeString(checksumFile(backup), sha256 + "  " + backup.getFileName() + "\n");
        } catch (IOException e) {
            // The backup is made and audited with its checksum; only the convenience copy is missing.
            log.warn("could not write the checksum beside {}: {}", backup.getFileName(), e.getMessage());
        }
    }

    private static String checksumOf(Path backup) {
        try {
            Path file = checksumFile(backup);
            return Files.exists(file) ? Files.readString(file).split("\\s+", 2)[0] : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path checksumFile(Path backup) {
        return backup.resolveSibling(backup.getFileName() + ".sha256");
    }

    /** The time in a backup's name (UTC, to the millisecond). */
    static Instant timeOf(Path file) {
        String n = file.getFileName().toString();
        return Instant.from(STAMP.parse(n.substring(PREFIX.length(), n.length() - SUFFIX.length())));
    }

    static Path privateTempFile(Path folder, String prefix, String suffix) throws IOException {
        try {
            return Files.createTempFile(folder, prefix, suffix,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            return Files.createTempFile(folder, prefix, suffix);
        }
    }

    static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(dir);
        }
    }

    static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("could not delete {}: {}", file.getFileName(), e.getMessage());
        }
    }
}
