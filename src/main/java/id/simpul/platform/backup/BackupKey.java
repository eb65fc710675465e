package id.simpul.platform.backup;

import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import id.simpul.platform.security.KeyFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key backups are sealed with: {@value #ENV} (base64 of 32 bytes) from the environment, else one
 * generated per installation in {@code <data-dir>/keys/backup.key}. Sealing is Tink's streaming AEAD
 * (AES-256-GCM, HKDF-SHA256 per file, 1 MiB segments), so a backup of any size is encrypted and checked
 * in constant memory, and a changed or cut file is refused, not restored. Inside the seal, a one-line
 * header gives the format and the backup's time, so a renamed file still restores with its true time.
 */
public final class BackupKey {

    public static final String ENV = "SIMPUL_BACKUP_KEY";
    /** Bound to every backup: a file sealed for another purpose with the same key does not open as a backup. */
    static final byte[] ASSOCIATED_DATA = "simpul-store-backup-v1".getBytes(StandardCharsets.US_ASCII);
    private static final String MAGIC = "SIMPUL-STORE-BACKUP 1 ";
    private static final Logger log = LoggerFactory.getLogger(BackupKey.class);

    private BackupKey() {
    }

    /** The hub's key; generated (and announced, since it must be kept apart from the backups) when there is none. */
    public static StreamingAead load(Map<String, String> environment, Path dataDir) {
        Path file = file(dataDir);
        if (isBlank(environment.get(ENV)) && !Files.exists(file)) {
            log.warn("{} is not set: store backups are sealed with a key generated in {}. Keep a copy of it apart "
                    + "from the backups: without it no backup can be opened (docs/operations.md, \"Backups\")", ENV, file);
        }
        return aead(KeyFiles.key32(environment.get(ENV), ENV, file));
    }

    /** The key a restore needs: never generated, since a new key cannot open an old backup. */
    public static StreamingAead existing(Map<String, String> environment, Path dataDir) {
        Path file = file(dataDir);
        if (isBlank(environment.get(ENV)) && !Files.exists(file)) {
            throw new IllegalStateException("no backup key: set " + ENV + " or copy the old installation's "
                    + "keys/backup.key to " + file + "; nothing was restored");
        }
        return aead(KeyFiles.key32(environment.get(ENV), ENV, file));
    }

    static byte[] header(Instant at) {
        return (MAGIC + at + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads the header from a decrypted stream, leaving the stream at the zip; refuses what is not a backup. */
    static Instant readHeader(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0 || line.length() > 100) {
                throw new IOException("not a Simpul store backup");
            }
            line.append((char) c);
        }
        if (!line.toString().startsWith(MAGIC)) {
            throw new IOException("not a Simpul store backup of a known format");
        }
        try {
            return Instant.parse(line.substring(MAGIC.length()));
        } catch (DateTimeException e) {
            throw new IOException("the backup's header has no valid time");
        }
    }

    private static StreamingAead aead(byte[] key) {
        try {
            return new AesGcmHkdfStreaming(key, "HmacSha256", 32, 1 << 20, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up backup encryption", e);
        }
    }

    private static Path file(Path dataDir) {
        return dataDir.resolve("keys").resolve("backup.key");
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
