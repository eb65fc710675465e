package id.simpul.platform.docker;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import id.simpul.platform.connector.oss.OssClient;
import id.simpul.platform.connector.oss.OssOperation;
import id.simpul.platform.connector.oss.OssRefusedException;
import id.simpul.platform.json.Json;
import id.simpul.support.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docker/compose.yaml's OSS stand-in is the plain {@code wiremock/wiremock} image, which has none of the
 * built-in simulator's extensions: its stubs must answer the hub's calls to OSS without them. The built-in
 * simulator's stub answers through its own transformer and, without it, with an empty 200 that the hub
 * reads as a failure of OSS, so back-sync in that stack retried until its dead letter.
 */
class ComposeOssStandInTest {

    private static final Path STAND_IN = Path.of("docker/wiremock/oss");

    private WireMockServer wiremock;
    private OssClient client;

    @BeforeEach
    void plainWireMockOnTheComposeStubs() {
        wiremock = new WireMockServer(options().dynamicPort().usingFilesUnderDirectory(STAND_IN.toString()));
        wiremock.start();
        client = new OssClient("http://127.0.0.1:" + wiremock.port() + "/v1/kl/rba", "k", Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        wiremock.stop();
    }

    @Test
    void composeServesTheStandInStubsToItsOssSimulator() throws IOException {
        assertThat(Files.readString(Path.of("docker/compose.yaml"))).contains("./wiremock/oss:/home/wiremock:ro");
    }

    @Test
    void statusReportsAndFinalPermitsAreAcceptedWithoutTheSimulatorsExtensions() {
        ObjectNode status = (ObjectNode) Json.tree(Fixtures.text("oss/receiveLicenseStatus/izinstatus-complete.json"));

        assertThat(client.report(OssOperation.RECEIVE_LICENSE_STATUS, status).path("kode").asInt()).isEqualTo(200);
        assertThat(client.report(OssOperation.RECEIVE_LICENSE, Json.tree("{\"IZINFINAL\":{\"id_izin\":\"I-1\"}}"))
                .path("kode").asInt()).isEqualTo(200);
    }

    @Test
    void readsAnswerNotFoundSinceAStandInHoldsNoNibs() {
        assertThatThrownBy(() -> client.inqueryNib("9120301234567"))
                .isInstanceOfSatisfying(OssRefusedException.class, e -> assertThat(e.kode()).isEqualTo(400));
        assertThatThrownBy(() -> client.checkLicenseStatus("I-1"))
                .isInstanceOfSatisfying(OssRefusedException.class, e -> assertThat(e.kode()).isEqualTo(400));
    }
}
