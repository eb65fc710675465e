package id.simpul.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import id.simpul.platform.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator's pushes, as a hub receives them over HTTP: new NIBs, and earlier ones changed or revoked. */
class OssPushSchedulerTest {

    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private HttpServer hub;

    @BeforeEach
    void hub() throws IOException {
        hub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hub.createContext("/oss/receiveNIB", exchange -> {
            received.add(Json.tree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] ack = "{\"responreceiveNIB\":{\"status\":\"1\",\"keterangan\":\"ok\"}}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ack.length);
            exchange.getResponseBody().write(ack);
            exchange.close();
        });
        hub.start();
    }

    @AfterEach
    void stop() {
        hub.stop(0);
    }

    @Test
    void earlierNibsComeBackChangedAndNowAndThenRevoked(@TempDir Path dir) throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-11-30T03:00:00Z"), ZoneOffset.UTC);
        OssSimulatorState state = new OssSimulatorState(dir.resolve("oss-state.jsonl"), clock);
        OssPushScheduler scheduler = new OssPushScheduler(new OssPayloadGenerator(7, List.of("1607")),
                () -> "http://127.0.0.1:" + hub.getAddress().getPort(), "user", "pass", null, clock, state);

        int pushes = OssPushScheduler.CHANGE_EVERY * OssPushScheduler.REVOKE_EVERY;
        for (int i = 0; i < pushes; i++) {
            assertThat(scheduler.pushOnce()).isEqualTo(200);
        }

        List<String> nibs = received.stream().map(p -> p.path("dataNIB").path("nib").asText()).toList();
        List<String> types = received.stream().map(OssPushSchedulerTest::tipeDokumen).toList();
        for (int i = 0; i < pushes; i++) {
            boolean resend = (i + 1) % OssPushScheduler.CHANGE_EVERY == 0;
            assertThat(types.get(i)).as("push %d", i + 1)
                    .isEqualTo(!resend ? "9" : i + 1 == pushes ? "3" : "5");
            // A re-send is of a NIB pushed before it; a new push is of a NIB not seen yet.
            assertThat(nibs.subList(0, i).contains(nibs.get(i))).as("push %d re-sends", i + 1).isEqualTo(resend);
        }
        // The simulator's own state holds the NIB as last pushed: inqueryNIB answers the revocation.
        String revoked = nibs.get(pushes - 1);
        assertThat(state.nib(revoked).orElseThrow().path("tipe_dokumen").asText()).isEqualTo("3");
    }

    @Test
    void afterARestartTheSimulatorGoesOnWithNewNibsAndItsResendCadenceInsteadOfStartingOver(@TempDir Path dir)
            throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-11-30T03:00:00Z"), ZoneOffset.UTC);
        Path file = dir.resolve("oss-state.jsonl");
        int before = OssPushScheduler.CHANGE_EVERY + 2;
        OssPushScheduler first = scheduler(new OssSimulatorState(file, clock), clock);
        for (int i = 0; i < before; i++) {
            first.pushOnce();
        }
        first.stop();

        // The same seed, the same state file: what a restarted hub builds.
        OssPushScheduler second = scheduler(new OssSimulatorState(file, clock), clock);
        int total = OssPushScheduler.CHANGE_EVERY * 3;
        for (int i = before; i < total; i++) {
            second.pushOnce();
        }

        List<String> nibs = received.stream().map(p -> p.path("dataNIB").path("nib").asText()).toList();
        for (int i = 0; i < total; i++) {
            boolean resend = (i + 1) % OssPushScheduler.CHANGE_EVERY == 0;
            assertThat(tipeDokumen(received.get(i))).as("push %d", i + 1).isEqualTo(resend ? "5" : "9");
            assertThat(nibs.subList(0, i).contains(nibs.get(i)))
                    .as("push %d (%s) re-sends an earlier NIB", i + 1, nibs.get(i)).isEqualTo(resend);
        }
        assertThat(nibs.get(OssPushScheduler.CHANGE_EVERY * 2 - 1))
                .as("the second change after the restart is of the next NIB in line, not the first again")
                .isEqualTo(nibs.get(1));
    }

    @Test
    void aStateKeptBeforeTheSimulatorKeptItsPositionDoesNotMakeItPushThoseNibsAgain(@TempDir Path dir)
            throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-11-30T03:00:00Z"), ZoneOffset.UTC);
        OssSimulatorState state = new OssSimulatorState(dir.resolve("oss-state.jsonl"), clock);
        OssPayloadGenerator earlier = new OssPayloadGenerator(7, List.of("1607"));
        List<String> known = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            known.add(state.remember(earlier.nextReceiveNib(LocalDateTime.of(2026, 11, 29, 9, 0))));
        }

        OssPushScheduler scheduler = scheduler(state, clock);
        for (int i = 0; i < 3; i++) {
            scheduler.pushOnce();
        }

        assertThat(received).extracting(p -> p.path("dataNIB").path("nib").asText()).doesNotContainAnyElementsOf(known);
    }

    private OssPushScheduler scheduler(OssSimulatorState state, Clock clock) {
        return new OssPushScheduler(new OssPayloadGenerator(7, List.of("1607")),
                () -> "http://127.0.0.1:" + hub.getAddress().getPort(), "user", "pass", null, clock, state);
    }

    private static String tipeDokumen(JsonNode push) {
        JsonNode d = push.path("dataNIB");
        return (d.has("tipe_dokumen") ? d.path("tipe_dokumen") : d.path("tipe_dokumen ")).asText();
    }
}
