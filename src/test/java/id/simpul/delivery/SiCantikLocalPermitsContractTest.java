package id.simpul.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import id.simpul.platform.SimpulProperties.Target;
import id.simpul.platform.connector.ConnectorContractTest;
import java.time.Duration;
import java.util.List;

/** {@link SiCantikClient#localPermits}, the read of the office's own permits, keeps the connector contract. */
class SiCantikLocalPermitsContractTest extends ConnectorContractTest {

    @Override
    protected MappingBuilder expectedRequest() {
        return get(urlPathEqualTo(SiCantikClient.LOCAL_PERMITS_PATH))
                .withHeader("Authorization", equalTo("Bearer test-token"))
                .withQueryParam("since", equalTo("1764500000000.2026113000001234"))
                .withQueryParam("limit", equalTo("50"));
    }

    @Override
    protected RequestPatternBuilder sentRequest() {
        return getRequestedFor(urlPathEqualTo(SiCantikClient.LOCAL_PERMITS_PATH));
    }

    @Override
    protected ResponseDefinitionBuilder successReply() {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"success\":true,\"message\":\"\",\"data\":{\"items\":[{\"no_permohonan\":\"2026113000005678\","
                        + "\"jenis_izin_id\":\"REKLAME\",\"status\":\"Proses\"}],\"next\":\"1764500060000.2026113000005678\"}}");
    }

    @Override
    protected ResponseDefinitionBuilder refusalReply() {
        return aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"success\":false,\"message\":\"Token tidak valid\"}");
    }

    /** A GET: the JDK's client may send it once more after a reset before any reply byte (harmless for a read). */
    @Override
    protected int maxSendsOnReset() {
        return 2;
    }

    @Override
    protected Object call(String baseUrl) {
        Target target = new Target("contract", "sicantik-cloud", List.of("1607"), baseUrl, "test-token", null,
                "targets/sicantik-cloud.jslt", Duration.ofSeconds(2), TIMEOUT, null, null, null, null, null, null);
        return new SiCantikClient(new TargetHttp()).localPermits(target,
                new SiCantikClient.LocalPermitsRequest("1764500000000.2026113000001234", 50));
    }

    @Override
    protected void assertSuccess(Object result) {
        SiCantikClient.LocalPermitsPage page = (SiCantikClient.LocalPermitsPage) result;
        assertThat(page.items()).hasSize(1);
        assertThat(page.items().get(0).path("no_permohonan").asText()).isEqualTo("2026113000005678");
        assertThat(page.next()).isEqualTo("1764500060000.2026113000005678");
    }
}
