package id.simpul.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.simulator.SplpSimulator;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The SPLP flavour through the whole hub: OSS push → SPLP (sealed) → SiCantik → local decision → OSS. */
class SplpDeliveryEndToEndTest extends AllFlavoursTestSupport {

    @Test
    void aPermitForMusiBanyuasinTravelsSealedThroughSplpAndItsDecisionReachesOss() {
        String nib = "9120301280001";
        String idIzin = "I-202611210915280001";
        push(permitIn("1606032004", nib, idIzin), nib);

        JsonNode entry = awaitState(nib, "DELIVERED");

        assertThat(entry.path("targetId").asText()).isEqualTo("muba");
        String no = entry.path("targetRef").asText();
        assertThat(muba.permits().find(no)).isPresent();
        muba.wireMock().verify(1, postRequestedFor(urlPathEqualTo(SplpSimulator.BASE_PATH + "/permohonan"))
                .withHeader("auth", equalTo("Bearer splp-token"))
                .withHeader("apikey", equalTo("splp-key"))
                .withHeader("Idempotency-Key", equalTo("simpul:" + idIzin + ":v1"))
                .withRequestBody(matchingJsonPath("$.data", matching("[0-9a-f]+")))
                .withRequestBody(notContaining("Muhammad Yusuf")));

        String noIzin = muba.advance(no, "Selesai").noIzin();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> oss.wireMock().verify(1,
                postRequestedFor(urlPathEqualTo("/v1/kl/rba/receiveLicense"))
                        .withRequestBody(matchingJsonPath("$.IZINFINAL.id_izin", equalTo(idIzin)))
                        .withRequestBody(matchingJsonPath("$.IZINFINAL.nomor_izin", equalTo(noIzin)))
                        .withRequestBody(matchingJsonPath("$.IZINFINAL.kd_daerah", equalTo("1606032004")))));
        oss.wireMock().verify(postRequestedFor(urlPathEqualTo("/v1/kl/rba/receiveLicenseStatus"))
                .withRequestBody(matchingJsonPath("$.IZINSTATUS.id_izin", equalTo(idIzin)))
                .withRequestBody(matchingJsonPath("$.IZINSTATUS.kd_status", equalTo("50"))));
    }
}
