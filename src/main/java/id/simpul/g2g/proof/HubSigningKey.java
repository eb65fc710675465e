package id.simpul.g2g.proof;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import id.simpul.g2g.G2gProperties;
import id.simpul.platform.SimpulProperties;
import id.simpul.platform.security.KeyFiles;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The hub's G2G signing key: an EC P-256 key pair, from {@code simpul.g2g.signing.jwk} (a private
 * JWK, e.g. from the environment) or generated on first start into
 * {@code ${simpul.data-dir}/keys/g2g-signing.jwk}. Its public half is published at {@code /g2g/v1/keys};
 * the key id is the JWK thumbprint (RFC 7638).
 */
@Component
public class HubSigningKey {

    private final ECKey key;

    @Autowired
    public HubSigningKey(G2gProperties properties, SimpulProperties simpul) {
        this(properties, simpul.dataDir());
    }

    public HubSigningKey(G2gProperties properties, Path dataDir) {
        String configured = properties.signing().jwk();
        String jwk = configured != null && !configured.isBlank() ? configured
                : KeyFiles.readOrCreate(dataDir.resolve("keys").resolve("g2g-signing.jwk"), KeyFiles::newSigningJwk);
        this.key = parse(jwk);
    }

    public ECKey privateKey() {
        return key;
    }

    public String keyId() {
        return key.getKeyID();
    }

    /** The public keys agencies verify with (JWKS). */
    public JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    private static ECKey parse(String jwk) {
        try {
            ECKey parsed = KeyFiles.signingJwk(jwk);
            if (parsed.getKeyID() == null) {
                parsed = new ECKey.Builder(parsed).keyIDFromThumbprint().build();
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the G2G signing JWK " + e.getMessage());
        } catch (JOSEException e) {
            throw new IllegalStateException("the G2G signing key is not a valid EC JWK", e);
        }
    }
}
