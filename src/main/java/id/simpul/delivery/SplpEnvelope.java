package id.simpul.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SPLP body envelope: {@code {"data": "<hex of IV(12) | AES-256-GCM ciphertext | tag(16)>"}}
 * with key = SHA-256 of the agency's salt. Requests and replies use the same envelope.
 */
public final class SplpEnvelope {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public SplpEnvelope(String salt) {
        if (salt == null || salt.isEmpty()) {
            throw new IllegalArgumentException("SPLP salt is empty");
        }
        this.key = new SecretKeySpec(sha256(salt), "AES");
    }

    /** Encrypts a JSON text into the hex payload of {@code data}. */
    public String seal(String plaintext) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return HexFormat.of().formatHex(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM not available", e);
        }
    }

    /**
     * Decrypts the hex payload of {@code data}.
     *
     * @throws UnreadableEnvelopeException when it is not hex, too short, or fails authentication
     *                                     (another key: the salt differs)
     */
    public String open(String hex) {
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(hex == null ? "" : hex.strip());
        } catch (IllegalArgumentException e) {
            throw new UnreadableEnvelopeException("not hexadecimal");
        }
        if (bytes.length < IV_BYTES + TAG_BITS / 8) {
            throw new UnreadableEnvelopeException("too short (" + bytes.length + " bytes)");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            byte[] plain = cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new UnreadableEnvelopeException("authentication tag does not match (another key)");
        } catch (GeneralSecurityException e) {
            throw new UnreadableEnvelopeException(e.toString());
        }
    }

    private static byte[] sha256(String salt) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(salt.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The envelope cannot be opened with this key. */
    public static final class UnreadableEnvelopeException extends RuntimeException {
        public UnreadableEnvelopeException(String reason) {
            super(reason);
        }
    }
}
