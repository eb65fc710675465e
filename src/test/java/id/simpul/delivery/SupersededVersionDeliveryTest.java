package id.simpul.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import id.simpul.support.HubTestSupport;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Each permit version registers anew at the region, so an older version must never reach it after a newer one.
 * A class of its own: it needs Banyuasin's circuit closed, which other delivery tests open with their 503s.
 */
class SupersededVersionDeliveryTest extends HubTestSupport {

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void restoreStubs() {
        sicantik.resetStubs();
    }

    @Test
    void aVersionStillRetryingWhenItsNewerVersionIsDeliveredIsNotRegisteredAfterIt() {
        String nib = "9120301230003";
        String idIzin = "I-202611210915000000003";
        // Version 1's first attempt hangs, then fails; OSS's changed NIB (version 2) is delivered meanwhile.
        sicantik.wireMock().stubFor(post(urlPathEqualTo("/api/v1/permohonan")).atPriority(1)
                .withHeader("Idempotency-Key", equalTo("simpul:" + idIzin + ":v1"))
                .inScenario("version 1 slow").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withFixedDelay(5000).withBody("{\"success\":false}"))
                .willSetStateTo("answered"));
        ossSender.receiveNib(DeliveryFailureFlowTest.permit(nib, idIzin), nib);
        // Version 1's first request has reached SiCantik and hangs there. Not read from the ledger: an attempt at a
        // target that takes a key is counted only with its outcome (Attempt).
        await().atMost(Duration.ofSeconds(20)).until(() -> sicantik.wireMock().findAll(
                postRequestedFor(urlPathEqualTo("/api/v1/permohonan"))
                        .withHeader("Idempotency-Key", equalTo("simpul:" + idIzin + ":v1"))).size(), n -> n == 1);
        assertThat(attempts(idIzin, 1)).as("counted with its outcome, which has not come").isZero();

        ossSender.receiveNib(DeliveryFailureFlowTest.permit(nib, idIzin)
                .replace("Jl. Palembang-Betung Km. 14 No. 7", "Jl. Merdeka No. 1"), nib);

        await().atMost(Duration.ofSeconds(20)).until(() -> state(idIzin, 2), "DELIVERED"::equals);
        await().atMost(Duration.ofSeconds(30)).until(() -> ossSender.get("/api/v1/trail?nib=" + nib).body(),
                t -> t.contains("SUPERSEDED") || t.contains("registered it as") && state(idIzin, 1).equals("DELIVERED"));
        assertThat(state(idIzin, 1)).as("version 1 is not registered after version 2").isNotEqualTo("DELIVERED");
        sicantik.wireMock().verify(1, postRequestedFor(urlPathEqualTo("/api/v1/permohonan"))
                .withHeader("Idempotency-Key", equalTo("simpul:" + idIzin + ":v1")));
    }

    private int attempts(String idIzin, int version) {
        return jdbc.sql("SELECT attempts FROM sync_ledger WHERE id_izin = :i AND version = :v").param("i", idIzin)
                .param("v", version).query(Integer.class).optional().orElse(0);
    }

    private String state(String idIzin, int version) {
        return jdbc.sql("SELECT state FROM sync_ledger WHERE id_izin = :i AND version = :v").param("i", idIzin)
                .param("v", version).query(String.class).optional().orElse("");
    }
}
