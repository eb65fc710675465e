package id.simpul.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.json.Json;
import id.simpul.support.Fixtures;
import id.simpul.support.HubTestSupport;
import id.simpul.platform.security.StoredPayloads;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A region intake takes in (simpul.region) but no target serves: conversion hands permits straight to
 * their target's queue, so the missing target is found there. The permit is still on record with its
 * canonical form, and it waits as a dead letter that says what to configure.
 */
class NoTargetForRegionTest extends HubTestSupport {

    @Autowired
    JdbcClient jdbc;


    @Autowired

    StoredPayloads payloads;

    @DynamicPropertySource
    static void aRegionWithoutTarget(DynamicPropertyRegistry registry) {
        registry.add("simpul.region.kd-daerah-prefixes[0]", () -> "1607");
        registry.add("simpul.region.kd-daerah-prefixes[1]", () -> "1671");
        registry.add("simpul.region.kd-daerah-prefixes[2]", () -> "1606");
    }

    @Test
    void aPermitForARegionNoTargetServesIsRecordedAndDeadLetteredWithWhatToConfigure() {
        String nib = "9120301230606";
        ossSender.receiveNib(Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json")
                .replace("1607112003", "1606012003")
                .replace("9120301234567", nib)
                .replace("I-202611210915001234567", "I-202611210915000000606"), nib);

        JsonNode entry = await().atMost(Duration.ofSeconds(30)).until(
                () -> Json.tree(ossSender.get("/api/v1/trail?nib=" + nib).body()).path("entries").path(0).path("entry"),
                e -> "DEAD_LETTERED".equals(e.path("state").asText()));
        assertThat(entry.path("lastError").asText()).contains("no target serves kd_daerah 1606012003");

        Map<String, Object> deadLetter = jdbc.sql("SELECT * FROM dead_letter WHERE nib = :nib").param("nib", nib)
                .query().singleRow();
        assertThat(deadLetter.get("error_class")).isEqualTo("PERMANENT");
        assertThat((String) deadLetter.get("error_message")).contains("add one to simpul.targets");
        // Nothing lost: the dead letter and the ledger both hold the canonical permit, master applicant included.
        JsonNode payload = Json.tree(payloads.open((String) deadLetter.get("payload")));
        assertThat(payload.path("source").path("idIzin").asText()).isEqualTo("I-202611210915000000606");
        assertThat(payload.path("applicantId").asText()).startsWith("APL-");
        String canonical = payloads.open(jdbc.sql("SELECT canonical FROM sync_ledger WHERE nib = :nib")
                .param("nib", nib).query(String.class).single());
        assertThat(Json.tree(canonical).path("permit").path("kdDaerah").asText()).isEqualTo("1606012003");
    }
}
