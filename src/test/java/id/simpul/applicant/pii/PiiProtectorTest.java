package id.simpul.applicant.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PiiProtectorTest {

    private static final String NIK = "1671011505900003";

    @TempDir
    Path dataDir;

    @Test
    void nikIsEncryptedWithAFreshIvAndDecryptsBack() {
        PiiProtector pii = new PiiProtector(new byte[32]);

        String one = pii.encrypt(NIK);
        String two = pii.encrypt(NIK);

        assertThat(one).isNotEqualTo(two).doesNotContain(NIK);
        assertThat(pii.decrypt(one)).isEqualTo(NIK);
    }

    @Test
    void hmacIsEqualForEqualNiksAndDependsOnTheKey() {
        byte[] other = new byte[32];
        other[0] = 1;

        assertThat(new PiiProtector(new byte[32]).hmac(NIK)).isEqualTo(new PiiProtector(new byte[32]).hmac(NIK))
                .isNotEqualTo(new PiiProtector(other).hmac(NIK)).hasSize(64);
    }

    @Test
    void ciphertextFromAnotherKeyIsRejected() {
        byte[] other = new byte[32];
        other[5] = 9;
        String sealed = new PiiProtector(new byte[32]).encrypt(NIK);

        assertThatThrownBy(() -> new PiiProtector(other).decrypt(sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void keyFromTheEnvironmentWins() {
        byte[] key = new byte[32];
        key[31] = 7;
        PiiProtector fromEnv = PiiKeys.load(Map.of(PiiKeys.ENV, Base64.getEncoder().encodeToString(key)), dataDir);

        assertThat(fromEnv.hmac(NIK)).isEqualTo(new PiiProtector(key).hmac(NIK));
        assertThat(dataDir.resolve("keys")).doesNotExist();
    }

    @Test
    void keyOfTheWrongLengthInTheEnvironmentIsRefused() {
        assertThatThrownBy(() -> PiiKeys.load(Map.of(PiiKeys.ENV, "c2hvcnQ="), dataDir))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("32 bytes");
    }

    @Test
    void withoutTheEnvironmentAPerInstallationKeyIsGeneratedOnceReadableByOwnerOnly() throws Exception {
        PiiProtector first = PiiKeys.load(Map.of(), dataDir);
        PiiProtector second = PiiKeys.load(Map.of(), dataDir);
        Path file = dataDir.resolve("keys/pii.key");

        assertThat(first.hmac(NIK)).isEqualTo(second.hmac(NIK));
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void protectorNeverPrintsItsKey() {
        assertThat(new PiiProtector(new byte[32]).toString()).doesNotContain("AAAA").contains("hidden");
    }
}
