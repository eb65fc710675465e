package id.simpul.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import id.simpul.platform.SimpulProperties.Target;
import id.simpul.platform.connector.ConnectorContractTest;
import java.time.Duration;
import java.util.List;

/** {@link SiCantikClient} keeps the connector contract every target adapter keeps. */
class SiCantikClientContractTest extends ConnectorContractTest {

    private static final String KEY = RegistrationRequest.keyOf("I-202611210915001234567", 1);

    @Override
    protected MappingBuilder expectedRequest() {
        return post(urlPathEqualTo(SiCantikClient.REGISTER_PATH))
                .withHeader("Authorization", equalTo("Bearer test-token"))
                .withHeader("Idempotency-Key", equalTo(KEY));
    }

    @Override
    protected RequestPatternBuilder sentRequest() {
        return postRequestedFor(urlPathEqualTo(SiCantikClient.REGISTER_PATH)).withHeader("Idempotency-Key", equalTo(KEY));
    }

    @Override
    protected ResponseDefinitionBuilder successReply() {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"success\":true,\"message\":\"ok\",\"data\":{\"no_permohonan\":\"2026112100001234\"}}");
    }

    @Override
    protected ResponseDefinitionBuilder refusalReply() {
        return aResponse().withStatus(422).withHeader("Content-Type", "application/json")
                .withBody("{\"success\":false,\"message\":\"jenis_izin_id tidak dikenal\"}");
    }

    @Override
    protected Object call(String baseUrl) {
        // A fresh client per call: TargetHttp keeps one HttpClient per target id.
        Target target = new Target("contract", "sicantik-cloud", List.of("1607"), baseUrl, "test-token", null,
                "targets/sicantik-cloud.jslt", Duration.ofSeconds(2), TIMEOUT, null, null, null, null, null, null);
        return new SiCantikClient(new TargetHttp()).register(target, new RegistrationRequest("I-202611210915001234567", 1, KEY,
                JsonNodeFactory.instance.objectNode().put("id_izin_oss", "I-202611210915001234567")));
    }

    @Override
    protected void assertSuccess(Object result) {
        assertThat(((TargetReceipt) result).targetRef()).isEqualTo("2026112100001234");
    }
}
