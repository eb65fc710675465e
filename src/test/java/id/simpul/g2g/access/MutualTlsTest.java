package id.simpul.g2g.access;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.platform.json.Json;
import id.simpul.support.Fixtures;
import id.simpul.support.HubTestSupport;
import id.simpul.support.Keytool;
import id.simpul.support.OssSender;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Agency systems that authenticate with a TLS client certificate, over a real TLS handshake: the
 * hub serves HTTPS with client authentication "want", trusts the agency's certificate, and maps the
 * subject DN Tomcat verified to the system registered with it.
 */
class MutualTlsTest extends HubTestSupport {

    private static final String SUBJECT = "CN=simbg,O=Dinas PUPR Kabupaten Banyuasin,C=ID";
    private static final String PASSWORD = "rahasia-tls";
    private static Path keys;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry registry) throws Exception {
        keys = Files.createTempDirectory("simpul-tls-");
        Keytool.run("-genkeypair", "-alias", "hub", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", file("hub.p12"), "-storepass", PASSWORD, "-keypass", PASSWORD);
        Keytool.run("-genkeypair", "-alias", "agency", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", SUBJECT,
                "-validity", "2", "-storetype", "PKCS12", "-keystore", file("agency.p12"), "-storepass", PASSWORD,
                "-keypass", PASSWORD);
        Keytool.run("-exportcert", "-alias", "agency", "-keystore", file("agency.p12"), "-storepass", PASSWORD,
                "-file", file("agency.cer"));
        Keytool.run("-importcert", "-noprompt", "-alias", "agency", "-file", file("agency.cer"),
                "-storetype", "PKCS12", "-keystore", file("hub-trust.p12"), "-storepass", PASSWORD);
        Keytool.run("-exportcert", "-alias", "hub", "-keystore", file("hub.p12"), "-storepass", PASSWORD,
                "-file", file("hub.cer"));
        Keytool.run("-importcert", "-noprompt", "-alias", "hub", "-file", file("hub.cer"), "-storetype", "PKCS12",
                "-keystore", file("agency-trust.p12"), "-storepass", PASSWORD);
        registry.add("server.ssl.enabled", () -> "true");
        registry.add("server.ssl.key-store", () -> file("hub.p12"));
        registry.add("server.ssl.key-store-type", () -> "PKCS12");
        registry.add("server.ssl.key-store-password", () -> PASSWORD);
        registry.add("server.ssl.client-auth", () -> "want");
        registry.add("server.ssl.trust-store", () -> file("hub-trust.p12"));
        registry.add("server.ssl.trust-store-type", () -> "PKCS12");
        registry.add("server.ssl.trust-store-password", () -> PASSWORD);
        registry.add("simpul.g2g.auth.client-certificates", () -> "true");
    }

    @Test
    void aSystemRegisteredWithItsCertificateSubjectIsAuthenticatedByTheHandshakeAndAnUnknownOneIsNot() throws Exception {
        HttpClient admin = client(null);
        HttpResponse<String> agency = send(admin, "POST", "/api/v1/agencies",
                Fixtures.text("g2g/agency-dinas-pupr-banyuasin.json"));
        assertThat(agency.statusCode()).as(agency.body()).isEqualTo(201);
        HttpResponse<String> system = send(admin, "POST", "/api/v1/agencies/dinas-pupr-banyuasin/clients",
                "{\"system\":\"simbg\",\"certificateSubject\":\"" + SUBJECT + "\",\"apiKey\":false}");
        assertThat(system.statusCode()).as(system.body()).isEqualTo(201);
        assertThat(Json.tree(system.body()).has("apiKey")).as("certificate only").isFalse();

        HttpResponse<String> withCertificate = send(client("agency.p12"), "GET", "/g2g/v1/permits", null);
        HttpResponse<String> without = send(client(null), "GET", "/g2g/v1/permits", null);

        assertThat(withCertificate.statusCode()).as(withCertificate.body()).isEqualTo(200);
        assertThat(Json.tree(withCertificate.body()).has("items")).isTrue();
        assertThat(without.statusCode()).isEqualTo(401);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE actor LIKE '%dinas-pupr-banyuasin%' AND details LIKE :d")
                .param("d", "%client dinas-pupr-banyuasin.simbg%").query(Long.class).single())
                .as("the access is audited under the certificate's system").isPositive();
    }

    /** An HTTPS client trusting the hub's certificate, presenting {@code keyStore}'s key when given. */
    private static HttpClient client(String keyStore) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        KeyManagerFactory keysOf = null;
        if (keyStore != null) {
            keysOf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keysOf.init(load(keyStore), PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load("agency-trust.p12"));
        tls.init(keysOf == null ? null : keysOf.getKeyManagers(), trust.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).build();
    }

    private HttpResponse<String> send(HttpClient client, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + port + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json")
                    .header("Authorization", OssSender.basic(OssSender.ADMIN, OssSender.ADMIN_PASSWORD));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static KeyStore load(String name) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keys.resolve(name))) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private static String file(String name) {
        return keys.resolve(name).toString();
    }
}
