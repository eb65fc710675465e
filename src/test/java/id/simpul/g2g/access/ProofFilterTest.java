package id.simpul.g2g.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import id.simpul.g2g.G2gProperties;
import id.simpul.g2g.proof.DetachedJws;
import id.simpul.g2g.proof.HubSigningKey;
import id.simpul.platform.audit.AuditLog;
import id.simpul.platform.json.Json;
import id.simpul.platform.metrics.FlowMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Which G2G answers become rows of the audit chain, and which are only counted. */
class ProofFilterTest {

    @TempDir
    Path dataDir;

    private final AuditLog audit = mock(AuditLog.class);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void aRefusedCallWithoutCredentialsIsAuditedButOneItsAddressLimitTurnedAwayIsOnlyCounted() throws Exception {
        ProofFilter filter = filter();

        MockHttpServletResponse refused = call(filter, 401);
        MockHttpServletResponse throttled = call(filter, 429);

        verify(audit, times(1)).append(any());
        assertThat(refused.getHeader(ProofFilter.SIGNATURE)).isNotBlank();
        assertThat(throttled.getHeader(ProofFilter.SIGNATURE)).as("still signed").isNotBlank();
        assertThat(meters.get("simpul.messages").tag("flow", "g2g-unauthenticated").tag("outcome", "rate-limited")
                .counter().count()).isEqualTo(1.0);
    }

    @Test
    void anAgencyOverItsLimitIsStillAudited() throws Exception {
        ProofFilter filter = filter();
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/g2g/v1/permits");
        FilterChain chain = (req, res) -> {
            G2gAccess.of((HttpServletRequest) req).agency(new AgencyPrincipal("dinas-pupr-banyuasin",
                    "dinas-pupr-banyuasin.simbg", "Dinas PUPR", List.of("permits:read"), List.of("1607"), 1, 60));
            ((HttpServletResponse) res).setStatus(429);
        };

        filter.doFilter(request, new MockHttpServletResponse(), chain);

        verify(audit, times(1)).append(any());
    }

    @Test
    void aPublicDocumentReadAnonymouslyIsNotAudited() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/g2g/v1/catalogue");
        FilterChain chain = (req, res) -> G2gAccess.of((HttpServletRequest) req).action("CATALOGUE", true);

        filter().doFilter(request, new MockHttpServletResponse(), chain);

        verify(audit, never()).append(any());
    }

    /**
     * The audit chain keeps each call's path and query for good and shows it to auditors: a NIK or a phone number
     * that an agency (or anyone, refused) put in a URL was written into it as sent.
     */
    @Test
    void aNikOrPhoneNumberInTheCalledAddressIsMaskedInTheAuditRow() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/g2g/v1/applicants/1671136504812375");
        request.setQueryString("nik=1607111204780003&hp=081234567890");
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter().doFilter(request, response, (req, res) -> ((HttpServletResponse) res).setStatus(404));

        ArgumentCaptor<AuditLog.Event> row = ArgumentCaptor.forClass(AuditLog.Event.class);
        verify(audit).append(row.capture());
        assertThat(row.getValue().details()).doesNotContain("1671136504812375", "1607111204780003", "081234567890")
                .contains("GET /g2g/v1/applicants/1671**********75?nik=1607**********03&hp=").contains("-> 404");
        assertThat(Json.tree(new String(java.util.Base64.getUrlDecoder().decode(
                response.getHeader(ProofFilter.SIGNATURE).split("\\.")[0]))).path("htu").asText())
                .as("the signature names the address as the caller sent it").contains("1671136504812375");
    }

    private ProofFilter filter() {
        return new ProofFilter(new DetachedJws(new HubSigningKey(Json.read("{}", G2gProperties.class), dataDir)), audit,
                Clock.systemUTC(), new FlowMetrics(meters));
    }

    private static MockHttpServletResponse call(ProofFilter filter, int status) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest("GET", "/g2g/v1/permits"), response,
                (req, res) -> ((HttpServletResponse) res).setStatus(status));
        return response;
    }
}
