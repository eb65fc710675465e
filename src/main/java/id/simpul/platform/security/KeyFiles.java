package id.simpul.platform.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.PropertyResolver;

/** Installation keys kept under {@code ${simpul.data-dir}/keys/}: created once, readable by the hub's user only. */
public final class KeyFiles {

    private static final Logger log = LoggerFactory.getLogger(KeyFiles.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private KeyFiles() {
    }

    /**
     * The variable {@code name} as the running hub reads a key from it: through its Spring environment (the
     * process environment; a test's properties), the very source {@code ProductionSecrets} checks on the
     * production profile, so a key that passed the check is the key in use. Offline commands read
     * {@code System.getenv()}.
     */
    public static Map<String, String> variable(PropertyResolver environment, String name) {
        String value = environment.getProperty(name);
        return value == null ? Map.of() : Map.of(name, value);
    }

    /**
     * A 32-byte key: {@code configured} (Base64, from the environment) when set, else the installation's
     * own in {@code file}, created on first use. {@code name} names the setting in errors; the key never
     * appears in one.
     */
    public static byte[] key32(String configured, String name, Path file) {
        if (configured == null || configured.isBlank()) {
            return randomKey(file, 32);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(configured.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " is not base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException(name + " must be base64 of 32 bytes, got " + key.length + " bytes");
        }
        return key;
    }

    /** A random key of {@code bytes} bytes kept Base64-encoded in {@code file}. */
    public static byte[] randomKey(Path file, int bytes) {
        return Base64.getDecoder().decode(readOrCreate(file, () -> newKey(bytes)));
    }

    /** A new random key of {@code bytes} bytes, Base64-encoded (as its file and its variable hold it). */
    public static String newKey(int bytes) {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** A new EC P-256 signing key as a private JWK (JSON), its key id the JWK thumbprint (RFC 7638). */
    public static String newSigningJwk() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).keyIDFromThumbprint(true).generate()
                    .toJSONString();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a signing key", e);
        }
    }

    /**
     * {@code jwk} as the hub signs with it (ES256, {@code DetachedJws}): a private EC P-256 key. The message says
     * what it is not, never the key.
     *
     * @throws IllegalArgumentException when it is not such a key
     */
    public static ECKey signingJwk(String jwk) {
        ECKey key;
        try {
            key = ECKey.parse(jwk.strip());
        } catch (ParseException | RuntimeException e) {
            throw new IllegalArgumentException("is not an EC JWK");
        }
        if (!Curve.P_256.equals(key.getCurve())) {
            throw new IllegalArgumentException("is on curve " + key.getCurve() + ", not P-256 (ES256)");
        }
        if (!key.isPrivate()) {
            throw new IllegalArgumentException("has no private part");
        }
        return key;
    }

    /** The file's text; when the file does not exist, {@code create}'s value written there first. */
    public static synchronized String readOrCreate(Path file, Supplier<String> create) {
        try {
            if (Files.exists(file)) {
                ownerOnly(file);
                return Files.readString(file).strip();
            }
            Files.createDirectories(file.getParent());
            String value = create.get();
            // Created with its mode, not chmod-ed after the write: no moment (or crash) leaves it readable by others.
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: rely on the folder's permissions.
                Files.createFile(file);
            }
            Files.writeString(file, value, StandardOpenOption.TRUNCATE_EXISTING);
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A key copied back by hand (docs/operations.md has the keys folder copied into a new data folder to
     * restore; {@code cp -r} gives the copy the umask's mode, readable by every local account) is made the
     * hub's user's only again, with a warning, rather than read as it is.
     */
    static void ownerOnly(Path file) throws IOException {
        try {
            if (!OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file))) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
                log.warn("key file {} was readable by other accounts; made readable by the hub's user only", file);
            }
        } catch (UnsupportedOperationException notPosix) {
            // Windows: rely on the folder's permissions.
        }
    }
}
