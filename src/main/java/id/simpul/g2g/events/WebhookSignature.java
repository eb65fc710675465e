package id.simpul.g2g.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature header: {@code X-Simpul-Webhook-Signature: sha256=<hex>}, the HMAC-SHA256
 * of the exact request body under the subscription's secret. Agencies verify it the same way.
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Simpul-Webhook-Signature";
    private static final String PREFIX = "sha256=";

    private WebhookSignature() {
    }

    public static String of(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time check of a received header against the body. */
    public static boolean verify(String secret, byte[] body, String header) {
        return header != null && MessageDigest.isEqual(of(secret, body).getBytes(StandardCharsets.US_ASCII),
                header.strip().getBytes(StandardCharsets.US_ASCII));
    }
}
