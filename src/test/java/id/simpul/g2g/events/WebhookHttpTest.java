package id.simpul.g2g.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import id.simpul.g2g.G2gProperties;
import id.simpul.support.Keytool;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.TrustManagerFactory;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook POST over real sockets and real TLS, with names answered by a DNS the test controls: the
 * receiver listens on 127.0.0.1, and a name may answer a public address to one lookup and 127.0.0.1 to the
 * next, as a DNS-rebinding agency's server would.
 */
class WebhookHttpTest {

    private static final String PASSWORD = "rahasia-tls";
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Map<String, String> HEADERS = Map.of("Content-Type", "application/json",
            "X-Simpul-Event-Id", "evt-1");
    private static final byte[] BODY = "{\"type\":\"PermitReceived\"}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path keys;

    private final Map<String, Deque<String>> dns = new ConcurrentHashMap<>();
    private final Queue<String> asked = new ConcurrentLinkedQueue<>();
    private final Queue<String> received = new ConcurrentLinkedQueue<>();
    private final Queue<String> serverNames = new ConcurrentLinkedQueue<>();
    private final CountDownLatch done = new CountDownLatch(1);
    private HttpServer receiver;
    private WebhookHttp http;

    @BeforeAll
    static void certificates() throws Exception {
        for (String name : List.of("receiver", "elsewhere")) {
            Keytool.run("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=" + name + ".agency.test", "-ext", "SAN=dns:" + name + ".agency.test",
                    "-validity", "2", "-storetype", "PKCS12", "-keystore", keys.resolve(name + ".p12").toString(),
                    "-storepass", PASSWORD, "-keypass", PASSWORD);
        }
    }

    @AfterEach
    void stop() throws IOException {
        done.countDown();
        if (receiver != null) {
            receiver.stop(0);
        }
        if (http != null) {
            http.destroy();
        }
    }

    /**
     * The guard used to look the name up, and the JDK's client looked it up again to connect: a public answer
     * to the first and 127.0.0.1 to the second carried the POST to the hub's own host. Now each delivery looks
     * the name up once, through the guard, and connects to what was accepted: the public address (which
     * cannot be reached from here), then, on the next attempt, nothing, with the guard's reason.
     */
    @Test
    void aNameThatAnswersAPublicAddressThenLoopbackIsNeverPostedToLoopbackAndTheRefusalSaysWhy() throws Exception {
        int port = start(null);
        answer("localhost", "2606:4700:4700::1111", "127.0.0.1");
        http = client(List.of());
        URI url = URI.create("http://localhost:" + port + "/hook");

        Object first = attempt(url);
        Object second = attempt(url);

        assertThat(received).as("nothing reached the receiver on loopback").isEmpty();
        assertThat(first).as("the public address was tried").isInstanceOf(IOException.class)
                .isNotInstanceOf(WebhookAddresses.Refused.class);
        assertThat(second).isInstanceOf(WebhookAddresses.Refused.class);
        assertThat(((Exception) second).getMessage()).contains("localhost is 127.0.0.1").contains("private-hosts");
        assertThat(asked).as("one lookup per delivery: the one the guard judged").containsExactly("localhost",
                "localhost");
    }

    @Test
    void aListedHostIsPostedOverTlsToTheAddressItsNameResolvedToWithTheCertificateCheckedAgainstTheName()
            throws Exception {
        int port = start(server("receiver"));
        answer("receiver.agency.test", "127.0.0.1");
        http = client(List.of("receiver.agency.test"));

        Object answer = attempt(URI.create("https://receiver.agency.test:" + port + "/hook"));

        assertThat(answer).isEqualTo(new WebhookHttp.Answer(204, null));
        assertThat(received).containsExactly("evt-1 {\"type\":\"PermitReceived\"}");
        assertThat(serverNames).as("SNI names the URL's host").contains("receiver.agency.test");
    }

    @Test
    void aCertificateForAnotherNameIsRefusedThoughTheAddressWasAccepted() throws Exception {
        int port = start(server("elsewhere"));
        answer("receiver.agency.test", "127.0.0.1");
        http = client(List.of("receiver.agency.test"));

        Object answer = attempt(URI.create("https://receiver.agency.test:" + port + "/hook"));

        assertThat(answer).isInstanceOf(SSLException.class);
        assertThat(received).isEmpty();
    }

    @Test
    void aReceiverThatDripsItsAnswerIsCutOffAtTheTimeout() throws Exception {
        try (ServerSocket drip = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread dripping = new Thread(() -> dripHeaders(drip), "drip");
            dripping.setDaemon(true);
            dripping.start();
            answer("receiver.agency.test", "127.0.0.1");
            http = client(List.of("receiver.agency.test"));
            long started = System.nanoTime();

            Object answer = attempt(URI.create("http://receiver.agency.test:" + drip.getLocalPort() + "/hook"));

            assertThat(answer).isInstanceOf(HttpTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.multipliedBy(3));
        }
    }

    /**
     * Each POST arms a deadline for the whole exchange and cancels it when answered; a cancelled deadline that stays
     * queued for the rest of the timeout keeps the request and its body with it, and a backlog delivered to a quick
     * receiver would pile up as many as it sends in one timeout.
     */
    @Test
    void aPostAnsweredInTimeLeavesNoDeadlineHoldingOnToIt() throws Exception {
        int port = start(null);
        answer("receiver.agency.test", "127.0.0.1");
        http = client(List.of("receiver.agency.test"));

        for (int i = 0; i < 20; i++) {
            assertThat(attempt(URI.create("http://receiver.agency.test:" + port + "/hook")))
                    .isEqualTo(new WebhookHttp.Answer(204, null));
        }

        assertThat(received).hasSize(20);
        assertThat(http.deadlinesPending()).isZero();
    }

    /**
     * A receiver (or a proxy before it) that closes a kept-alive connection after answering: the next POST went out
     * on the pooled connection, found it closed (NoHttpResponseException) and the event waited for the next retry.
     * A pooled connection is now checked before it is used again.
     */
    @Test
    void aConnectionTheReceiverClosedAfterAnsweringIsNotReusedAndTheNextPostGoesThroughAtOnce() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            List<String> plan = List.of("answer, close", "answer, close");
            CountDownLatch closed = new CountDownLatch(1);
            serve(server, plan, closed);
            answer("receiver.agency.test", "127.0.0.1");
            http = client(List.of("receiver.agency.test"));
            URI url = URI.create("http://receiver.agency.test:" + server.getLocalPort() + "/hook");

            Object first = attempt(url);
            assertThat(closed.await(5, TimeUnit.SECONDS)).as("the receiver closed the connection").isTrue();
            Object second = attempt(url);

            assertThat(first).isEqualTo(new WebhookHttp.Answer(204, null));
            assertThat(second).isEqualTo(new WebhookHttp.Answer(204, null));
            assertThat(received).containsExactly("connection 1: evt-1", "connection 2: evt-1");
        }
    }

    /**
     * The check before reuse cannot see a close that crosses the request on the wire: the receiver read the POST
     * and hung up without an answer. Deliveries are at least once (the receiver deduplicates on the event id), so
     * the POST is sent once more at once, on a new connection, instead of waiting for the dispatcher's back-off.
     */
    @Test
    void aReusedConnectionClosedWithoutAnAnswerIsRetriedOnceOnANewConnection() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            serve(server, List.of("answer, read, close", "answer"), new CountDownLatch(1));
            answer("receiver.agency.test", "127.0.0.1");
            http = client(List.of("receiver.agency.test"));
            URI url = URI.create("http://receiver.agency.test:" + server.getLocalPort() + "/hook");

            Object first = attempt(url);
            Object second = attempt(url);

            assertThat(first).isEqualTo(new WebhookHttp.Answer(204, null));
            assertThat(second).isEqualTo(new WebhookHttp.Answer(204, null));
            assertThat(received).containsExactly("connection 1: evt-1", "connection 1: evt-1 dropped",
                    "connection 2: evt-1");
        }
    }

    @Test
    void aReceiverThatNeverAnswersGetsTwoPostsAndTheAttemptFails() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            serve(server, List.of("read, close", "read, close", "answer"), new CountDownLatch(2));
            answer("receiver.agency.test", "127.0.0.1");
            http = client(List.of("receiver.agency.test"));

            Object answer = attempt(URI.create("http://receiver.agency.test:" + server.getLocalPort() + "/hook"));

            assertThat(answer).isInstanceOf(NoHttpResponseException.class);
            assertThat(received).containsExactly("connection 1: evt-1 dropped", "connection 2: evt-1 dropped");
        }
    }

    /**
     * A keep-alive receiver on a raw socket, one script a connection: "answer" reads a request and answers 204 with
     * keep-alive, "read" reads one and answers nothing, "close" hangs up (counting {@code closed} down).
     */
    private void serve(ServerSocket server, List<String> plan, CountDownLatch closed) {
        Thread serving = new Thread(() -> {
            for (int n = 1; n <= plan.size(); n++) {
                try (Socket socket = server.accept(); InputStream in = socket.getInputStream();
                     OutputStream out = socket.getOutputStream()) {
                    for (String step : plan.get(n - 1).split(", ")) {
                        switch (step) {
                            case "answer" -> {
                                received.add("connection " + n + ": " + readRequest(in));
                                out.write(("HTTP/1.1 204 No Content\r\nConnection: keep-alive\r\n"
                                        + "Keep-Alive: timeout=60\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                                out.flush();
                            }
                            case "read" -> received.add("connection " + n + ": " + readRequest(in) + " dropped");
                            case "close" -> {
                                socket.close();
                                closed.countDown();
                            }
                            default -> throw new IllegalArgumentException(step);
                        }
                    }
                    if (!socket.isClosed()) {
                        done.await(5, TimeUnit.SECONDS);
                    }
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        }, "keep-alive-receiver");
        serving.setDaemon(true);
        serving.start();
    }

    /** Reads one request's head and body; its event id. */
    private static String readRequest(InputStream in) throws IOException {
        String eventId = null;
        int length = 0;
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c >= 0; c = in.read()) {
            if (c != '\n') {
                line.append((char) c);
                continue;
            }
            String header = line.toString().strip();
            line.setLength(0);
            if (header.isEmpty()) {
                in.readNBytes(length);
                return eventId;
            }
            String name = header.substring(0, Math.max(0, header.indexOf(':'))).strip();
            String value = header.substring(header.indexOf(':') + 1).strip();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Integer.parseInt(value);
            } else if (name.equalsIgnoreCase("X-Simpul-Event-Id")) {
                eventId = value;
            }
        }
        throw new IOException("the connection ended inside a request");
    }

    /** An answer's header line every half second: each read is quick, the whole answer never ends. */
    private void dripHeaders(ServerSocket server) {
        try (Socket socket = server.accept(); InputStream in = socket.getInputStream();
             OutputStream out = socket.getOutputStream()) {
            in.read(new byte[8192]);
            out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 40 && !done.await(500, TimeUnit.MILLISECONDS); i++) {
                out.write(("X-Drip-" + i + ": .\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException | InterruptedException closed) {
            // the client hung up: what the test wants
        }
    }

    private Object attempt(URI url) {
        try {
            return http.post(url, HEADERS, BODY);
        } catch (IOException e) {
            return e;
        }
    }

    /** The test's DNS: {@code host}'s answers in turn, the last one for every lookup after. */
    private void answer(String host, String... addresses) {
        dns.put(host, new ArrayDeque<>(List.of(addresses)));
    }

    private InetAddress[] lookup(String host) throws UnknownHostException {
        asked.add(host);
        Deque<String> answers = dns.get(host);
        if (answers == null) {
            throw new UnknownHostException(host);
        }
        synchronized (answers) {
            return new InetAddress[] {InetAddress.getByName(answers.size() > 1 ? answers.poll() : answers.peek())};
        }
    }

    private WebhookHttp client(List<String> privateHosts) throws Exception {
        G2gProperties.Webhooks settings = new G2gProperties.Webhooks(Duration.ofSeconds(1), 8, Duration.ofSeconds(2),
                Duration.ofMinutes(10), TIMEOUT, List.of(), List.of(), privateHosts, 2);
        G2gProperties properties = new G2gProperties(null, null, null, null, null, null, settings, null, null);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        for (String name : List.of("receiver", "elsewhere")) {
            trusted.setCertificateEntry(name, store(name).getCertificate(name));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return new WebhookHttp(settings, new WebhookAddresses(properties, this::lookup), tls);
    }

    /** A TLS context presenting {@code name}'s certificate. */
    private static SSLContext server(String name) throws Exception {
        KeyManagerFactory keysOf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keysOf.init(store(name), PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keysOf.getKeyManagers(), null, null);
        return tls;
    }

    private static KeyStore store(String name) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keys.resolve(name + ".p12"))) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    /** A receiver on 127.0.0.1 (over TLS when {@code tls} is given) that records what it was sent; its port. */
    private int start(SSLContext tls) throws IOException {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (tls == null) {
            receiver = HttpServer.create(loopback, 0);
        } else {
            HttpsServer https = HttpsServer.create(loopback, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters parameters = tls.getDefaultSSLParameters();
                    parameters.setSNIMatchers(List.of(new SNIMatcher(StandardConstants.SNI_HOST_NAME) {
                        @Override
                        public boolean matches(SNIServerName name) {
                            serverNames.add(new SNIHostName(name.getEncoded()).getAsciiName());
                            return true;
                        }
                    }));
                    params.setSSLParameters(parameters);
                }
            });
            receiver = https;
        }
        receiver.createContext("/", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("X-Simpul-Event-Id") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        return receiver.getAddress().getPort();
    }
}
