package id.simpul.platform.connector.oss;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import id.simpul.platform.connector.ConnectorContractTest;
import id.simpul.support.Fixtures;
import org.junit.jupiter.api.Test;

/** {@link OssClient} keeps the connector contract, and judges OSS replies by their body, not only by HTTP status. */
class OssClientContractTest extends ConnectorContractTest {

    private static final String PATH = "/v1/kl/rba/inqueryNIB";
    private static final String NIB = "9120301234567";

    @Override
    protected MappingBuilder expectedRequest() {
        return post(urlPathEqualTo(PATH)).withHeader("user_key", equalTo("test-key"))
                .withRequestBody(equalToJson("{\"INQUERYNIB\":{\"nib\":\"" + NIB + "\"}}"));
    }

    @Override
    protected RequestPatternBuilder sentRequest() {
        return postRequestedFor(urlPathEqualTo(PATH)).withHeader("user_key", equalTo("test-key"));
    }

    @Override
    protected ResponseDefinitionBuilder successReply() {
        return json(200, Fixtures.text("oss/inqueryNIB/perorangan-banyuasin.reply.json"));
    }

    @Override
    protected ResponseDefinitionBuilder refusalReply() {
        return json(400, "{\"responinqueryNIB\":{\"kode\":400,\"keterangan\":\"Data Parameter Salah\"}}");
    }

    @Override
    protected Object call(String baseUrl) {
        return client(baseUrl).inqueryNib(NIB);
    }

    @Override
    protected void assertSuccess(Object result) {
        NibData data = (NibData) result;
        assertThat(data.nib()).isEqualTo(NIB);
        assertThat(data.dataNib().path("data_checklist").path(0).path("id_izin").asText())
                .isEqualTo("I-202611210915001234567");
    }

    @Test
    void aKode400InAnHttp200ReplyIsARefusalWithTheKode() {
        server.stubFor(expectedRequest().willReturn(json(200, """
                {"responinqueryNIB": {"kode": 400, "keterangan": "Data NIB tidak ditemukan", "dataNIB": [],}}""")));

        assertThatThrownBy(() -> call(baseUrl())).isInstanceOfSatisfying(OssRefusedException.class, e -> {
            assertThat(e.kode()).isEqualTo(400);
            assertThat(e.getMessage()).contains("kode 400").contains("Data NIB tidak ditemukan");
        });
    }

    @Test
    void aKode504InAnHttp200ReplyIsTransient() {
        server.stubFor(expectedRequest().willReturn(json(200,
                "{\"responinqueryNIB\":{\"kode\":\"504\",\"keterangan\":\"Proses Payload Data Di Sistem OSS Timeout\"}}")));

        assertThatThrownBy(() -> call(baseUrl())).isInstanceOfSatisfying(OssUnavailableException.class,
                e -> assertThat(e.kode()).isEqualTo(504));
    }

    @Test
    void anHttp504WithThePiaTimeoutBodyIsTransient() {
        server.stubFor(expectedRequest().willReturn(json(504,
                "{\"responinqueryNIB\":{\"kode\":504,\"keterangan\":\"Proses Payload Data Di Sistem OSS Timeout\"}}")));

        assertThatThrownBy(() -> call(baseUrl())).isInstanceOfSatisfying(OssUnavailableException.class,
                e -> assertThat(e.kode()).isEqualTo(504));
    }

    @Test
    void anHttp200WithoutTheRootKeyIsTransient() {
        server.stubFor(expectedRequest().willReturn(json(200, "{\"message\":\"ok\"}")));

        assertThatThrownBy(() -> call(baseUrl())).isInstanceOf(OssUnavailableException.class);
    }

    @Test
    void aStringKodeAndAnAlternateRootSpellingAreUnderstood() {
        server.stubFor(expectedRequest().willReturn(json(200,
                Fixtures.text("oss/inqueryNIB/perorangan-banyuasin.reply.json")
                        .replace("\"responinqueryNIB\"", "\"responseInqueryNIB\"")
                        .replace("\"kode\": 200", "\"kode\": \" 200 \""))));

        assertSuccess(call(baseUrl()));
    }

    @Test
    void theUserKeyIsSentAndPersonalDataStaysOutOfFailureMessages() {
        server.stubFor(expectedRequest().willReturn(json(200,
                "{\"responinqueryNIB\":{\"kode\":200,\"dataNIB\":{\"no_identitas\":\"1607111204780003\",")));

        assertThatThrownBy(() -> call(baseUrl())).isInstanceOf(OssUnavailableException.class)
                .message().doesNotContain("1607111204780003");
        server.verify(sentRequest().withHeader("Content-Type", equalTo("application/json")));
    }

    @Test
    void anOssRemarkQuotingTheApplicantsNikAndPhoneIsKeptWithBothMasked() {
        server.stubFor(expectedRequest().willReturn(json(200, """
                {"responinqueryNIB": {"kode": 400,
                  "keterangan": "NIK 1607111204780003 tidak sesuai Dukcapil; no HP 081234567890 tidak valid"}}""")));

        assertThatThrownBy(() -> call(baseUrl())).isInstanceOfSatisfying(OssRefusedException.class, e ->
                assertThat(e.getMessage()).isEqualTo("OSS inqueryNIB answered kode 400: "
                        + "NIK 1607**********03 tidak sesuai Dukcapil; no HP *********890 tidak valid"));
    }

    private static OssClient client(String baseUrl) {
        return new OssClient(baseUrl + "/v1/kl/rba", "test-key", TIMEOUT);
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}
