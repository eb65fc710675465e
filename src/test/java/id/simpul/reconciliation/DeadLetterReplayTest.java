package id.simpul.reconciliation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.simpul.platform.json.Json;
import id.simpul.platform.security.Roles;
import id.simpul.platform.security.UserAccounts;
import id.simpul.simulator.OssPayloadGenerator;
import id.simpul.simulator.SiCantikCloudSimulator;
import id.simpul.support.Fixtures;
import id.simpul.support.HubTestSupport;
import id.simpul.platform.security.StoredPayloads;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

// Hundreds of permits to Banyuasin: its rate limit raised (application-bulk.yaml), not 20 a second.
@ActiveProfiles("bulk")
class DeadLetterReplayTest extends HubTestSupport {

    private static final String OPERATOR = "siti.operator";
    private static final String AUDITOR = "budi.auditor";
    private static final String PASSWORD = "kata-sandi-uji";

    @Autowired
    JdbcClient jdbc;


    @Autowired

    StoredPayloads payloads;
    @Autowired
    UserAccounts accounts;
    @Autowired
    @Qualifier("sicantikSimulator")
    SiCantikCloudSimulator banyuasin;

    @BeforeEach
    void accounts() {
        if (accounts.find(OPERATOR).isEmpty()) {
            accounts.create(OPERATOR, PASSWORD, List.of(Roles.OPERATOR));
            accounts.create(AUDITOR, PASSWORD, List.of(Roles.AUDITOR));
        }
    }

    @AfterEach
    void restoreStubs() {
        sicantik.resetStubs();
    }

    @Test
    void replayAfterTheCauseIsFixedDeliversExactlyOnceAndASecondReplayDoesNotRegisterAgain() {
        String nib = "9120301231001";
        long deadLetter = deadLetterFor(nib, "I-202611210915001231001", 503);
        sicantik.resetStubs();

        HttpResponse<String> replay = ossSender.postAs(OPERATOR, PASSWORD, "/api/v1/dead-letters/" + deadLetter + "/replay", "");

        assertThat(replay.statusCode()).isEqualTo(200);
        awaitState(nib, "DELIVERED");
        assertThat(ossSender.postAs(OPERATOR, PASSWORD, "/api/v1/dead-letters/" + deadLetter + "/replay", "").statusCode())
                .as("a dead letter is replayed once").isEqualTo(409);
        // A stale copy of the same dead letter replayed later: skipped, never a second registration.
        jdbc.sql("UPDATE dead_letter SET state = 'WAITING' WHERE id = :id").param("id", deadLetter).update();
        assertThat(ossSender.postAs(OPERATOR, PASSWORD, "/api/v1/dead-letters/" + deadLetter + "/replay", "").statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> trail(nib).toString(), t -> t.contains("REPLAY_SKIPPED"));
        sicantik.wireMock().verify(1, postRequestedFor(urlPathEqualTo("/api/v1/permohonan"))
                .withRequestBody(matchingJsonPath("$.nib", equalTo(nib)))
                .withHeader("Idempotency-Key", equalTo("simpul:I-202611210915001231001:v1"))
                .withRequestBody(matchingJsonPath("$.nama")));
        assertThat(trail(nib).toString()).contains("REPLAY_REQUESTED").contains("DELIVERED");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'DEAD_LETTER_REPLAYED' AND actor = :a")
                .param("a", OPERATOR).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void replayOfAVersionWhoseNewerVersionWasDeliveredRegistersNothingAtTheTarget() {
        String nib = "9120301231004";
        String idIzin = "I-202611210915001231004";
        long deadLetter = deadLetterFor(nib, idIzin, 422);
        sicantik.resetStubs();
        // OSS sends the changed NIB: version 2 reaches the region while version 1 waits in the dead-letter queue.
        ossSender.receiveNib(Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json").replace("9120301234567", nib)
                .replace("I-202611210915001234567", idIzin)
                .replace("Jl. Palembang-Betung Km. 14 No. 7", "Jl. Palembang-Betung Km. 15 No. 2"), nib);
        await().atMost(Duration.ofSeconds(30)).until(() -> versionState(idIzin, 2), "DELIVERED"::equals);

        assertThat(ossSender.postAs(OPERATOR, PASSWORD, "/api/v1/dead-letters/" + deadLetter + "/replay", "").statusCode())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> trail(nib).toString(), t -> t.contains("REPLAY_SKIPPED"));
        assertThat(banyuasin.permits().registrations().stream().filter(p -> idIzin.equals(p.field("id_izin_oss"))).count())
                .as("the region holds version 2 only: the old content of version 1 is not registered after it")
                .isEqualTo(1);
        assertThat(versionState(idIzin, 1)).isNotEqualTo("DELIVERED");
    }

    private String versionState(String idIzin, int version) {
        return jdbc.sql("SELECT state FROM sync_ledger WHERE id_izin = :i AND version = :v").param("i", idIzin)
                .param("v", version).query(String.class).optional().orElse(null);
    }

    @Test
    void bulkReplayOfAThousandDeadLettersAccountsForEveryOne() throws Exception {
        sicantik.wireMock().stubFor(post(urlPathEqualTo("/api/v1/permohonan")).atPriority(1)
                .willReturn(aResponse().withStatus(422).withBody("{\"success\":false,\"code\":\"KODE_IZIN_BELUM_DIPETAKAN\",\"message\":\"kode izin belum dipetakan\"}")));
        OssPayloadGenerator generator = new OssPayloadGenerator(77, List.of("1607"));
        List<ObjectNode> pushes = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            pushes.add(generator.nextReceiveNib(LocalDateTime.of(2026, 11, 28, 8, 0).plusSeconds(i)));
        }
        Set<String> idIzins = pushes.stream()
                .flatMap(p -> StreamSupport.stream(p.path("dataNIB").path("data_checklist").spliterator(), false))
                .filter(entry -> entry.path("kd_daerah").asText().startsWith("1607"))
                .map(entry -> entry.path("id_izin").asText()).collect(Collectors.toSet());
        assertThat(idIzins).hasSize(1000);
        sendAll(pushes);
        await().atMost(Duration.ofSeconds(120)).until(
                () -> count("SELECT COUNT(*) FROM dead_letter WHERE state = 'WAITING' AND error_message LIKE '%KODE_IZIN_BELUM_DIPETAKAN%'"),
                n -> n == 1000);
        sicantik.resetStubs();
        // The refused attempts already carried every idempotency key: only what the replay sends counts.
        sicantik.wireMock().resetRequests();

        JsonNode dry = Json.tree(ossSender.postAs(OPERATOR, PASSWORD,
                "/api/v1/dead-letters/replay?errorClass=permanent&dryRun=true", "").body());
        assertThat(dry.path("matched").asLong()).isEqualTo(1000);
        JsonNode bulk = Json.tree(ossSender.postAs(OPERATOR, PASSWORD,
                "/api/v1/dead-letters/replay?errorClass=PERMANENT", "").body());

        assertThat(bulk.path("replayed").asInt()).isEqualTo(1000);
        await().atMost(Duration.ofSeconds(120)).until(
                () -> count("SELECT COUNT(*) FROM sync_ledger WHERE state = 'DELIVERED'"), n -> n >= 1000);
        assertThat(count("SELECT COUNT(*) FROM dead_letter WHERE state = 'REPLAYED' AND error_message LIKE '%KODE_IZIN_BELUM_DIPETAKAN%'"))
                .isEqualTo(1000);
        assertThat(count("SELECT COUNT(*) FROM dead_letter WHERE state = 'WAITING'")).isZero();
        // Every replayed permit pushed under its own key and registered exactly once (422 answers do not register).
        assertThat(sicantik.wireMock().findAll(postRequestedFor(urlPathEqualTo("/api/v1/permohonan"))).stream()
                .map(r -> r.getHeader("Idempotency-Key")).distinct().count()).isEqualTo(1000);
        Map<String, Long> registrations = banyuasin.permits().registrations().stream()
                .map(p -> p.field("id_izin_oss")).filter(idIzins::contains)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(registrations).hasSize(1000);
        assertThat(registrations.values()).containsOnly(1L);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM trail_event WHERE kind = 'REPLAY_REQUESTED' AND id_izin IN (:ids)")
                .param("ids", List.copyOf(idIzins)).query(Long.class).single()).isEqualTo(1000);
    }

    @Test
    void theReplayOfAPushThatStoppedBeforeItWasRecordedIsToldInTheTrailOfItsNib() {
        // A push dead-lettered at intake before any version was recorded: no version owns its trail, only its NIB.
        String nib = "9120301231009";
        String idIzin = "I-202611210915001231009";
        String push = Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json").replace("9120301234567", nib)
                .replace("I-202611210915001234567", idIzin);
        jdbc.sql("""
                INSERT INTO dead_letter (ledger_id, flow, step, nib, error_class, error_message, attempts, payload,
                                         headers, state, created_at, updated_at)
                VALUES (NULL, 'oss-nib', 'intake-convert-push', :nib, 'TRANSIENT', 'store unreachable', 5, :payload,
                        :headers, 'WAITING', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""")
                .param("nib", nib).param("payload", payloads.seal(push))
                .param("headers", Json.write(Map.of("SimpulOperation", "receiveNIB", "SimpulNib", nib,
                        "SimpulSource", "push", "SimpulReceivedAt", "2026-11-29T08:00:00Z")))
                .update();
        long deadLetter = jdbc.sql("SELECT id FROM dead_letter WHERE nib = :n").param("n", nib).query(Long.class).single();

        assertThat(ossSender.postAs(OPERATOR, PASSWORD, "/api/v1/dead-letters/" + deadLetter + "/replay", "").statusCode())
                .isEqualTo(200);

        awaitState(nib, "DELIVERED");
        JsonNode trail = trail(nib);
        assertThat(trail.path("otherEvents").findValuesAsText("kind")).containsExactly("REPLAY_REQUESTED");
        assertThat(trail.path("otherEvents").get(0).path("detail").asText())
                .isEqualTo("dead letter #" + deadLetter + " replayed by " + OPERATOR);
        assertThat(trail.path("entries").path(0).path("events").findValuesAsText("kind")).contains("DELIVERED")
                .doesNotContain("REPLAY_REQUESTED");
    }

    @Test
    void editThenReplayRejectsASchemaInvalidEditAndRecordsTheDiffOfAValidOne() {
        String nib = "9120301231002";
        long id = deadLetterFor(nib, "I-202611210915001231002", 422);
        sicantik.resetStubs();
        // The operator edits what they were shown: the NIK masked. The stored NIK must survive the edit.
        ObjectNode canonical = (ObjectNode) Json.tree(
                ossSender.getAs(OPERATOR, PASSWORD, "/api/v1/dead-letters/" + id).body()).path("payload");
        assertThat(canonical.at("/applicant/identityNumber").asText()).contains("*");

        ObjectNode invalid = canonical.deepCopy();
        ((ObjectNode) invalid.path("permit")).put("kdDaerah", "Banyuasin");
        HttpResponse<String> refused = ossSender.postAs(OPERATOR, PASSWORD, "/api/v1/dead-letters/" + id + "/edit",
                "{\"canonical\":" + Json.write(invalid) + "}");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("kdDaerah");

        ObjectNode fixed = canonical.deepCopy();
        ((ObjectNode) fixed.path("permit")).put("kdIzin", "011000000099");
        HttpResponse<String> accepted = ossSender.postAs(OPERATOR, PASSWORD, "/api/v1/dead-letters/" + id + "/edit",
                "{\"canonical\":" + Json.write(fixed) + "}");
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(Json.tree(accepted.body()).path("changes")).hasSize(1);
        assertThat(Json.tree(accepted.body()).path("changes").get(0).path("path").asText()).isEqualTo("/permit/kdIzin");

        awaitState(nib, "DELIVERED");
        sicantik.wireMock().verify(1, postRequestedFor(urlPathEqualTo("/api/v1/permohonan"))
                .withRequestBody(matchingJsonPath("$.jenis_izin_id", equalTo("011000000099")))
                .withRequestBody(matchingJsonPath("$.no_identitas", equalTo("1607111204780003"))));
        String diff = payloads.open(jdbc.sql("SELECT diff FROM dead_letter_edit WHERE dead_letter_id = :id")
                .param("id", id).query(String.class).single());
        assertThat(diff).contains("/permit/kdIzin").contains("011000000001").contains("011000000099");
        assertThat(trail(nib).toString()).contains("EDITED");
        assertThat(jdbc.sql("""
                SELECT action FROM audit_log WHERE subject_type = 'dead-letter' AND subject_id = :id ORDER BY id""")
                .param("id", String.valueOf(id)).query(String.class).list())
                .as("the replay that followed the edit is an operator's action too")
                .containsExactly("DEAD_LETTER_EDITED", "DEAD_LETTER_REPLAYED");
    }

    @Test
    void anAuditorCannotReplayAndTheOperatorSeesTheNikMaskedWhileTheAdminSeesItAudited() {
        String nib = "9120301231003";
        long id = deadLetterFor(nib, "I-202611210915001231003", 422);

        assertThat(ossSender.postAs(AUDITOR, PASSWORD, "/api/v1/dead-letters/" + id + "/replay", "").statusCode())
                .isEqualTo(403);
        assertThat(ossSender.postAs(AUDITOR, PASSWORD, "/api/v1/dead-letters/" + id + "/discard",
                "{\"reason\":\"x\"}").statusCode()).isEqualTo(403);

        JsonNode asOperator = Json.tree(ossSender.getAs(OPERATOR, PASSWORD, "/api/v1/dead-letters/" + id).body());
        assertThat(asOperator.at("/payload/applicant/identityNumber").asText()).isEqualTo("1607**********03");
        assertThat(asOperator.at("/payload/applicant/phone").asText()).endsWith("900").startsWith("*");
        assertThat(asOperator.path("payloadMasked").asBoolean()).isTrue();
        assertThat(ossSender.getAs(OPERATOR, PASSWORD, "/api/v1/trail?nib=" + nib).body()).doesNotContain("1607111204780003");

        long auditedBefore = count("SELECT COUNT(*) FROM audit_log WHERE action = 'PERSONAL_DATA_VIEWED'");
        JsonNode asAdmin = Json.tree(ossSender.get("/api/v1/dead-letters/" + id).body());
        assertThat(asAdmin.at("/payload/applicant/identityNumber").asText()).isEqualTo("1607111204780003");
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'PERSONAL_DATA_VIEWED'")).isEqualTo(auditedBefore + 1);

        assertThat(ossSender.postAs(OPERATOR, PASSWORD, "/api/v1/dead-letters/" + id + "/discard", "{}").statusCode())
                .as("a reason is required").isEqualTo(400);
        assertThat(ossSender.postAs(OPERATOR, PASSWORD, "/api/v1/dead-letters/" + id + "/discard",
                "{\"reason\":\"permohonan ganda, sudah diinput manual\"}").statusCode()).isEqualTo(200);
        assertThat(Json.tree(ossSender.get("/api/v1/dead-letters?nib=" + nib + "&state=ALL").body())
                .at("/items/0/state").asText()).isEqualTo("DISCARDED");
        assertThat(ossSender.get("/api/v1/dead-letters?olderThan=yesterday").statusCode()).isEqualTo(400);
        assertThat(ossSender.getAs("nobody", "wrong", "/api/v1/dead-letters").statusCode()).isEqualTo(401);
    }

    @Test
    void aPersonalApiTokenActsWithItsOwnersRolesAndAnUnknownTokenIsRefused() throws Exception {
        String auditorToken = Json.tree(ossSender.postAs(AUDITOR, PASSWORD, "/api/v1/tokens?hours=1", "").body())
                .path("token").asText();
        assertThat(auditorToken).startsWith("smp_");
        var http = java.net.http.HttpClient.newHttpClient();
        java.util.function.Function<String, java.net.http.HttpRequest.Builder> as = token ->
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/v1/dead-letters"))
                        .header("Authorization", "Bearer " + token);

        assertThat(http.send(as.apply(auditorToken).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(http.send(as.apply(auditorToken).POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                        .uri(java.net.URI.create("http://localhost:" + port + "/api/v1/dead-letters/replay")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).as("an auditor's token cannot replay")
                .isEqualTo(403);
        assertThat(http.send(as.apply("smp_not-a-real-token").GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM api_token WHERE token_hash = :t").param("t", auditorToken)
                .query(Long.class).single()).as("only a hash is stored").isZero();
    }

    private long deadLetterFor(String nib, String idIzin, int status) {
        sicantik.wireMock().stubFor(post(urlPathEqualTo("/api/v1/permohonan")).atPriority(1)
                .willReturn(aResponse().withStatus(status).withBody("{\"success\":false,\"message\":\"gangguan\"}")));
        ossSender.receiveNib(Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json").replace("9120301234567", nib)
                .replace("I-202611210915001234567", idIzin), nib);
        awaitState(nib, "DEAD_LETTERED");
        JsonNode list = Json.tree(ossSender.getAs(OPERATOR, PASSWORD, "/api/v1/dead-letters?nib=" + nib).body());
        assertThat(list.path("total").asInt()).isEqualTo(1);
        JsonNode item = list.path("items").get(0);
        assertThat(item.path("nib").asText()).isEqualTo(nib);
        assertThat(item.path("idIzin").asText()).isEqualTo(idIzin);
        return item.path("id").asLong();
    }

    private void awaitState(String nib, String state) {
        await().atMost(Duration.ofSeconds(30)).until(() -> trail(nib).path("entries").path(0).path("entry").path("state").asText(),
                state::equals);
    }

    private JsonNode trail(String nib) {
        return Json.tree(ossSender.get("/api/v1/trail?nib=" + nib).body());
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private void sendAll(List<ObjectNode> pushes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (ObjectNode push : pushes) {
                String nib = push.path("dataNIB").path("nib").asText();
                futures.add(pool.submit(() -> ossSender.receiveNib(Json.write(push), nib)));
            }
            for (Future<HttpResponse<String>> f : futures) {
                assertThat(f.get().statusCode()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
