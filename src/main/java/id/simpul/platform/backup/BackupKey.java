package id.simpul.platform.backup;

import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import id.simpul.platform.security.KeyFiles;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Map;

/**
 * The key backups are sealed with: {@value #ENV} (base64 of 32 bytes) from the environment, else one
 * generated per installation in {@code <data-dir>/keys/backup.key}. Sealing is Tink's streaming AEAD
 * (AES-256-GCM, HKDF-SHA256 per file, 1 MiB segments), so a backup of any size is encrypted and checked
 * in constant memory, and a changed or cut file is refused, not restored.
 */
public final class BackupKey {

    public static final String ENV = "SIMPUL_BACKUP_KEY";
    /** Bound to every backup: a file sealed for another purpose with the same key does not open as a backup. */
    static final byte[] ASSOCIATED_DATA = "simpul-store-backup-v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private BackupKey() {
    }

    public static StreamingAead load(Map<String, String> environment, Path dataDir) {
        byte[] key = KeyFiles.key32(environment.get(ENV), ENV, dataDir.resolve("keys").resolve("backup.key"));
        try {
            return new AesGcmHkdfStreaming(key, "HmacSha256", 32, 1 << 20, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up backup encryption", e);
        }
    }
}
