package id.simpul.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.applicant.pii.PiiKeys;
import id.simpul.platform.backup.BackupKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installation's keys (data/keys/) are readable by the hub's user only. docs/operations.md has IT staff
 * copy the old keys folder into a new data folder to restore; a plain {@code cp -r} gives the copies the
 * umask's mode (rw-r--r--), and the hub read them as they were: every local account could read the key
 * that decrypts the NIKs, the backup key and the G2G signing key. The hub now takes such a key back to
 * rw------- when it reads it.
 */
class KeyFilePermissionsTest {

    private static final String READABLE_BY_ALL = "rw-r--r--";
    private static final String OWNER_ONLY = "rw-------";

    @Test
    void keysCopiedBackReadableByOthersAreMadeTheOwnersOnlyWhenRead(@TempDir Path dataDir) throws Exception {
        Path keys = Files.createDirectories(dataDir.resolve("keys"));
        Path subject = copiedBack(keys.resolve("subject.key"));
        Path backup = copiedBack(keys.resolve("backup.key"));
        Path pii = copiedBack(keys.resolve("pii.key"));

        new PersonalData("", dataDir);
        BackupKey.existing(Map.of(), dataDir);
        PiiKeys.load(Map.of(), dataDir);

        assertThat(mode(subject)).as("subject.key").isEqualTo(OWNER_ONLY);
        assertThat(mode(backup)).as("backup.key").isEqualTo(OWNER_ONLY);
        assertThat(mode(pii)).as("pii.key").isEqualTo(OWNER_ONLY);
    }

    @Test
    void aKeyTheHubMakesIsTheOwnersOnlyFromTheStart(@TempDir Path dataDir) throws Exception {
        new PersonalData("", dataDir);

        assertThat(mode(dataDir.resolve("keys/subject.key"))).isEqualTo(OWNER_ONLY);
    }

    private static Path copiedBack(Path file) throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.writeString(file, Base64.getEncoder().encodeToString(key));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(READABLE_BY_ALL));
        return file;
    }

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }
}
