package id.simpul.g2g.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import id.simpul.g2g.G2gProperties;
import id.simpul.g2g.agency.Agencies;
import id.simpul.g2g.agency.Agency;
import id.simpul.g2g.agency.AgencyClient;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The certificate path of agency authentication: the subject DN of the certificate the TLS layer
 * verified (the servlet attribute Tomcat sets under client auth) names a registered system.
 */
class ClientCertificateAuthenticationTest {

    private static final String SUBJECT = "CN=simbg,O=Dinas PUPR Kabupaten Banyuasin,C=ID";

    @TempDir
    static Path folder;
    private static X509Certificate certificate;

    @BeforeAll
    static void certificate() throws Exception {
        Path store = folder.resolve("agency.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "agency", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", SUBJECT,
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "rahasia",
                "-keypass", "rahasia").redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, "rahasia".toCharArray());
        }
        certificate = (X509Certificate) keyStore.getCertificate("agency");
    }

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aRegisteredCertificateSubjectAuthenticatesItsSystemWithTheAgencysScopes() throws Exception {
        Agencies agencies = mock(Agencies.class);
        when(agencies.byCertificateSubject(anyString())).thenReturn(Optional.empty());
        when(agencies.byCertificateSubject(SUBJECT)).thenReturn(Optional.of(member()));
        MockHttpServletRequest request = request(certificate);
        MockFilterChain chain = new MockFilterChain();

        new AgencyAuthenticationFilter(agencies, new G2gProperties.Auth(true, true), limits(20))
                .doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).as("the request went on").isNotNull();
        AgencyAuthentication auth = (AgencyAuthentication) SecurityContextHolder.getContext().getAuthentication();
        assertThat(auth.getPrincipal().clientId()).isEqualTo("dinas-pupr-banyuasin.simbg");
        assertThat(auth.getPrincipal().has("permits:read")).isTrue();
    }

    @Test
    void anUnregisteredCertificateIsRefusedAndCertificatesAreIgnoredWhenTheHubDoesNotAcceptThem() throws Exception {
        Agencies agencies = mock(Agencies.class);
        when(agencies.byCertificateSubject(anyString())).thenReturn(Optional.empty());
        MockHttpServletResponse refused = new MockHttpServletResponse();

        new AgencyAuthenticationFilter(agencies, new G2gProperties.Auth(true, true), limits(20))
                .doFilter(request(certificate), refused, new MockFilterChain());

        assertThat(refused.getStatus()).isEqualTo(401);
        assertThat(refused.getContentAsString()).contains("client certificate not registered");

        when(agencies.byCertificateSubject(SUBJECT)).thenReturn(Optional.of(member()));
        MockFilterChain chain = new MockFilterChain();
        new AgencyAuthenticationFilter(agencies, new G2gProperties.Auth(true, false), limits(20))
                .doFilter(request(certificate), new MockHttpServletResponse(), chain);
        assertThat(SecurityContextHolder.getContext().getAuthentication()).as("certificates off: anonymous").isNull();
    }

    @Test
    void refusedCredentialsFromOneAddressAreThrottledLikeCallsWithoutCredentials() throws Exception {
        Agencies agencies = mock(Agencies.class);
        when(agencies.byCertificateSubject(anyString())).thenReturn(Optional.empty());
        when(agencies.byApiKey(anyString())).thenReturn(Optional.empty());
        AgencyAuthenticationFilter filter = new AgencyAuthenticationFilter(agencies, new G2gProperties.Auth(true, true),
                limits(2));

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            MockHttpServletRequest guess = new MockHttpServletRequest("GET", "/g2g/v1/permits");
            guess.addHeader(AgencyAuthenticationFilter.API_KEY_HEADER, "guess-" + i);
            MockHttpServletResponse response = new MockHttpServletResponse();
            filter.doFilter(guess, response, new MockFilterChain());
            statuses.add(response.getStatus());
        }
        MockHttpServletResponse certificateGuess = new MockHttpServletResponse();
        filter.doFilter(request(certificate), certificateGuess, new MockFilterChain());

        assertThat(statuses).containsExactly(401, 401, 429);
        assertThat(certificateGuess.getStatus()).isEqualTo(429);
        assertThat(certificateGuess.getHeader("Retry-After")).isNotBlank();
    }

    private static RateLimitFilter limits(int perHour) {
        return new RateLimitFilter(new G2gProperties.RateLimit(perHour, Duration.ofHours(1)));
    }

    private static MockHttpServletRequest request(X509Certificate cert) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/g2g/v1/permits");
        request.setAttribute("jakarta.servlet.request.X509Certificate", new X509Certificate[] {cert});
        return request;
    }

    private static Agencies.Member member() {
        Instant now = Instant.parse("2026-11-29T00:00:00Z");
        return new Agencies.Member(new Agency("dinas-pupr-banyuasin", "Dinas PUPR", List.of("permits:read"),
                List.of("1607"), null, null, true, now, now),
                new AgencyClient("dinas-pupr-banyuasin.simbg", "dinas-pupr-banyuasin", "simbg", null, SUBJECT, null,
                        true, now, null));
    }
}
