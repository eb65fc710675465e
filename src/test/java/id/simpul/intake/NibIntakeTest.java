package id.simpul.intake;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import id.simpul.platform.SimpulProperties;
import id.simpul.platform.json.Json;
import id.simpul.platform.ledger.IncomingContent;
import id.simpul.platform.ledger.LedgerEntry;
import id.simpul.platform.ledger.LedgerState;
import id.simpul.platform.ledger.SyncLedger;
import id.simpul.platform.ledger.TrailEvent;
import id.simpul.support.Fixtures;
import id.simpul.support.HubTestSupport;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class NibIntakeTest extends HubTestSupport {

    private static final String NIB = "9120301236060";
    private static final String ID_IZIN = "I-202611210915006060001";

    @Autowired
    SyncLedger ledger;

    @Autowired
    SimpulProperties properties;

    @Test
    void aVersionAnEarlierAttemptRecordedButNeverConvertedIsDeliveredOnceWhenThePushComesBackUnmarked() {
        String body = Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json")
                .replace("9120301234567", NIB).replace("I-202611210915001234567", ID_IZIN);
        // What an attempt killed after recording leaves behind: the version RECEIVED, never converted.
        LedgerEntry stranded = recordAsAnEarlierAttemptWould(body);

        // The broker does not mark the push as redelivered after a hard crash: it looks like a resend.
        assertThat(ossSender.receiveNib(body, NIB).body()).contains("\"status\":\"1\"");

        await().atMost(Duration.ofSeconds(60)).until(() -> ledger.get(stranded.id()).state(),
                s -> s == LedgerState.DELIVERED);
        assertThat(ledger.byNib(NIB)).singleElement().satisfies(e -> assertThat(e.version()).isEqualTo(1));
        assertThat(kinds(stranded.id())).contains("CONVERSION_RESUMED").doesNotContain("DUPLICATE_IGNORED");

        // Converted and delivered now: a real resend is a duplicate again.
        assertThat(ossSender.receiveNib(body, NIB).body()).contains("\"status\":\"1\"");
        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.events(stranded.id()),
                events -> events.stream().anyMatch(e -> e.kind().equals("DUPLICATE_IGNORED")
                        && e.detail().contains("unchanged")));
        assertThat(kinds(stranded.id())).containsOnlyOnce("CONVERSION_RESUMED", "DELIVERED");
        sicantik.wireMock().verify(1, postRequestedFor(urlPathEqualTo("/api/v1/permohonan"))
                .withRequestBody(containing(NIB)));
    }

    /**
     * The PIA declares id_izin string(25), but the ledger holds 40 characters, and a permit is refused only past
     * that, before OSS hears "1"; another region's entry is context and not held to the ledger's limits.
     */
    @Test
    void aPermitIsRefusedOnlyPastWhatTheLedgerHoldsAndBeforeOssHearsItWasStored() {
        String nib = "9120301236161";
        String fortyCharacters = "I-" + "6".repeat(38);
        String body = Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json")
                .replace("9120301234567", nib).replace("I-202611210915001234567", fortyCharacters)
                .replace("I-202611210915009999999", "I-" + "9".repeat(50));

        assertThat(ossSender.receiveNib(body, nib).body()).contains("\"status\":\"1\"");
        await().atMost(Duration.ofSeconds(60)).until(() -> ledger.byNib(nib),
                entries -> entries.size() == 1 && entries.get(0).state() == LedgerState.DELIVERED);

        HttpResponse<String> oneMore = ossSender.receiveNib(body.replace(fortyCharacters, fortyCharacters + "7"), nib);
        assertThat(oneMore.statusCode()).isEqualTo(400);
        assertThat(Json.tree(oneMore.body()).path("responreceiveNIB").path("keterangan").asText())
                .isEqualTo("Field dataNIB.data_checklist[0].id_izin terlalu panjang: 41 karakter, paling banyak 40");
        assertThat(ledger.byNib(nib)).singleElement().satisfies(e -> assertThat(e.idIzin()).isEqualTo(fortyCharacters));
    }

    private LedgerEntry recordAsAnEarlierAttemptWould(String body) {
        ObjectNode data = OssPayloadReader.requireData(OssPayloadReader.read(body.getBytes(StandardCharsets.UTF_8)),
                OssOperation.RECEIVE_NIB);
        ObjectNode input = NibIntake.mappingInputs(data, properties.region()).get(0);
        ObjectNode entry = (ObjectNode) input.get("checklist");
        NibContent.Hashes hashes = NibContent.hashes((ObjectNode) input.get("dataNIB"), entry);
        return ledger.recordIncoming(NibIntake.FLOW, NIB, ID_IZIN, OssPayloadReader.text(data.get("oss_id")),
                OssPayloadReader.text(entry.get("kd_daerah")), new IncomingContent(hashes.content(), hashes.shared(), false)).entry();
    }

    private List<String> kinds(long ledgerId) {
        return ledger.events(ledgerId).stream().map(TrailEvent::kind).toList();
    }
}
