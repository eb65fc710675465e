package id.simpul.intake;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import id.simpul.platform.json.Json;
import id.simpul.simulator.OssPayloadGenerator;
import id.simpul.support.HubTestSupport;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

// Hundreds of permits to Banyuasin: its rate limit raised (application-bulk.yaml), not 20 a second.
@ActiveProfiles("bulk")
class ConcurrentPushTest extends HubTestSupport {

    private static final int PUSHES = 200;

    @Autowired
    JdbcClient jdbc;

    @Test
    void twoHundredConcurrentPushesAreAllDurableAndTheirResendsAreNotProcessedAgain() throws Exception {
        OssPayloadGenerator generator = new OssPayloadGenerator(20261129, List.of("1607"));
        List<ObjectNode> pushes = new ArrayList<>();
        for (int i = 0; i < PUSHES; i++) {
            pushes.add(generator.nextReceiveNib(LocalDateTime.of(2026, 11, 29, 9, 0).plusSeconds(i)));
        }

        assertThat(sendAll(pushes)).allSatisfy(this::assertStored);
        await().atMost(Duration.ofSeconds(90)).until(() -> count("SELECT COUNT(*) FROM sync_ledger WHERE state = 'DELIVERED'"),
                n -> n == PUSHES);
        assertThat(count("SELECT COUNT(DISTINCT nib) FROM sync_ledger")).isEqualTo(PUSHES);

        assertThat(sendAll(pushes)).allSatisfy(this::assertStored);
        await().atMost(Duration.ofSeconds(90)).until(
                () -> count("SELECT COUNT(*) FROM trail_event WHERE kind = 'DUPLICATE_IGNORED'"), n -> n == PUSHES);
        assertThat(count("SELECT COUNT(*) FROM sync_ledger")).isEqualTo(PUSHES);
        assertThat(count("SELECT MAX(version) FROM sync_ledger")).isEqualTo(1);
        sicantik.wireMock().verify(PUSHES, postRequestedFor(urlPathEqualTo("/api/v1/permohonan")));
    }

    private void assertStored(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.tree(response.body()).path("responreceiveNIB").path("status").asText()).isEqualTo("1");
    }

    private List<HttpResponse<String>> sendAll(List<ObjectNode> pushes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (ObjectNode push : pushes) {
                String nib = push.path("dataNIB").path("nib").asText();
                futures.add(pool.submit(() -> ossSender.receiveNib(Json.write(push), nib)));
            }
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> f : futures) {
                responses.add(f.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
