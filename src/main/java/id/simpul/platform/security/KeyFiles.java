package id.simpul.platform.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;

/** Installation keys kept under {@code ${simpul.data-dir}/keys/}: created once, readable by the hub's user only. */
public final class KeyFiles {

    private KeyFiles() {
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
        return Base64.getDecoder().decode(readOrCreate(file, () -> {
            byte[] key = new byte[bytes];
            new SecureRandom().nextBytes(key);
            return Base64.getEncoder().encodeToString(key);
        }));
    }

    /** The file's text; when the file does not exist, {@code create}'s value written there first. */
    public static synchronized String readOrCreate(Path file, Supplier<String> create) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            Files.createDirectories(file.getParent());
            String value = create.get();
            Files.writeString(file, value);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: rely on the folder's permissions.
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
