package id.simpul.delivery;

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
import id.simpul.delivery.OssStatusReporter.OssReply;
import id.simpul.platform.connector.ConnectorContractTest;
import id.simpul.platform.connector.oss.OssClient;
import id.simpul.platform.failure.PermanentFailureException;
import id.simpul.platform.failure.TransientFailureException;
import id.simpul.platform.json.Json;
import id.simpul.support.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * Back-sync's reports to OSS go through the OSS connector: the shared connector contract, plus how
 * the PIA's own receiveLicenseStatus / receiveLicense replies are judged.
 */
class OssConnectorStatusReporterTest extends ConnectorContractTest {

    private static final String STATUS = "/v1/kl/rba/receiveLicenseStatus";
    private static final String FINAL = "/v1/kl/rba/receiveLicense";
    private static final String IZINSTATUS = """
            {"IZINSTATUS": {"nib": "9120301234567", "id_produk": "", "id_proyek": "R-1", "oss_id": "O-1",
             "id_izin": "I-202611210915001234567", "kd_izin": "011000000001", "kd_instansi": "160",
             "kd_status": "45", "tgl_status": "2026-11-29 10:00:00", "nip_status": "", "nama_status": "Proses",
             "keterangan": "Sedang diproses", "data_pnbp": {"kd_akun": "", "kd_penerimaan": "", "nominal": ""}}}""";

    @Override
    protected MappingBuilder expectedRequest() {
        return post(urlPathEqualTo(STATUS)).withHeader("user_key", equalTo("test-key"))
                .withRequestBody(equalToJson(IZINSTATUS));
    }

    @Override
    protected RequestPatternBuilder sentRequest() {
        return postRequestedFor(urlPathEqualTo(STATUS)).withHeader("user_key", equalTo("test-key"));
    }

    @Override
    protected ResponseDefinitionBuilder successReply() {
        return json(200, Fixtures.text("delivery/oss-receiveLicenseStatus-success.json"));
    }

    @Override
    protected ResponseDefinitionBuilder refusalReply() {
        return json(400, "{\"responreceiveLicenseStatus\":{\"kode\":400,\"keterangan\":\"Data Parameter Salah\"}}");
    }

    @Override
    protected Object call(String baseUrl) {
        return reporter(baseUrl).reportStatus(Json.tree(IZINSTATUS));
    }

    @Override
    protected void assertSuccess(Object result) {
        assertThat(((OssReply) result).kode()).isEqualTo(200);
    }

    @Test
    void theBodyWithoutItsRootIsSentUnderIt() {
        server.stubFor(expectedRequest().willReturn(successReply()));

        reporter(baseUrl()).reportStatus(Json.tree(IZINSTATUS).get("IZINSTATUS"));

        server.verify(1, sentRequest().withRequestBody(equalToJson(IZINSTATUS)));
    }

    @Test
    void aStringKodeAndAnotherRootSpellingAreAccepted() {
        server.stubFor(expectedRequest().willReturn(json(200,
                "{\"responreceiveStatusLicense\":{\"kode\":\"200\",\"keterangan\":\"Sukses\"}}")));

        OssReply reply = (OssReply) call(baseUrl());

        assertThat(reply.kode()).isEqualTo(200);
        assertThat(reply.keterangan()).isEqualTo("Sukses");
    }

    @Test
    void aRefusalInTheBodyIsPermanentEvenUnderHttpTwoHundred() {
        for (String kode : new String[] {"400", "401", "403", "404", "405"}) {
            server.stubFor(post(urlPathEqualTo(FINAL)).willReturn(json(200,
                    "{\"responreceiveLicense\":{\"kode\":\"" + kode + "\",\"keterangan\":\"Data izin tidak ditemukan\"}}")));

            assertThatThrownBy(() -> reporter(baseUrl()).reportFinal(Json.tree("{\"IZINFINAL\":{\"nib\":\"1\"}}")))
                    .isInstanceOf(PermanentFailureException.class).hasMessageContaining("kode " + kode)
                    .hasMessageContaining("Data izin tidak ditemukan");
        }
    }

    @Test
    void ossFailingOrAnsweringWithoutAKodeIsTransient() {
        server.stubFor(expectedRequest().willReturn(json(200,
                "{\"responreceiveLicenseStatus\":{\"kode\":500,\"keterangan\":\"Proses gagal\"}}")));
        assertThatThrownBy(() -> call(baseUrl())).isInstanceOf(TransientFailureException.class)
                .hasMessageContaining("kode 500");

        server.stubFor(expectedRequest().willReturn(json(200, "")));
        assertThatThrownBy(() -> call(baseUrl())).isInstanceOf(TransientFailureException.class);

        server.stubFor(expectedRequest().willReturn(json(200, "{\"responreceiveLicenseStatus\":{\"keterangan\":\"?\"}}")));
        assertThatThrownBy(() -> call(baseUrl())).isInstanceOf(TransientFailureException.class)
                .hasMessageContaining("without kode");
    }

    @Test
    void aRejectedUserKeyIsPermanent() {
        server.stubFor(expectedRequest().willReturn(json(401, "{\"message\":\"user_key salah\"}")));

        assertThatThrownBy(() -> call(baseUrl())).isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("HTTP 401");
    }

    private static OssConnectorStatusReporter reporter(String baseUrl) {
        return new OssConnectorStatusReporter(new OssClient(baseUrl + "/v1/kl/rba", "test-key", TIMEOUT));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}
