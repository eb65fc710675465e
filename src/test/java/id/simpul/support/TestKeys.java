package id.simpul.support;

import id.simpul.platform.security.KeyFiles;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The keys a hub on the production profile takes only from the environment (docs/operations.md, "Keys"), as
 * test values in the form each loader takes. Like {@link StandaloneServices#SECRETS} they stand in for the
 * environment variables: the hub reads both through its Spring environment.
 */
public final class TestKeys {

    public static final Map<String, String> KEYS = Map.of(
            "SIMPUL_PII_KEY", key('p'),
            "SIMPUL_SECURITY_SUBJECT_KEY", key('s'),
            "SIMPUL_AUDIT_KEY", key('a'),
            "SIMPUL_BACKUP_KEY", key('b'),
            "SIMPUL_G2G_SECRET_KEY", key('g'),
            "SIMPUL_G2G_SIGNING_JWK", KeyFiles.newSigningJwk());

    private TestKeys() {
    }

    public static void register(DynamicPropertyRegistry registry) {
        KEYS.forEach((variable, value) -> registry.add(variable, () -> value));
    }

    /** Base64 of 32 bytes, each {@code c}: what {@code openssl rand -base64 32} gives, but recognisable. */
    public static String key(char c) {
        return Base64.getEncoder().encodeToString(String.valueOf(c).repeat(32).getBytes(StandardCharsets.US_ASCII));
    }
}
