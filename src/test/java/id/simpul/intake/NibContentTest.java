package id.simpul.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import id.simpul.platform.SimpulProperties;
import id.simpul.platform.connector.oss.OssClient;
import id.simpul.platform.json.Json;
import id.simpul.simulator.OssPayloadGenerator;
import id.simpul.simulator.OssSimulatorFaults;
import id.simpul.simulator.OssSimulatorState;
import id.simpul.simulator.OssStateTransformer;
import id.simpul.simulator.SimulatorServer;
import id.simpul.support.Fixtures;
import id.simpul.support.TestPorts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A NIB fetched with inqueryNIB has the same content hash as the receiveNIB push it came from, unless it changed. */
class NibContentTest {

    private static final SimpulProperties.Region REGION = new SimpulProperties.Region(List.of("1607", "1671"), null);

    @TempDir
    Path dir;

    @Test
    void aRegencysHubTakesOnlyTheChecklistEntriesOfARegencysAuthority() {
        ObjectNode data = dataNib(Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json"));
        com.fasterxml.jackson.databind.node.ArrayNode checklist = data.withArray("data_checklist");
        ObjectNode regency = (ObjectNode) checklist.get(0);
        assertThat(regency.path("kd_daerah").asText()).startsWith("1607");
        assertThat(regency.path("kewenangan").asText()).isEqualTo("02");
        checklist.add(regency.deepCopy().put("id_izin", "I-CENTRAL").put("kewenangan", "00"));
        checklist.add(regency.deepCopy().put("id_izin", "I-PROVINCE").put("kewenangan", "01"));
        checklist.add(regency.deepCopy().put("id_izin", "I-NUMBER").put("kewenangan", 2));
        ObjectNode unstated = regency.deepCopy().put("id_izin", "I-UNSTATED");
        unstated.remove("kewenangan");
        checklist.add(unstated);

        assertThat(NibContent.routedToRegion(data, REGION)).extracting(e -> e.path("id_izin").asText())
                .containsExactly(regency.path("id_izin").asText(), "I-NUMBER", "I-UNSTATED");
        assertThat(NibContent.routedToRegion(data, new SimpulProperties.Region(List.of("1607"), List.of("01", "02"))))
                .extracting(e -> e.path("id_izin").asText()).contains("I-PROVINCE").doesNotContain("I-CENTRAL");
    }

    @Test
    void anUnchangedNibFetchedWithInqueryNibHashesLikeItsPush() {
        ObjectNode pushed = dataNib(Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json"));
        ObjectNode fetched = NibContent.fromInquery((ObjectNode) Json.tree(
                Fixtures.text("oss/inqueryNIB/perorangan-banyuasin.reply.json")).path("responinqueryNIB")
                .path("dataNIB"), REGION);

        assertThat(hashes(fetched)).isEqualTo(hashes(pushed)).hasSize(1);
    }

    @Test
    void everyGeneratedPushHashesLikeTheSimulatorsInqueryReplyForIt() {
        OssSimulatorState state = new OssSimulatorState(null, Clock.systemUTC());
        SimulatorServer simulator = new SimulatorServer("oss", TestPorts.free(), dir,
                new OssStateTransformer(state, new OssSimulatorFaults()));
        simulator.start();
        try {
            OssClient client = new OssClient("http://127.0.0.1:" + simulator.port() + "/v1/kl/rba", "k",
                    Duration.ofSeconds(5));
            OssPayloadGenerator generator = new OssPayloadGenerator(42, List.of("1607", "1671"));
            for (int i = 0; i < 25; i++) {
                ObjectNode push = generator.nextReceiveNib(LocalDateTime.of(2026, 11, 28, 9, 0).plusMinutes(i));
                state.remember(push);
                ObjectNode pushed = dataNib(Json.write(push));
                ObjectNode fetched = NibContent.fromInquery(client.inqueryNib(pushed.get("nib").asText()).dataNib(),
                        REGION);

                // What the sweep compares fetched content by (SyncLedger.holds takes either hash): the push's
                // product halal/SNI flags never come back from inqueryNIB.
                assertThat(shared(fetched)).as("NIB %s", pushed.get("nib").asText()).isEqualTo(shared(pushed));
            }
        } finally {
            simulator.stop();
        }
    }

    @Test
    void aChangedFieldChangesTheHash() {
        ObjectNode pushed = dataNib(Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json"));
        ObjectNode changed = pushed.deepCopy();
        changed.put("alamat_perseroan", "Jl. Merdeka No. 1");

        assertThat(hashes(changed)).isNotEqualTo(hashes(pushed));
    }

    @Test
    void anNpwpWrittenWithPunctuationOrAsSixteenDigitsIsTheSameContent() {
        ObjectNode pushed = dataNib(Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json"));
        ObjectNode plain = pushed.deepCopy();
        plain.put("npwp_perseroan", "092542943312000");
        ObjectNode sixteen = pushed.deepCopy();
        sixteen.put("npwp_perseroan", "0092542943312000");

        assertThat(hashes(plain)).isEqualTo(hashes(pushed)).isEqualTo(hashes(sixteen));
    }

    @Test
    void aPermitTheRegionIssuedFetchedWithInqueryNibIsTheContentOfItsPush() {
        // The push carried kbli_konversi and halal products, which inqueryNIB never returns; OSS answers the
        // inquiry with the licence the region issued and technical data, which no push carries.
        ObjectNode pushed = dataNib(Fixtures.text("oss/receiveNIB/perorangan-banyuasin-kbli-konversi.json"));
        ObjectNode fetched = NibContent.fromInquery((ObjectNode) Json.tree(
                Fixtures.text("oss/inqueryNIB/perorangan-banyuasin-issued.reply.json")).path("responinqueryNIB")
                .path("dataNIB"), REGION);

        assertThat(shared(fetched)).isEqualTo(shared(pushed)).hasSize(1);
        assertThat(hashes(fetched)).as("the version's identity still tells them apart").isNotEqualTo(hashes(pushed));
        ObjectNode entry = (ObjectNode) fetched.path("data_checklist").path(0);
        assertThat(entry.has("no_izin") || entry.has("tgl_izin") || entry.has("file_izin") || entry.has("data_teknis"))
                .as("the region's own licence does not come back as the applicant's pre-OSS licence").isFalse();
    }

    @Test
    void aPushWithProductHalalAndSniFlagsFetchedWithInqueryNibIsTheSharedContentOfItsPush() {
        // The PIA's receiveNIB example carries flag_perubahan_data_teknis and, per product, the halal and SNI
        // certificate fields and tipe_cakupan; its inqueryNIB example returns none of them.
        ObjectNode pushed = dataNib(Fixtures.text("oss/receiveNIB/perorangan-banyuasin-produk.json"));
        ObjectNode fetched = NibContent.fromInquery((ObjectNode) Json.tree(
                Fixtures.text("oss/inqueryNIB/perorangan-banyuasin-produk.reply.json")).path("responinqueryNIB")
                .path("dataNIB"), REGION);

        assertThat(shared(fetched)).isEqualTo(shared(pushed)).hasSize(1);
        ObjectNode changed = pushed.deepCopy();
        ((ObjectNode) changed.path("data_proyek").path(0).path("data_proyek_produk").path(0)).put("flag_memiliki_sni", "Y");
        assertThat(hashes(changed)).as("between two pushes every field counts").isNotEqualTo(hashes(pushed));
    }

    @Test
    void theKindOfLastChangeBothShapesCarryIsKeptAndComparedAlike() {
        // jenis_perubahan_terakhir is in the PIA's receiveNIB example as well as its inqueryNIB example.
        ObjectNode pushed = dataNib(Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json"));
        pushed.put("jenis_perubahan_terakhir", "01");
        ObjectNode inquery = (ObjectNode) Json.tree(Fixtures.text("oss/inqueryNIB/perorangan-banyuasin.reply.json"))
                .path("responinqueryNIB").path("dataNIB");
        inquery.put("jenis_perubahan_terakhir", "01");
        ObjectNode fetched = NibContent.fromInquery(inquery, REGION);

        assertThat(fetched.path("jenis_perubahan_terakhir").asText()).isEqualTo("01");
        assertThat(hashes(fetched)).isEqualTo(hashes(pushed));
        assertThat(shared(fetched)).isEqualTo(shared(pushed));
        ObjectNode olderPush = pushed.deepCopy();
        olderPush.remove("jenis_perubahan_terakhir");
        assertThat(shared(fetched)).as("a push of a PIA version without the field").isEqualTo(shared(olderPush));
    }

    @Test
    void aPushThatChangesOnlyKbliKonversiIsNewContentButTheSameSharedContent() {
        ObjectNode pushed = dataNib(Fixtures.text("oss/receiveNIB/perorangan-banyuasin-kbli-konversi.json"));
        ObjectNode changed = pushed.deepCopy();
        ((ObjectNode) changed.path("data_checklist").path(0)).put("kbli_konversi", "41012");

        assertThat(hashes(changed)).isNotEqualTo(hashes(pushed));
        assertThat(shared(changed)).isEqualTo(shared(pushed));
    }

    @Test
    void aChangedFieldBothShapesCarryChangesTheSharedHash() {
        ObjectNode pushed = dataNib(Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json"));
        ObjectNode changed = pushed.deepCopy();
        ((ObjectNode) changed.path("data_checklist").path(0)).put("nama_izin", "Persetujuan Bangunan Gedung (ubah)");

        assertThat(shared(changed)).isNotEqualTo(shared(pushed));
    }

    @Test
    void anInqueryIsBroughtToThePushShape() {
        ObjectNode fetched = NibContent.fromInquery((ObjectNode) Json.tree(
                Fixtures.text("oss/inqueryNIB/perorangan-banyuasin.reply.json")).path("responinqueryNIB")
                .path("dataNIB"), REGION);

        assertThat(fetched.path("npwp_perseroan").asText()).isEqualTo("092542943312000");
        assertThat(fetched.path("id_izin").asText()).isEqualTo("I-202611210915001234567");
        assertThat(fetched.path("kd_daerah").asText()).isEqualTo("1607112003");
        assertThat(fetched.has("tipe_dokumen")).isTrue();
        assertThat(fetched.has("jenis_perubahan_terakhir")).as("both shapes carry it").isTrue();
        assertThat(fetched.path("data_checklist").path(0).has("status_checklist")).isFalse();
        assertThat(fetched.path("data_checklist").path(0).has("nm_dokumen")).isTrue();
        // What the hub's reader accepts, as a push would be.
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.set("dataNIB", fetched);
        assertThat(OssPayloadReader.requireDataNib(OssPayloadReader.read(
                Json.write(root).getBytes(StandardCharsets.UTF_8))).path("nib").asText()).isEqualTo("9120301234567");
    }

    /** What NibIntake hashes: per permit routed to the region, the context and the entry. */
    private static List<String> hashes(ObjectNode data) {
        ObjectNode context = NibContent.context(data);
        return NibContent.routedToRegion(data, REGION).stream().map(e -> NibContent.hashes(context, e).content()).toList();
    }

    private static List<String> shared(ObjectNode data) {
        ObjectNode context = NibContent.context(data);
        return NibContent.routedToRegion(data, REGION).stream().map(e -> NibContent.hashes(context, e).shared())
                .toList();
    }

    /** A push body as the intake reads it (keys trimmed). */
    private static ObjectNode dataNib(String body) {
        return OssPayloadReader.requireDataNib(OssPayloadReader.read(body.getBytes(StandardCharsets.UTF_8)));
    }
}
