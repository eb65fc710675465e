package id.simpul.platform.audit;

import id.simpul.platform.security.KeyFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key the audit chain is keyed with (HMAC-SHA256): {@value #ENV} (base64 of 32 bytes) from the environment,
 * else one generated per installation in {@code <data-dir>/keys/audit.key}. It never goes into the database, so
 * whoever can write the database (a DBA of a separate PostgreSQL server) cannot recompute the chain after
 * changing a row (docs/adr/0008-keyed-audit-chain.md).
 */
public final class AuditKey {

    public static final String ENV = "SIMPUL_AUDIT_KEY";
    private static final Logger log = LoggerFactory.getLogger(AuditKey.class);

    private final SecretKeySpec key;

    public AuditKey(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the audit key must be 32 bytes");
        }
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** The hub's key; generated (and announced, since it must be kept apart from the backups) when there is none. */
    public static AuditKey load(Map<String, String> environment, Path dataDir) {
        Path file = file(dataDir);
        if (!exists(environment, dataDir)) {
            log.warn("{} is not set: the audit log is chained with a key generated in {}. Keep a copy of it apart "
                    + "from the store and its backups: without it the audit chain cannot be verified "
                    + "(docs/operations.md, \"Audit log\")", ENV, file);
        }
        return new AuditKey(KeyFiles.key32(environment.get(ENV), ENV, file));
    }

    /** The key a check outside the hub needs: never generated, since a new key cannot verify the old rows. */
    public static Optional<AuditKey> existing(Map<String, String> environment, Path dataDir) {
        return exists(environment, dataDir)
                ? Optional.of(new AuditKey(KeyFiles.key32(environment.get(ENV), ENV, file(dataDir))))
                : Optional.empty();
    }

    /** Whether the installation has a key already: set in the environment, or generated in its data folder. */
    private static boolean exists(Map<String, String> environment, Path dataDir) {
        return !isBlank(environment.get(ENV)) || Files.exists(file(dataDir));
    }

    String mac(String canonical) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path file(Path dataDir) {
        return dataDir.resolve("keys").resolve("audit.key");
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
