package id.simpul.applicant.pii;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Protects NIKs at rest (and 16-digit NPWPs, which are NIKs): AES-256-GCM for the value (only an operator
 * screen with a reason may decrypt it), HMAC-SHA256 for equality and blocking so matching never needs the plain
 * NIK. Both sub-keys are derived from one 32-byte master key, so rotating one secret rotates both.
 */
public final class PiiProtector {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec macKey;
    private final SecureRandom random = new SecureRandom();
    private final ThreadLocal<Mac> macs;
    /** Cipher.getInstance costs more than the encryption itself; a cipher per thread is re-initialised per call. */
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    public PiiProtector(byte[] masterKey) {
        if (masterKey == null || masterKey.length != 32) {
            throw new IllegalArgumentException("the PII key must be 32 bytes");
        }
        this.encryptionKey = new SecretKeySpec(derive(masterKey, "simpul-pii-encryption"), "AES");
        this.macKey = new SecretKeySpec(derive(masterKey, "simpul-pii-hmac"), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(macKey);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** A value as the store keeps it instead of in clear: its {@link #hmac} and its {@link #encrypt}ed form. */
    public record Sealed(String hmac, String cipher) {
    }

    public Sealed seal(String value) {
        return new Sealed(hmac(value), encrypt(value));
    }

    /** Hex HMAC of the value: equal values, equal hashes; useless without the key. */
    public String hmac(String value) {
        return HexFormat.of().formatHex(mac(value));
    }

    /** The first 8 bytes of the HMAC, for the in-memory blocking index. */
    public static long hmacPrefix(String hexHmac) {
        return HexFormat.fromHexDigitsToLong(hexHmac, 0, 16);
    }

    public String encrypt(String value) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("NIK encryption failed", e);
        }
    }

    public String decrypt(String sealed) {
        try {
            byte[] all = Base64.getDecoder().decode(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("NIK decryption failed (wrong key or altered data)", e);
        }
    }

    private byte[] mac(String value) {
        return macs.get().doFinal(value.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] derive(byte[] master, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "PiiProtector[key hidden]";
    }
}
