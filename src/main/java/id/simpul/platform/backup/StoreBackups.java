package id.simpul.platform.backup;

import com.google.crypto.tink.StreamingAead;
import id.simpul.platform.SimpulProperties;
import id.simpul.platform.audit.AuditLog;
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
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Encrypted backups of the embedded store: H2's online {@code BACKUP TO} (a consistent copy while the hub
 * runs), sealed with {@link BackupKey} into {@code simpul-store-<UTC time>.zip.sealed}, checksummed and
 * audited; the oldest beyond {@code simpul.backup.keep} are deleted. The unencrypted copy exists only
 * while it is sealed, in the backup folder, readable by the hub's user only. The broker's journal is not
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
    private final int keep;
    private final StreamingAead aead;
    private final Clock clock;
    private final AuditLog audit;
    private final AtomicLong lastSuccess = new AtomicLong();
    /** The store's kind, read once: the datasource's URL does not change while the hub runs. */
    private volatile Boolean embedded;

    @Autowired
    public StoreBackups(DataSource dataSource, SimpulProperties simpul, BackupProperties properties, Clock clock,
                        AuditLog audit, MeterRegistry meters) {
        this(dataSource, simpul.dataDir(), properties, System.getenv(), clock, audit, meters);
    }

    StoreBackups(DataSource dataSource, Path dataDir, BackupProperties properties, Map<String, String> environment,
                 Clock clock, AuditLog audit, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.dir = (properties.dir() == null ? dataDir.resolve("backups") : properties.dir()).toAbsolutePath().normalize();
        this.keep = properties.keep();
        this.aead = BackupKey.load(environment, dataDir);
        this.clock = clock;
        this.audit = audit;
        Gauge.builder("simpul_backup_last_success_seconds", lastSuccess, AtomicLong::get)
                .description("When the last store backup was made (epoch seconds; 0: none since the hub started)")
                .register(meters);
    }

    /** One backup file: its name, size, time and the SHA-256 of the sealed file. */
    public record Backup(String name, long bytes, Instant createdAt, String sha256) {
    }

    /** Makes a backup now; one at a time. */
    public synchronized Backup create(String actor) {
        requireEmbeddedStore();
        Instant at = clock.instant();
        Path target = dir.resolve(PREFIX + STAMP.format(at) + SUFFIX);
        Path plain = null;
        Path sealing = null;
        try {
            createPrivateDirectory(dir);
            plain = privateTempFile(".backup-", ".zip");
            sealing = privateTempFile(".sealing-", SUFFIX);
            // The path comes from configuration and the clock, never from a request; quotes are doubled anyway.
            new JdbcTemplate(dataSource).execute("BACKUP TO '" + plain.toString().replace("'", "''") + "'");
            try (InputStream in = Files.newInputStream(plain);
                 OutputStream out = aead.newEncryptingStream(Files.newOutputStream(sealing), BackupKey.ASSOCIATED_DATA)) {
                in.transferTo(out);
            }
            Files.move(sealing, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("the backup could not be written to " + dir + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(plain);
            deleteQuietly(sealing);
        }
        Backup backup = describe(target, at);
        writeChecksum(target, backup.sha256());
        audit.append(new AuditLog.Event(actor, "BACKUP_CREATED", "store-backup", backup.name(), null,
                backup.bytes() + " bytes, sha256 " + backup.sha256(), null, null));
        lastSuccess.set(at.getEpochSecond());
        int pruned = prune();
        log.info("store backup {} written ({} bytes){}", backup.name(), backup.bytes(),
                pruned == 0 ? "" : "; " + pruned + " older backup(s) deleted");
        return backup;
    }

    /** The backups in the folder, newest first. */
    public List<Backup> list() {
        return files().stream().map(f -> new Backup(f.getFileName().toString(), size(f), timeOf(f), checksumOf(f)))
                .toList();
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
        Boolean known = embedded;
        if (known == null) {
            known = embedded = isEmbeddedStore();
        }
        return known;
    }

    private boolean isEmbeddedStore() {
        String url;
        try (Connection c = dataSource.getConnection()) {
            url = c.getMetaData().getURL();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the store: " + e.getMessage(), e);
        }
        return url != null && url.startsWith("jdbc:h2:file:");
    }

    private void requireEmbeddedStore() {
        if (!madeByTheHub()) {
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
            List<Path> out = new ArrayList<>(s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(PREFIX) && n.endsWith(SUFFIX);
            }).sorted().toList());
            java.util.Collections.reverse(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Backup describe(Path file, Instant at) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            String sha = HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
            return new Backup(file.getFileName().toString(), Files.size(file), at, sha);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
            throw new UncheckedIOException(e);
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

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The time in a backup's name (UTC, to the millisecond). */
    static Instant timeOf(Path file) {
        String n = file.getFileName().toString();
        return Instant.from(STAMP.parse(n.substring(PREFIX.length(), n.length() - SUFFIX.length())));
    }

    private Path privateTempFile(String prefix, String suffix) throws IOException {
        try {
            return Files.createTempFile(dir, prefix, suffix,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            return Files.createTempFile(dir, prefix, suffix);
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
