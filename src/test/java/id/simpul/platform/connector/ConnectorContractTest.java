package id.simpul.platform.connector;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import id.simpul.platform.failure.PermanentFailureException;
import id.simpul.platform.failure.TransientFailureException;
import id.simpul.support.TestPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every connector to another system keeps, whatever the system: a good reply is
 * returned; a refusal (4xx) is a {@link PermanentFailureException} and is not retried; a server error,
 * a timeout, a reset connection and an unreadable reply are {@link TransientFailureException}s.
 * A connector test extends this class and says how to call its connector and what its system answers.
 * The WireMock server has its own empty file root, so it never scans the hub's {@code mappings/}.
 */
public abstract class ConnectorContractTest {

    /** The connector's timeout in these tests; the slow reply waits well past it. */
    protected static final Duration TIMEOUT = Duration.ofMillis(500);

    protected static WireMockServer server;
    private static Path root;

    @BeforeAll
    static void startServer() throws IOException {
        root = Files.createTempDirectory("simpul-contract-");
        Files.createDirectories(root.resolve("mappings"));
        Files.createDirectories(root.resolve("__files"));
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
                .usingFilesUnderDirectory(root.toString()));
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
        try (var files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void resetServer() {
        server.resetAll();
    }

    /** The request the connector sends, as a stub to attach replies to (method, path, headers). */
    protected abstract MappingBuilder expectedRequest();

    /** The same request, for verifying how often it was sent. */
    protected abstract RequestPatternBuilder sentRequest();

    /** A good reply of the system. */
    protected abstract ResponseDefinitionBuilder successReply();

    /** A refusal of the system (a 4xx with the system's own error body). */
    protected abstract ResponseDefinitionBuilder refusalReply();

    /** Calls the connector against {@code baseUrl} with {@link #TIMEOUT}; returns what it returned. */
    protected abstract Object call(String baseUrl);

    /** Checks what the connector returned for {@link #successReply()}. */
    protected abstract void assertSuccess(Object result);

    protected String baseUrl() {
        return server.baseUrl();
    }

    /**
     * How often a request may reach the system when the connection is reset: once. A read (GET) may be sent once
     * more by the JDK's HTTP client, which repeats an idempotent request whose connection closed before any reply
     * byte (depending on whether the reset reads as a reset or as an end of stream); a read connector says 2.
     */
    protected int maxSendsOnReset() {
        return 1;
    }

    @Test
    void aGoodReplyIsReturned() {
        server.stubFor(expectedRequest().willReturn(successReply()));

        assertSuccess(call(baseUrl()));
        server.verify(1, sentRequest());
    }

    @Test
    void aRefusalIsPermanentAndSentOnlyOnce() {
        server.stubFor(expectedRequest().willReturn(refusalReply()));

        assertThatThrownBy(() -> call(baseUrl())).isInstanceOf(PermanentFailureException.class);
        server.verify(1, sentRequest());
    }

    @Test
    void aServerErrorIsTransient() {
        server.stubFor(expectedRequest().willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "text/html").withBody("<html>503 Service Temporarily Unavailable</html>")));

        assertThatThrownBy(() -> call(baseUrl())).isInstanceOf(TransientFailureException.class);
    }

    @Test
    void aReplyLaterThanTheTimeoutIsTransient() {
        server.stubFor(expectedRequest().willReturn(successReply().withFixedDelay((int) TIMEOUT.toMillis() * 2)));

        assertThatThrownBy(() -> call(baseUrl())).isInstanceOf(TransientFailureException.class);
        // WireMock journals a request once its (late) reply is written: wait for it, so it is not
        // counted in the next test.
        await().atMost(Duration.ofSeconds(5)).until(() -> server.findAll(sentRequest()).size() == 1);
    }

    @Test
    void aResetConnectionIsTransient() {
        server.stubFor(expectedRequest().willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> call(baseUrl())).isInstanceOf(TransientFailureException.class);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> server.findAll(sentRequest()).size() >= 1
                        && server.findAll(sentRequest()).size() <= maxSendsOnReset());
    }

    @Test
    void anUnreachableSystemIsTransient() {
        String closed = "http://127.0.0.1:" + TestPorts.free();

        assertThatThrownBy(() -> call(closed)).isInstanceOf(TransientFailureException.class);
    }

    @Test
    void aMalformedReplyIsTransient() {
        server.stubFor(expectedRequest().willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"truncated\": {\"kode\": 200, \"da")));

        assertThatThrownBy(() -> call(baseUrl())).isInstanceOf(TransientFailureException.class);
        assertThat(server.findAll(sentRequest())).hasSize(1);
    }
}
