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
import java.util.stream.Stream;
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
        String stamp = ASIDE.format(clock.instant());
        Path restoring = dataDir.resolve("store.restoring-" + stamp);
        Path plain = null;
        try {
            StoreBackups.createPrivateDirectory(dataDir);
            plain = StoreBackups.privateTempFile(dataDir, ".restore-", ".zip");
            Instant backupTime = open(sealed, plain, aead);
            requireH2Backup(plain);
            requireStopped(store.resolve("simpul.mv.db"));
            // Restored beside the current store first: a failure here (disk full) leaves the current one as it was.
            Files.createDirectories(restoring);
            Restore.execute(plain.toString(), restoring.toString(), "simpul");
            if (!Files.exists(restoring.resolve("simpul.mv.db"))) {
                throw new IllegalStateException("the backup did not restore a store; nothing was changed");
            }
            // The audit rows written after the backup are not in the restored chain, which still verifies:
            // the next start says so in the audit log (RestoreMarker), naming where the old store was kept.
            // Written before the swap, so that nothing can fail once the old store has been moved aside.
            List<String> keptAs = Stream.of("store", "broker").filter(name -> Files.exists(dataDir.resolve(name)))
                    .map(name -> name + ".replaced-" + stamp).toList();
            Files.writeString(restoring.resolve(RestoreMarker.FILE), "backup of " + backupTime + (keptAs.isEmpty()
                    ? " (there was no previous store)" : "; previous store and journal kept as " + keptAs));
            List<Path> aside = swap(dataDir, restoring, store, stamp);
            return new Outcome(backupTime, aside, store);
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalStateException refused) {
                throw refused;
            }
            throw new IllegalStateException("restore failed (" + e.getMessage() + "); nothing was changed", e);
        } finally {
            StoreBackups.deleteQuietly(plain);
            deleteTree(restoring);
        }
    }

    /** Moves the current store and journal aside and the restored store in; on any failure, puts them back. */
    private static List<Path> swap(Path dataDir, Path restoring, Path store, String stamp) {
        List<Path[]> moved = new ArrayList<>();
        try {
            for (String name : List.of("store", "broker")) {
                Path current = dataDir.resolve(name);
                if (Files.exists(current)) {
                    Path aside = dataDir.resolve(name + ".replaced-" + stamp);
                    Files.move(current, aside);
                    moved.add(new Path[] {current, aside});
                }
            }
            Files.move(restoring, store);
        } catch (IOException | RuntimeException e) {
            for (int i = moved.size() - 1; i >= 0; i--) {
                try {
                    Files.move(moved.get(i)[1], moved.get(i)[0]);
                } catch (IOException back) {
                    throw new IllegalStateException("restore failed (" + e.getMessage() + ") and " + moved.get(i)[1]
                            + " could not be put back as " + moved.get(i)[0] + ": move it back by hand", e);
                }
            }
            throw new IllegalStateException("restore failed (" + e.getMessage() + "); the store and journal were put "
                    + "back as they were", e);
        }
        return moved.stream().map(m -> m[1]).toList();
    }

    private static Instant open(Path sealed, Path plain, StreamingAead aead) throws IOException {
        try (InputStream in = aead.newDecryptingStream(Files.newInputStream(sealed), BackupKey.ASSOCIATED_DATA);
             OutputStream out = Files.newOutputStream(plain)) {
            Instant at = BackupKey.readHeader(in);
            in.transferTo(out);
            return at;
        } catch (GeneralSecurityException | IOException e) {
            // Tink reports a wrong key and a changed or truncated file alike, as an IOException while reading.
            throw new IllegalStateException(sealed.getFileName() + " does not open with this backup key, or it was "
                    + "changed or cut short (" + e.getMessage() + "); nothing was restored");
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(StoreBackups::deleteQuietly);
        } catch (IOException e) {
            // Best effort: a leftover restoring folder holds nothing the restored store does not.
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
        if (inUse(file)) {
            throw new IllegalStateException("a hub is using the store in " + file.getParent() + ": stop it first");
        }
    }

    /** Whether a hub holds the embedded store file {@code simpul.mv.db} (H2 locks it while open). */
    public static boolean inUse(Path file) throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = ch.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        }
    }
}
