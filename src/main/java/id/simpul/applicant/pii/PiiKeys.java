package id.simpul.applicant.pii;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the NIK key comes from: the environment variable {@value #ENV} (base64 of 32 bytes) in any
 * real installation; otherwise a key generated once per installation under {@code <dataDir>/keys/}
 * (readable by the owner only), announced once in the log. The key itself is never logged.
 */
public final class PiiKeys {

    public static final String ENV = "SIMPUL_PII_KEY";
    private static final Logger log = LoggerFactory.getLogger(PiiKeys.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private PiiKeys() {
    }

    public static PiiProtector load(Map<String, String> environment, Path dataDir) {
        String fromEnv = environment.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(fromEnv.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(ENV + " is not base64");
            }
            if (key.length != 32) {
                throw new IllegalStateException(ENV + " must be base64 of 32 bytes, got " + key.length + " bytes");
            }
            return new PiiProtector(key);
        }
        return new PiiProtector(installationKey(dataDir.resolve("keys").resolve("pii.key")));
    }

    /**
     * The key cannot be had as this installation requires (on the hub's production profile: only from
     * {@value #ENV}); the message says why and what to do. Thrown by a key source the caller supplies.
     */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message) {
            super(message);
        }
    }

    private static boolean announced;

    private static synchronized byte[] installationKey(Path file) {
        try {
            if (Files.exists(file)) {
                if (!announced) {
                    announced = true;
                    log.info("{} is not set: using the generated per-installation PII key in {}", ENV, file.getParent());
                }
                ownerOnly(file);
                return Base64.getDecoder().decode(Files.readString(file).strip());
            }
            announced = true;
            Files.createDirectories(file.getParent());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardOpenOption.TRUNCATE_EXISTING);
            log.warn("{} is not set: NIKs are protected with a generated per-installation key in {}. "
                    + "Set {} in production. A restored store needs this key: keep a copy in a safe place apart from"
                    + " the backups (docs/operations.md, \"Backups\").", ENV, file.getParent(), ENV);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the PII key in " + file.getParent(), e);
        }
    }

    /**
     * A pii.key copied back by hand for a restore ({@code cp -r}: the umask's mode) would let every local
     * account decrypt the NIKs: it is made the hub's user's only again (as platform's KeyFiles does for the
     * other keys; this package stays free of platform code).
     */
    private static void ownerOnly(Path file) throws IOException {
        try {
            if (!OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file))) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
                log.warn("{} was readable by other accounts; made readable by the hub's user only", file);
            }
        } catch (UnsupportedOperationException notPosix) {
            // Windows: rely on the folder's permissions.
        }
    }
}
