package id.simpul.g2g;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import id.simpul.g2g.events.WebhookSignature;
import id.simpul.g2g.proof.DetachedJws;
import id.simpul.g2g.proof.HubSigningKey;
import id.simpul.platform.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetachedJwsTest {

    @TempDir
    Path dataDir;

    @Test
    void aDetachedSignatureCoversTheExactBytesAndOnlyThePublishedKeyVerifiesIt() throws Exception {
        HubSigningKey key = new HubSigningKey(properties(), dataDir);
        DetachedJws jws = new DetachedJws(key);
        byte[] body = "{\"idIzin\":\"I-1\",\"nama\":\"Siti\"}".getBytes(StandardCharsets.UTF_8);

        String signature = jws.sign(body, Map.of("rid", "r-1"));

        ECKey published = (ECKey) key.publicKeys().getKeys().get(0);
        assertThat(signature.split("\\.", -1)).hasSize(3);
        assertThat(signature.split("\\.", -1)[1]).as("payload detached").isEmpty();
        assertThat(DetachedJws.verify(signature, body, published)).isTrue();
        assertThat(DetachedJws.verify(signature, "{\"idIzin\":\"I-1\",\"nama\":\"Sitı\"}".getBytes(StandardCharsets.UTF_8),
                published)).isFalse();
        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID(published.getKeyID()).generate().toPublicJWK();
        assertThat(DetachedJws.verify(signature, body, stranger)).isFalse();
        assertThat(DetachedJws.verify("garbage", body, published)).isFalse();
    }

    @Test
    void theSigningKeyIsKeptInTheDataFolderAndReusedAfterARestart() {
        String first = new HubSigningKey(properties(), dataDir).keyId();
        String second = new HubSigningKey(properties(), dataDir).keyId();

        assertThat(second).isEqualTo(first);
        assertThat(dataDir.resolve("keys/g2g-signing.jwk")).exists();
    }

    @Test
    void theWebhookHmacChangesWithOneByteAndVerifiesInConstantTime() {
        byte[] body = "{\"eventId\":\"e-1\"}".getBytes(StandardCharsets.UTF_8);
        String header = WebhookSignature.of("whsec_rahasia", body);

        assertThat(header).startsWith("sha256=").hasSize(7 + 64);
        assertThat(WebhookSignature.verify("whsec_rahasia", body, header)).isTrue();
        body[3] ^= 0x01;
        assertThat(WebhookSignature.verify("whsec_rahasia", body, header)).isFalse();
        assertThat(WebhookSignature.verify("whsec_lain", "{}".getBytes(StandardCharsets.UTF_8), header)).isFalse();
    }

    private static G2gProperties properties() {
        return Json.read("{}", G2gProperties.class);
    }
}
