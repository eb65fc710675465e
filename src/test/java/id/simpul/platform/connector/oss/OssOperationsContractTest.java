package id.simpul.platform.connector.oss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.simpul.platform.json.Json;
import id.simpul.simulator.OssSimulatorFaults;
import id.simpul.simulator.OssSimulatorState;
import id.simpul.simulator.OssStateTransformer;
import id.simpul.simulator.SimulatorServer;
import id.simpul.support.Fixtures;
import id.simpul.support.OssSimulatorControl;
import id.simpul.support.TestPorts;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every OSS operation the hub calls, through {@link OssClient} against the stateful OSS simulator:
 * the success reply and each documented error kode (400, 401, 403, 404, 405, 500, 504; as number and
 * as string), the simulator's faults and the quirks of real replies.
 */
class OssOperationsContractTest {

    private static final String NIB = "9120301234567";
    private static final String ID_IZIN = "I-202611210915001234567";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T03:00:00Z"), ZoneOffset.UTC);

    /** Each operation with a valid request for the seeded NIB, in the order a permit's life calls them. */
    private static final Map<String, Consumer<OssClient>> OPERATIONS = new LinkedHashMap<>();

    static {
        OPERATIONS.put("inqueryNIB", c -> c.inqueryNib(NIB));
        OPERATIONS.put("fetchNIB", c -> c.fetchNib(NIB));
        OPERATIONS.put("checkLicenseStatus", c -> c.checkLicenseStatus(ID_IZIN));
        OPERATIONS.put("receiveLicenseStatus", c -> c.receiveLicenseStatus(status("20")));
        OPERATIONS.put("receiveLicense", c -> c.receiveLicense(license()));
        OPERATIONS.put("inqueryLicense", c -> c.inqueryLicense(ID_IZIN, true));
    }

    @TempDir
    static Path dir;

    private static SimulatorServer simulator;
    private static OssSimulatorControl control;
    private static OssClient client;

    @BeforeAll
    static void startSimulator() {
        OssSimulatorState state = new OssSimulatorState(null, CLOCK);
        simulator = new SimulatorServer("oss", TestPorts.free(), dir,
                new OssStateTransformer(state, new OssSimulatorFaults()));
        simulator.start();
        control = new OssSimulatorControl(simulator.port());
        client = client("contract-key");
    }

    @AfterAll
    static void stopSimulator() {
        simulator.stop();
    }

    @BeforeEach
    void cleanSimulator() {
        // No faults, no quirks, and only the NIB as OSS pushed it: each test starts from the pushed state.
        control.reset();
        control.remember(Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json"));
    }

    @Test
    void inqueryNibAnswersThePushedNibInInqueryShape() {
        NibData data = client.inqueryNib(NIB);

        assertThat(data.nib()).isEqualTo(NIB);
        assertThat(data.dataNib().path("npwp_perseroan").asText()).isEqualTo("0092542943312000");
        assertThat(data.dataNib().has("id_izin")).isFalse();
        assertThat(data.dataNib().has("tipe_dokumen ")).isTrue();
        assertThat(data.dataNib().path("data_checklist").path(0).path("id_izin").asText()).isEqualTo(ID_IZIN);
        assertThat(data.dataNib().path("data_checklist").path(0).path("status_checklist").asText()).isEqualTo("09");
    }

    @Test
    void inqueryNibByNpwpFindsTheNibInEitherNpwpForm() {
        assertThat(client.inqueryNib(InqueryNibRequest.byNpwp("0092542943312000")).nib()).isEqualTo(NIB);
        assertThat(client.inqueryNib(InqueryNibRequest.byNpwp("09.254.294.3-312.000")).nib()).isEqualTo(NIB);
    }

    @Test
    void anUnknownNibIsTheDocumentedKode400() {
        assertThatThrownBy(() -> client.inqueryNib("9999999999999"))
                .isInstanceOfSatisfying(OssRefusedException.class, e -> {
                    assertThat(e.kode()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("Data NIB tidak ditemukan");
                });
        assertThatThrownBy(() -> client.fetchNib("9999999999999")).isInstanceOf(OssRefusedException.class);
        assertThatThrownBy(() -> client.checkLicenseStatus("I-000")).isInstanceOf(OssRefusedException.class);
        assertThatThrownBy(() -> client.inqueryLicense("I-000", false))
                .isInstanceOfSatisfying(OssRefusedException.class, e -> assertThat(e.kode()).isEqualTo(404));
        assertThatThrownBy(() -> client.receiveLicenseStatus(new LicenseStatusReport(NIB, null, null, null, "I-000",
                null, null, "20", null, null, null, null, null, null, null)))
                .isInstanceOfSatisfying(OssRefusedException.class, e -> assertThat(e.kode()).isEqualTo(400));
    }

    @Test
    void fetchNibAnswersTheProjectsWithTheirPermits() {
        NibData data = client.fetchNib(NIB);

        assertThat(data.dataNib().path("nama_perseroan").asText()).isEqualTo("USAHA H. MUHAMMAD YUSUF");
        assertThat(data.dataNib().path("data_proyek").path(0).path("kbli").path(0).path("id_izin").asText())
                .isEqualTo(ID_IZIN);
    }

    @Test
    void statusesAndFinalPermitsSentToOssAreWhatOssAnswersAfterwards() {
        assertThat(client.checkLicenseStatus(ID_IZIN).kdStatus()).isEqualTo("09");

        client.receiveLicenseStatus(status("20"));
        LicenseStatus validated = client.checkLicenseStatus(ID_IZIN);
        assertThat(validated.kdStatus()).isEqualTo("20");
        assertThat(validated.nib()).isEqualTo(NIB);
        assertThat(validated.idProyek()).isEqualTo("R-202611210915000000777");

        OssAck ack = client.receiveLicense(license());
        assertThat(ack.nomorIzin()).isNotBlank();
        assertThat(client.checkLicenseStatus(ID_IZIN).kdStatus()).isEqualTo("50");
        LicenseInquiry inquiry = client.inqueryLicense(ID_IZIN, true);
        assertThat(inquiry.idIzin()).isEqualTo(ID_IZIN);
        assertThat(inquiry.kdDaerah()).isEqualTo("1607112003");
        assertThat(inquiry.dataChecklist().get(0).path("no_izin").asText()).isEqualTo(ack.nomorIzin());
        assertThat(inquiry.dataChecklist().get(0).path("data_persyaratan").path(0).path("id_syarat").asText())
                .isEqualTo("S101");
        assertThat(inquiry.dataProyek()).hasSize(1);
    }

    /**
     * The simulator holds an IZINSTATUS to the PIA's field table as OSS does: a field the table does not mark
     * optional must be sent (even empty), the ids, status and its time must not be empty, the status must be
     * a Lampiran 10 code and its time "YYYY-MM-DD HH:II:SS".
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("izinStatusFaults")
    void anIzinStatusOssWouldRefuseIsRefusedWithKode400(String what, Consumer<ObjectNode> spoil) {
        ObjectNode body = (ObjectNode) Json.tree(Fixtures.text("oss/receiveLicenseStatus/izinstatus-complete.json"));
        client.report(OssOperation.RECEIVE_LICENSE_STATUS, body);
        spoil.accept((ObjectNode) body.get("IZINSTATUS"));

        assertThatThrownBy(() -> client.report(OssOperation.RECEIVE_LICENSE_STATUS, body))
                .isInstanceOfSatisfying(OssRefusedException.class, e -> assertThat(e.kode()).isEqualTo(400));
    }

    static Stream<Arguments> izinStatusFaults() {
        return Stream.of(
                Arguments.of("id_produk left out", (Consumer<ObjectNode>) s -> s.remove("id_produk")),
                Arguments.of("kd_instansi left out", (Consumer<ObjectNode>) s -> s.remove("kd_instansi")),
                Arguments.of("nip_status left out", (Consumer<ObjectNode>) s -> s.remove("nip_status")),
                Arguments.of("tgl_status empty", (Consumer<ObjectNode>) s -> s.put("tgl_status", "")),
                Arguments.of("tgl_status as ISO instant", (Consumer<ObjectNode>) s -> s.put("tgl_status", "2026-11-28T03:00:00Z")),
                Arguments.of("kd_status not in Lampiran 10", (Consumer<ObjectNode>) s -> s.put("kd_status", "99")));
    }

    @Test
    void aTypedStatusReportSendsEveryRequiredFieldEvenWhenNotKnown() {
        JsonNode sent = Json.toTree(new LicenseStatusReport(NIB, null, null, null, ID_IZIN, null, null, "20",
                "2026-11-28 10:00:00", null, null, null, null, null, null));

        assertThat(sent.fieldNames()).toIterable().containsExactlyInAnyOrder("nib", "id_produk", "id_proyek", "oss_id",
                "id_izin", "kd_izin", "kd_instansi", "kd_status", "tgl_status", "nip_status", "nama_status", "keterangan");
        assertThat(sent.path("id_produk").asText()).isEmpty();
    }

    static Stream<Arguments> documentedErrors() {
        List<Arguments> out = new ArrayList<>();
        for (String op : OPERATIONS.keySet()) {
            for (int kode : new int[] {400, 401, 403, 404, 405, 500, 504}) {
                out.add(Arguments.of(op, kode, false));
                out.add(Arguments.of(op, kode, true));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} kode {1} as string: {2}")
    @MethodSource("documentedErrors")
    void eachDocumentedErrorKodeIsClassifiedWhetherNumberOrString(String op, int kode, boolean asString) {
        control.fault("{\"type\":\"kode\",\"operation\":\"" + op + "\",\"kode\":" + kode + ",\"kodeAsString\":"
                + asString + "}");

        Class<? extends RuntimeException> expected = kode < 500 ? OssRefusedException.class
                : OssUnavailableException.class;
        assertThatThrownBy(() -> OPERATIONS.get(op).accept(client)).isInstanceOf(expected)
                .satisfies(e -> assertThat(((OssFailure) e).kode()).isEqualTo(kode))
                .satisfies(e -> assertThat(((OssFailure) e).operation().path()).isEqualTo(op));
    }

    @Test
    void everyOperationSucceedsWithRealRepliesQuirks() {
        control.quirks(true, true);

        OPERATIONS.forEach((op, call) -> call.accept(client));
        assertThat(client.checkLicenseStatus(ID_IZIN).kdStatus()).isEqualTo("50");
    }

    @Test
    void aMissingUserKeyIsRefusedWith401() {
        assertThatThrownBy(() -> client("").inqueryNib(NIB))
                .isInstanceOfSatisfying(OssRefusedException.class, e -> assertThat(e.kode()).isEqualTo(401));
    }

    @Test
    void faultsSwitchedAtRuntimeAreTransientAndEndAfterTheirCount() {
        control.fault("{\"type\":\"latency\",\"operation\":\"inqueryNIB\",\"latencyMs\":1500,\"times\":1}");
        assertThatThrownBy(() -> client.inqueryNib(NIB)).isInstanceOf(OssUnavailableException.class)
                .hasMessageContaining("timed out");

        control.fault("{\"type\":\"http-5xx\",\"status\":502,\"times\":1}");
        assertThatThrownBy(() -> client.checkLicenseStatus(ID_IZIN)).isInstanceOf(OssUnavailableException.class)
                .hasMessageContaining("HTTP 502");

        control.fault("{\"type\":\"http-504\",\"operation\":\"fetchNIB\",\"times\":1}");
        assertThatThrownBy(() -> client.fetchNib(NIB)).isInstanceOfSatisfying(OssUnavailableException.class,
                e -> assertThat(e.kode()).isEqualTo(504));

        control.fault("{\"type\":\"malformed\",\"times\":1}");
        assertThatThrownBy(() -> client.inqueryLicense(ID_IZIN, false)).isInstanceOf(OssUnavailableException.class)
                .hasMessageContaining("malformed");

        control.fault("{\"type\":\"reset\",\"operation\":\"inqueryNIB\",\"times\":1}");
        assertThatThrownBy(() -> client.inqueryNib(NIB)).isInstanceOf(OssUnavailableException.class);

        // Every fault was for one reply only: OSS is healthy again.
        OPERATIONS.forEach((op, call) -> call.accept(client));
    }

    @Test
    void aNibChangedInTheSimulatorShowsItsNewChangeDate() {
        control.change(NIB);

        NibData changed = client.inqueryNib(NIB);
        assertThat(changed.tglPerubahanNib()).isEqualTo("2026-11-28");
        assertThat(changed.dataNib().path("tipe_dokumen ").asText()).isEqualTo("5");
        assertThat(changed.dataNib().path("alamat_perseroan").asText()).contains("perubahan");
    }

    private static OssClient client(String userKey) {
        return new OssClient("http://127.0.0.1:" + simulator.port() + "/v1/kl/rba", userKey, Duration.ofMillis(700));
    }

    private static LicenseStatusReport status(String kdStatus) {
        return new LicenseStatusReport(NIB, null, "R-202611210915000000777", "P-202611210915000000123", ID_IZIN,
                "011000000001", "160", kdStatus, "2026-11-28 10:00:00", "198001012006041001", "Petugas DPMPTSP",
                "Validasi berkas", false, null,
                new LicenseStatusReport.Pnbp(null, null, null, null, null, null, null));
    }

    private static FinalLicense license() {
        return new FinalLicense(NIB, "R-202611210915000000777", "P-202611210915000000123", ID_IZIN, "011000000001",
                "1607112003", null, "2026-11-28", "2031-11-28", "Kepala DPMPTSP", "197501012000031001",
                "Kepala Dinas", "50", "https://sicantik.example/izin.pdf", "Izin terbit", null, null, 0, 5, "02",
                JsonNodeFactory.instance.objectNode().put("luas_bangunan_disetujui", "120"));
    }
}
