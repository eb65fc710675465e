package id.simpul.g2g.proof;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import java.text.ParseException;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Detached JWS with an unencoded payload (RFC 7515 Appendix F, RFC 7797 {@code b64=false}): the
 * signature covers the exact bytes sent, which travel unchanged as the HTTP body; the header
 * carries {@code header..signature}. Extra protected header parameters bind the bytes to a request.
 */
@Component
public class DetachedJws {

    private final HubSigningKey key;

    public DetachedJws(HubSigningKey key) {
        this.key = key;
    }

    /** {@code <protected header>..<signature>} over {@code body}, with {@code claims} in the protected header. */
    public String sign(byte[] body, Map<String, Object> claims) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(key.keyId())
                .base64URLEncodePayload(false)
                .criticalParams(Set.of("b64"))
                .customParams(claims)
                .build();
        JWSObject jws = new JWSObject(header, new Payload(body));
        try {
            jws.sign(new ECDSASigner(key.privateKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a G2G response", e);
        }
        return jws.serialize(true);
    }

    /** True when {@code detached} is a valid signature by {@code publicKey} over exactly {@code body}. */
    public static boolean verify(String detached, byte[] body, ECKey publicKey) {
        try {
            JWSObject jws = JWSObject.parse(detached, new Payload(body));
            if (!publicKey.getKeyID().equals(jws.getHeader().getKeyID())) {
                return false;
            }
            return jws.verify(new ECDSAVerifier(publicKey.toECPublicKey()));
        } catch (ParseException | JOSEException e) {
            return false;
        }
    }
}
