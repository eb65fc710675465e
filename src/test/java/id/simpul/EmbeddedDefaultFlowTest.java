package id.simpul;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.json.Json;
import id.simpul.support.Fixtures;
import id.simpul.support.HubTestSupport;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EmbeddedDefaultFlowTest extends HubTestSupport {

    private static final String NIB = "9120301234567";
    private static final String ID_IZIN = "I-202611210915001234567";

    @Test
    void oneReceiveNibIsStoredConvertedDeliveredAndVisibleInTheTrail() {
        HttpResponse<String> ack = ossSender.receiveNib(Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json"), NIB);

        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(Json.tree(ack.body()).path("responreceiveNIB").path("status").asText()).isEqualTo("1");

        JsonNode entry = await().atMost(Duration.ofSeconds(20)).until(
                () -> Json.tree(ossSender.get("/api/v1/trail?nib=" + NIB).body()).path("entries").path(0).path("entry"),
                e -> "DELIVERED".equals(e.path("state").asText()));
        assertThat(entry.path("idIzin").asText()).isEqualTo(ID_IZIN);
        assertThat(entry.path("version").asInt()).isEqualTo(1);
        assertThat(entry.path("attempts").asInt()).isEqualTo(1);
        assertThat(entry.path("targetId").asText()).isEqualTo("banyuasin");
        assertThat(entry.path("targetRef").asText()).matches("[0-9]{16}");
        // The applicant went through the registry: the message carries the master applicant id, and the
        // trail finds the permit by it.
        String applicantId = Json.tree(ossSender.get("/api/v1/trail?nib=" + NIB).body())
                .path("entries").path(0).path("canonical").path("applicantId").asText();
        assertThat(applicantId).isNotBlank();
        assertThat(ossSender.get("/api/v1/trail?applicantId=" + applicantId).body()).contains(ID_IZIN);
        sicantik.wireMock().verify(postRequestedFor(urlPathEqualTo("/api/v1/permohonan"))
                .withRequestBody(matchingJsonPath("$.id_pemohon", equalTo(applicantId))));

        // Only the checklist entry routed to this region (1607…) was pushed, with the mapped fields.
        sicantik.wireMock().verify(1, postRequestedFor(urlPathEqualTo("/api/v1/permohonan")));
        sicantik.wireMock().verify(postRequestedFor(urlPathEqualTo("/api/v1/permohonan"))
                .withHeader("Idempotency-Key", equalTo("simpul:" + ID_IZIN + ":v1"))
                .withRequestBody(matchingJsonPath("$.id_izin_oss", equalTo(ID_IZIN)))
                .withRequestBody(matchingJsonPath("$.nib", equalTo(NIB)))
                .withRequestBody(matchingJsonPath("$.jenis_izin_id", equalTo("011000000001")))
                .withRequestBody(matchingJsonPath("$.nama", equalTo("H. Muhammad Yusuf, S.E.")))
                .withRequestBody(matchingJsonPath("$.no_identitas", equalTo("1607111204780003")))
                .withRequestBody(matchingJsonPath("$.npwp", equalTo("092542943312000")))
                .withRequestBody(matchingJsonPath("$.kbli", equalTo("41011")))
                .withRequestBody(matchingJsonPath("$.kd_daerah", equalTo("1607112003"))));
    }

    @Test
    void theSamePushSentAgainIsAcknowledgedButNotDeliveredTwice() {
        String body = Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json").replace(NIB, "9120301234568")
                .replace(ID_IZIN, "I-202611210915001234568");
        ossSender.receiveNib(body, "9120301234568");
        await().atMost(Duration.ofSeconds(20)).until(() -> ossSender.get("/api/v1/trail?nib=9120301234568").body(),
                b -> b.contains("\"DELIVERED\""));

        HttpResponse<String> again = ossSender.receiveNib(body, "9120301234568");

        assertThat(Json.tree(again.body()).path("responreceiveNIB").path("status").asText()).isEqualTo("1");
        await().atMost(Duration.ofSeconds(20)).until(() -> ossSender.get("/api/v1/trail?nib=9120301234568").body(),
                b -> b.contains("DUPLICATE_IGNORED"));
        JsonNode trail = Json.tree(ossSender.get("/api/v1/trail?nib=9120301234568").body());
        assertThat(trail.path("entries")).hasSize(1);
        sicantik.wireMock().verify(1, postRequestedFor(urlPathEqualTo("/api/v1/permohonan"))
                .withRequestBody(matchingJsonPath("$.nib", equalTo("9120301234568"))));
    }

    @Test
    void healthCoversBrokerAndStoreAndPrometheusCountsFlowsAndRoutes() {
        String nib = "9120301234569";
        ossSender.receiveNib(Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json").replace(NIB, nib)
                .replace(ID_IZIN, "I-202611210915001234569"), nib);
        await().atMost(Duration.ofSeconds(20)).until(() -> ossSender.get("/api/v1/trail?nib=" + nib).body(),
                b -> b.contains("\"DELIVERED\""));

        JsonNode health = Json.tree(ossSender.get("/actuator/health").body());
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("jms").path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("db").path("status").asText()).isEqualTo("UP");

        String prometheus = ossSender.get("/actuator/prometheus").body();
        assertThat(prometheus)
                .containsPattern("simpul_messages_total\\{[^}]*flow=\"oss-nib\"[^}]*outcome=\"delivered\"[^}]*} [1-9]")
                .containsPattern("simpul_route_exchanges_seconds_count\\{[^}]*outcome=\"completed\"[^}]*route=\"delivery-push-permit\"[^}]*} [1-9]")
                .containsPattern("simpul_route_exchanges_seconds_count\\{[^}]*route=\"intake-receive-push\"")
                .contains("simpul_time_to_deliver_seconds_count");
    }
}
