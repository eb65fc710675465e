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
