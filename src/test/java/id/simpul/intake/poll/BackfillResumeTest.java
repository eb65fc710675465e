package id.simpul.intake.poll;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import id.simpul.platform.json.Json;
import id.simpul.platform.ledger.LedgerEntry;
import id.simpul.platform.ledger.LedgerState;
import id.simpul.platform.ledger.SyncLedger;
import id.simpul.simulator.OssPayloadGenerator;
import id.simpul.simulator.SimulatorServer;
import id.simpul.support.OssSender;
import id.simpul.support.OssSimulatorControl;
import id.simpul.support.HubLives;
import id.simpul.support.TestPorts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A backfill handed to the hub with the {@code backfill-nibs} command is stopped mid-way with the hub,
 * and finished by the next start on the same data folder: every NIB fetched from OSS once, every
 * permit in the ledger once, as version 1.
 */
class BackfillResumeTest {

    private static final int NIBS = 12;

    @TempDir
    Path dataDir;

    @Test
    void aBackfillStoppedMidWayResumesAfterRestartWithoutDuplicates() throws Exception {
        int port = TestPorts.free();
        int ossPort = TestPorts.free();
        Map<String, Object> props = HubLives.settings(dataDir, port);
        props.put("simpul.simulators.oss.port", ossPort);
        props.put("simpul.oss.sweep.interval", "0");
        props.put("simpul.oss.backfill.poll-interval", "200ms");
        List<String> nibs = new ArrayList<>();
        Map<String, String> idIzinOf = new HashMap<>();
        WireMockServer firstOss;
        String jobPath;

        // First life: OSS knows the NIBs (it pushed them, the pushes were lost); the backfill starts.
        try (ConfigurableApplicationContext first = HubLives.start(props)) {
            OssSimulatorControl control = new OssSimulatorControl(ossPort);
            OssPayloadGenerator generator = new OssPayloadGenerator(7, List.of("1607"));
            for (int i = 0; i < NIBS; i++) {
                ObjectNode push = generator.nextReceiveNib(LocalDateTime.of(2026, 11, 28, 8, 0).plusMinutes(i));
                control.remember(Json.write(push));
                String nib = push.path("dataNIB").path("nib").asText();
                nibs.add(nib);
                idIzinOf.put(nib, push.path("dataNIB").path("id_izin").asText());
            }
            Path file = dataDir.resolve("nibs.txt");
            Files.writeString(file, "# lost pushes of November\n" + String.join("\n", nibs) + "\n");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = BackfillCommand.run(new String[] {"--in", file.toString(), "--rate", "2", "--hub",
                    "http://localhost:" + port, "--user", OssSender.ADMIN}, OssSender.ADMIN_PASSWORD,
                    new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
            assertThat(exit).isZero();
            Matcher location = Pattern.compile("GET \\S+(/api/v1/backfills/[0-9]+)")
                    .matcher(out.toString(StandardCharsets.UTF_8));
            assertThat(location.find()).isTrue();
            jobPath = location.group(1);

            OssSender hub = new OssSender(port);
            await().atMost(Duration.ofSeconds(30)).until(() -> job(hub, jobPath).path("done").asInt() >= 4);
            firstOss = first.getBean("ossSimulator", SimulatorServer.class).wireMock();
        }
        long fetchedBeforeStop = nibs.stream().filter(nib -> inqueries(firstOss, nib) > 0).count();
        assertThat(fetchedBeforeStop).as("stopped mid-way").isBetween(4L, (long) NIBS - 1);

        // Second life, same data folder: the backfill goes on from its cursor and finishes.
        try (ConfigurableApplicationContext second = HubLives.start(props)) {
            OssSender hub = new OssSender(port);
            JsonNode job = await().atMost(Duration.ofSeconds(30)).until(() -> job(hub, jobPath),
                    j -> "DONE".equals(j.path("state").asText()));
            assertThat(job.path("done").asInt()).isEqualTo(NIBS);
            assertThat(job.path("ingested").asInt()).isEqualTo(NIBS);

            SyncLedger ledger = second.getBean(SyncLedger.class);
            for (String nib : nibs) {
                List<LedgerEntry> rows = await().atMost(Duration.ofSeconds(30)).until(() -> ledger.byNib(nib),
                        r -> !r.isEmpty() && r.stream().allMatch(e -> e.state() == LedgerState.DELIVERED));
                assertThat(rows).as("ledger rows of %s", nib).hasSize(1);
                assertThat(rows.get(0).version()).isEqualTo(1);
                assertThat(rows.get(0).idIzin()).isEqualTo(idIzinOf.get(nib));
            }
            WireMockServer secondOss = second.getBean("ossSimulator", SimulatorServer.class).wireMock();
            for (String nib : nibs) {
                assertThat(inqueries(firstOss, nib) + inqueries(secondOss, nib)).as("inqueryNIB calls for %s", nib)
                        .isEqualTo(1);
            }
            assertThat(inqueries(secondOss, nibs.get(0))).as("the first NIB was not fetched again").isZero();
            String prometheus = hub.get("/actuator/prometheus").body();
            assertThat(prometheus).containsPattern("simpul_backfill_remaining\\{[^}]*} 0.0")
                    .containsPattern("simpul_backfill_processed_total\\{[^}]*outcome=\"ingested\"[^}]*} [1-9]");
        }
    }

    private static int inqueries(WireMockServer oss, String nib) {
        return oss.findAll(postRequestedFor(urlPathEqualTo("/v1/kl/rba/inqueryNIB"))
                .withRequestBody(matchingJsonPath("$.INQUERYNIB.nib", equalTo(nib)))).size();
    }

    private static JsonNode job(OssSender hub, String path) {
        return Json.tree(hub.get(path).body());
    }
}
