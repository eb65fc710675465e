package id.simpul.reconciliation;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doAnswer;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.canonical.PermitMessage;
import id.simpul.intake.NibIntake;
import id.simpul.platform.json.Json;
import id.simpul.reconciliation.applicant.ApplicantResolver;
import id.simpul.support.Fixtures;
import id.simpul.support.HubTestSupport;
import id.simpul.platform.security.StoredPayloads;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.stubbing.Answer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * A permit that failed in conversion after its mapping (matching its applicant, or storing its canonical
 * form) is dead-lettered with the canonical message in hand but nothing on its ledger version. Its replay
 * must finish the conversion before delivery: otherwise the version is delivered with no canonical form
 * (the back-sync would report empty ids to OSS) and no master applicant.
 */
class ReplayFinishesConversionTest extends HubTestSupport {

    @MockitoSpyBean
    ApplicantResolver applicantResolver;

    @MockitoSpyBean
    NibIntake nibIntake;

    @Autowired
    JdbcClient jdbc;


    @Autowired

    StoredPayloads payloads;

    /** Permits (id_izin) whose applicant step, or whose attach step, fails until the test says otherwise. */
    private final Set<String> refuseApplicant = ConcurrentHashMap.newKeySet();
    private final Set<String> refuseAttach = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void failOnlyTheChosenPermits() {
        doAnswer(refusing(refuseApplicant, "applicant registry refuses writes")).when(applicantResolver).resolve(any());
        doAnswer(refusing(refuseAttach, "store refuses the canonical form")).when(nibIntake).attach(any(), anyLong());
    }

    @Test
    void aReplayedApplicantFailureIsMatchedAndStoredBeforeItIsDeliveredOnce() {
        String nib = "9120301237001";
        String idIzin = "I-202611210915007001001";
        long deadLetter = deadLetteredWhileFailing(refuseApplicant, nib, idIzin);

        JsonNode canonical = replayedAndDelivered(deadLetter, nib);

        assertThat(canonical.at("/source/idIzin").asText()).isEqualTo(idIzin);
        assertThat(canonical.path("applicantId").asText()).startsWith("APL-");
        assertRegisteredOnce(nib, canonical.path("applicantId").asText());
        assertThat(trail(nib)).contains("resumes conversion after the mapping");
    }

    @Test
    void aReplayedAttachFailureIsStoredBeforeItIsDeliveredOnce() {
        String nib = "9120301237002";
        long deadLetter = deadLetteredWhileFailing(refuseAttach, nib, "I-202611210915007002001");
        String matched = Json.tree(payloads.open(jdbc.sql("SELECT payload FROM dead_letter WHERE id = :id")
                .param("id", deadLetter).query(String.class).single())).path("applicantId").asText();
        assertThat(matched).as("matched before attach failed").startsWith("APL-");

        JsonNode canonical = replayedAndDelivered(deadLetter, nib);

        assertThat(canonical.path("applicantId").asText()).isEqualTo(matched);
        assertRegisteredOnce(nib, matched);
        // The same dead letter replayed again (a stale copy): skipped, never a second registration.
        jdbc.sql("UPDATE dead_letter SET state = 'WAITING' WHERE id = :id").param("id", deadLetter).update();
        replay(deadLetter);
        await().atMost(Duration.ofSeconds(30)).until(() -> trail(nib),
                t -> t.contains("DUPLICATE_IGNORED") || t.contains("REPLAY_SKIPPED"));
        assertRegisteredOnce(nib, matched);
    }

    /** The step fails for this permit alone, then works again: what a registry or store outage leaves behind. */
    private static Answer<Object> refusing(Set<String> idIzins, String reason) {
        return call -> {
            PermitMessage message = call.getArgument(0);
            if (idIzins.contains(message.source().idIzin())) {
                throw new IllegalStateException(reason);
            }
            return call.callRealMethod();
        };
    }

    private long deadLetteredWhileFailing(Set<String> failing, String nib, String idIzin) {
        failing.add(idIzin);
        long deadLetter = deadLetterFor(nib, idIzin);
        assertThat(canonical(nib)).as("nothing stored before the replay").isNull();
        failing.remove(idIzin);
        return deadLetter;
    }

    private JsonNode replayedAndDelivered(long deadLetter, String nib) {
        replay(deadLetter);
        await().atMost(Duration.ofSeconds(30)).until(() -> state(nib), "DELIVERED"::equals);
        String canonical = canonical(nib);
        assertThat(canonical).as("canonical form of the delivered version").isNotNull();
        return Json.tree(canonical);
    }

    private long deadLetterFor(String nib, String idIzin) {
        ossSender.receiveNib(Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json").replace("9120301234567", nib)
                .replace("I-202611210915001234567", idIzin), nib);
        await().atMost(Duration.ofSeconds(30)).until(() -> state(nib), "DEAD_LETTERED"::equals);
        return jdbc.sql("SELECT id FROM dead_letter WHERE nib = :nib AND state = 'WAITING'").param("nib", nib)
                .query(Long.class).single();
    }

    private void replay(long deadLetter) {
        assertThat(ossSender.postAsAdmin("/api/v1/dead-letters/" + deadLetter + "/replay", "").statusCode())
                .isEqualTo(200);
    }

    private void assertRegisteredOnce(String nib, String applicantId) {
        sicantik.wireMock().verify(1, postRequestedFor(urlPathEqualTo("/api/v1/permohonan"))
                .withRequestBody(matchingJsonPath("$.nib", equalTo(nib))));
        sicantik.wireMock().verify(1, postRequestedFor(urlPathEqualTo("/api/v1/permohonan"))
                .withRequestBody(matchingJsonPath("$.nib", equalTo(nib)))
                .withRequestBody(matchingJsonPath("$.id_pemohon", equalTo(applicantId))));
    }

    private String state(String nib) {
        return jdbc.sql("SELECT state FROM sync_ledger WHERE nib = :nib").param("nib", nib)
                .query(String.class).optional().orElse("");
    }

    private String canonical(String nib) {
        return payloads.open(jdbc.sql("SELECT canonical FROM sync_ledger WHERE nib = :nib").param("nib", nib)
                .query(String.class).list().get(0));
    }

    private String trail(String nib) {
        return ossSender.get("/api/v1/trail?nib=" + nib).body();
    }
}
