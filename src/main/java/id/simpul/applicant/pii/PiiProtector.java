package id.simpul.applicant.pii;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Protects NIKs at rest (and 16-digit NPWPs, which are NIKs): AES-256-GCM for the value (only an operator
 * screen with a reason may decrypt it), HMAC-SHA256 for equality and blocking so matching never needs the plain
 * NIK. Its sub-keys (and the {@link PayloadSeal}'s) are derived from one 32-byte master key, so rotating one
 * secret rotates all.
 */
public final class PiiProtector {

    private final AesGcm encryption;
    private final SecretKeySpec macKey;
    private final PayloadSeal payloads;
    private final ThreadLocal<Mac> macs;

    public PiiProtector(byte[] masterKey) {
        if (masterKey == null || masterKey.length != 32) {
            throw new IllegalArgumentException("the PII key must be 32 bytes");
        }
        this.encryption = new AesGcm(derive(masterKey, "simpul-pii-encryption"));
        this.payloads = new PayloadSeal(derive(masterKey, "simpul/payload/v1"));
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
            return encryption.encrypt(value);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("NIK encryption failed", e);
        }
    }

    public String decrypt(String sealed) {
        try {
            return encryption.decrypt(sealed);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("NIK decryption failed (wrong key or altered data)", e);
        }
    }

    /** The seal of whole stored payloads, under its own key derived from the same master key. */
    public PayloadSeal payloadSeal() {
        return payloads;
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
