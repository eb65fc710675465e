package id.simpul.applicant.pii;

import java.security.GeneralSecurityException;

/**
 * Seals whole stored payloads (the permits the hub moves: JSON of kilobytes) at rest: AES-256-GCM under a key
 * derived from the PII key, so operators keep one secret. The stored form is {@value #PREFIX} and base64, which
 * no JSON text starts with: {@link #open} hands rows written before sealing back as they are.
 */
public final class PayloadSeal {

    /** The version of the stored form; a new cipher or key derivation gets a new prefix, and both open. */
    public static final String PREFIX = "sealed:v1:";

    private final AesGcm aes;

    PayloadSeal(byte[] key) {
        this.aes = new AesGcm(key);
    }

    /** The value as stored; null stays null. */
    public String seal(String clear) {
        if (clear == null) {
            return null;
        }
        try {
            return PREFIX + aes.encrypt(clear);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("payload sealing failed", e);
        }
    }

    /** The clear value of a stored one, sealed or (written before sealing) in clear; null stays null. */
    public String open(String stored) {
        if (!isSealed(stored)) {
            return stored;
        }
        try {
            return aes.decrypt(stored.substring(PREFIX.length()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a sealed payload does not open: another PII key, or altered data", e);
        }
    }

    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    @Override
    public String toString() {
        return "PayloadSeal[key hidden]";
    }
}
