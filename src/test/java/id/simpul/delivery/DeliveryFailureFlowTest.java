package id.simpul.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.json.Json;
import id.simpul.support.Fixtures;
import id.simpul.support.HubTestSupport;
import id.simpul.platform.security.StoredPayloads;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class DeliveryFailureFlowTest extends HubTestSupport {

    @Autowired
    JdbcClient jdbc;


    @Autowired

    StoredPayloads payloads;

    @AfterEach
    void restoreStubs() {
        sicantik.resetStubs();
    }

    @Test
    void aTargetAnswering503EveryTimeIsRetriedWithBackOffThenDeadLetteredWithTheReason() {
        sicantik.wireMock().stubFor(post(urlPathEqualTo("/api/v1/permohonan")).atPriority(1)
                .willReturn(aResponse().withStatus(503).withBody("{\"success\":false,\"message\":\"Server sibuk\"}")));
        String nib = "9120301230001";

        ossSender.receiveNib(permit(nib, "I-202611210915000000001"), nib);

        JsonNode entry = awaitState(nib, "DEAD_LETTERED");
        // max-retries is 3 in tests: one attempt and three retries, then the dead-letter queue.
        assertThat(entry.path("attempts").asInt()).isEqualTo(4);
        assertThat(entry.path("lastError").asText()).contains("HTTP 503").doesNotContain("Server sibuk");
        sicantik.wireMock().verify(4, postRequestedFor(urlPathEqualTo("/api/v1/permohonan"))
                .withRequestBody(matchingJsonPath("$.nib", equalTo(nib))));

        Map<String, Object> deadLetter = jdbc.sql("SELECT * FROM dead_letter WHERE nib = :nib").param("nib", nib)
                .query().singleRow();
        assertThat(deadLetter.get("error_class")).isEqualTo("TRANSIENT");
        assertThat((String) deadLetter.get("error_message")).contains("HTTP 503");
        assertThat(deadLetter.get("attempts")).isEqualTo(4);
        assertThat(deadLetter.get("step")).isEqualTo("delivery-push-permit");
        assertThat(deadLetter.get("state")).isEqualTo("WAITING");
        // Nothing lost: the dead letter keeps the canonical message that can be replayed.
        assertThat(Json.tree(payloads.open((String) deadLetter.get("payload"))).path("source").path("idIzin").asText())
                .isEqualTo("I-202611210915000000001");

        String trail = ossSender.get("/api/v1/trail?nib=" + nib).body();
        assertThat(trail).contains("ATTEMPT_FAILED").contains("DEAD_LETTERED");
    }

    @Test
    void aValidationErrorFromTheTargetIsPermanentAndDeadLetteredAfterOneAttemptWithoutThePersonalDataItQuotes() {
        sicantik.wireMock().stubFor(post(urlPathEqualTo("/api/v1/permohonan")).atPriority(1)
                .willReturn(aResponse().withStatus(422)
                        .withBody(Fixtures.text("delivery/target-refusal-with-personal-data.json"))));
        String nib = "9120301230002";

        ossSender.receiveNib(permit(nib, "I-202611210915000000002"), nib);

        JsonNode entry = awaitState(nib, "DEAD_LETTERED");
        assertThat(entry.path("attempts").asInt()).isEqualTo(1);
        assertThat(entry.path("lastError").asText()).contains("HTTP 422").contains("code NIK_MISMATCH")
                .doesNotContain("1607111204780003").doesNotContain("081277889900");
        assertThat(jdbc.sql("SELECT error_message FROM dead_letter WHERE nib = :nib").param("nib", nib)
                .query(String.class).single()).contains("HTTP 422").doesNotContain("1607111204780003");
        sicantik.wireMock().verify(1, postRequestedFor(urlPathEqualTo("/api/v1/permohonan"))
                .withRequestBody(matchingJsonPath("$.nib", equalTo(nib))));
        assertThat(jdbc.sql("SELECT error_class FROM dead_letter WHERE nib = :nib").param("nib", nib)
                .query(String.class).single()).isEqualTo("PERMANENT");
    }

    private JsonNode awaitState(String nib, String state) {
        return await().atMost(Duration.ofSeconds(30)).until(
                () -> Json.tree(ossSender.get("/api/v1/trail?nib=" + nib).body()).path("entries").path(0).path("entry"),
                e -> state.equals(e.path("state").asText()));
    }

    static String permit(String nib, String idIzin) {
        return Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json")
                .replace("9120301234567", nib)
                .replace("I-202611210915001234567", idIzin);
    }
}
