package id.simpul.platform.backup;

import com.google.crypto.tink.StreamingAead;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.h2.tools.Restore;

/**
 * Puts a sealed backup back as the embedded store of a stopped hub. It opens the backup with the key
 * first (a wrong key, or a changed or cut file, is refused before anything moves), refuses while a hub
 * holds the store, then moves the current store and the broker's journal aside (never deletes them) and
 * restores. The journal is moved aside because its messages are newer than the restored store; after the
 * start, reconciliation lists undelivered permits (fix: REPUSH) and a backfill of the NIBs OSS sent after
 * the backup's time catches the rest.
 */
public final class StoreRestore {

    private static final DateTimeFormatter ASIDE = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private StoreRestore() {
    }

    /** What the restore did, for the operator. */
    public record Outcome(Instant backupTime, List<Path> movedAside, Path store) {
    }

    public static Outcome restore(Path sealed, Path dataDir, StreamingAead aead, Clock clock) {
        Path store = dataDir.resolve("store");
        Path plain = null;
        try {
            StoreBackups.createPrivateDirectory(dataDir);
            plain = Files.createTempFile(dataDir, ".restore-", ".zip");
            open(sealed, plain, aead);
            requireH2Backup(plain);
            requireStopped(store.resolve("simpul.mv.db"));
            List<Path> aside = new ArrayList<>();
            String stamp = ASIDE.format(clock.instant());
            for (String name : List.of("store", "broker")) {
                Path current = dataDir.resolve(name);
                if (Files.exists(current)) {
                    Path moved = dataDir.resolve(name + ".replaced-" + stamp);
                    Files.move(current, moved);
                    aside.add(moved);
                }
            }
            Files.createDirectories(store);
            Restore.execute(plain.toString(), store.toString(), "simpul");
            return new Outcome(StoreBackups.timeOf(sealed), aside, store);
        } catch (IOException e) {
            throw new IllegalStateException("restore failed: " + e.getMessage(), e);
        } finally {
            StoreBackups.deleteQuietly(plain);
        }
    }

    private static void open(Path sealed, Path plain, StreamingAead aead) throws IOException {
        try (InputStream in = aead.newDecryptingStream(Files.newInputStream(sealed), BackupKey.ASSOCIATED_DATA);
             OutputStream out = Files.newOutputStream(plain)) {
            in.transferTo(out);
        } catch (GeneralSecurityException | IOException e) {
            // Tink reports a wrong key and a changed or truncated file alike, as an IOException while reading.
            throw new IllegalStateException(sealed.getFileName() + " does not open with this backup key, or it was "
                    + "changed or cut short (" + e.getMessage() + "); nothing was restored");
        }
    }

    private static void requireH2Backup(Path zip) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals("simpul.mv.db")) {
                    return;
                }
            }
        }
        throw new IllegalStateException("the backup holds no simpul store; nothing was restored");
    }

    /** H2 locks its file while a hub has it open. */
    private static void requireStopped(Path file) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = ch.tryLock();
            if (lock == null) {
                throw new IllegalStateException("a hub is using the store in " + file.getParent() + ": stop it first");
            }
            lock.release();
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("a hub is using the store in " + file.getParent() + ": stop it first");
        }
    }
}
