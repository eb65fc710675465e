package id.simpul.g2g.agency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Agency API keys: 256 random bits behind a recognisable prefix. Only the SHA-256 of a key is
 * stored (a slow hash adds nothing for a key of this entropy), and compared in constant time.
 */
public final class ApiKeys {

    public static final String PREFIX = "sg2g_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What people may see of a key to tell keys apart: the prefix and four more characters. */
    public static String hint(String key) {
        return key.substring(0, Math.min(key.length(), PREFIX.length() + 4)) + "…";
    }

    public static boolean sameHash(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII),
                b.getBytes(StandardCharsets.US_ASCII));
    }
}
