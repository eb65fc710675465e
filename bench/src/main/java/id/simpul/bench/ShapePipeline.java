package id.simpul.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hub's shape with none of its work: what acking only once durable and a queue per target cost before
 * any mapping, matching or ledger. OSS pushes arrive over HTTP and are acked after a durable send (as intake does); a
 * transacted relay moves each to a second durable queue (as conversion hands a permit to its target's
 * queue); the raw pipeline's consumer POSTs it to the sink once and commits (as delivery does). Same bare broker,
 * same sink, same pushes and client as the hub's B2 burst. It is not the raw pipeline (one hop, no
 * inbound HTTP): it says how much of the distance between the hub and that pipeline is the shape itself.
 */
final class ShapePipeline {

    static final String IN = "bench.shape.in";
    static final String OUT = "bench.shape.out";
    private static final byte[] ACK = """
            {"responreceiveNIB":{"kode":200,"keterangan":"Data berhasil diterima","status":"1"}}"""
            .getBytes(StandardCharsets.UTF_8);

    record Result(int messages, long delivered, double seconds, double ackSeconds) {
        boolean complete() {
            return delivered >= messages;
        }

        double perSecond() {
            return delivered / seconds;
        }
    }

    private ShapePipeline() {
    }

    static Result run(BareBroker broker, List<Pushes.Push> pushes, int inFlight, int relays, int deliverers, Sink sink,
                      Duration timeout) throws Exception {
        sink.reset();
        sink.mode(Sink.Mode.ACCEPT);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong sequence = new AtomicLong();
        AtomicLong httpErrors = new AtomicLong();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        URI target = URI.create(sink.baseUrl() + "/api/v1/permohonan");
        ExecutorService httpThreads = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "shape-http");
            t.setDaemon(true);
            return t;
        });
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        List<Thread> threads = new ArrayList<>();
        try (Connection connection = broker.connectionFactory().createConnection()) {
            connection.start();
            // One JMS session per HTTP thread: sessions are single-threaded.
            ThreadLocal<MessageProducer> producers = new ThreadLocal<>();
            ThreadLocal<Session> sessions = new ThreadLocal<>();
            server.setExecutor(httpThreads);
            server.createContext("/oss/", exchange -> admit(exchange, connection, sessions, producers, sequence));
            server.start();
            for (int i = 0; i < relays; i++) {
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                MessageConsumer in = session.createConsumer(session.createQueue(IN));
                MessageProducer out = session.createProducer(session.createQueue(OUT));
                out.setDeliveryMode(DeliveryMode.PERSISTENT);
                threads.add(start("shape-relay-" + i, () -> relay(session, in, out, stop)));
            }
            for (int i = 0; i < deliverers; i++) {
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                MessageConsumer out = session.createConsumer(session.createQueue(OUT));
                threads.add(start("shape-deliver-" + i, () -> BareBroker.consume(session, out, http, target, stop, httpErrors)));
            }
            long start = System.nanoTime();
            long deadline = start + timeout.toNanos();
            double ackSeconds;
            try (OssClient client = new OssClient(server.getAddress().getPort(), 16)) {
                ackSeconds = client.burst(pushes, inFlight).ackSeconds();
            }
            while (sink.distinctAccepted() < pushes.size() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long delivered = sink.distinctAccepted();
            stop.set(true);
            for (Thread t : threads) {
                t.join(5_000);
            }
            return new Result(pushes.size(), delivered, seconds, ackSeconds);
        } finally {
            server.stop(0);
            httpThreads.shutdownNow();
        }
    }

    private static void admit(HttpExchange exchange, Connection connection, ThreadLocal<Session> sessions,
                              ThreadLocal<MessageProducer> producers, AtomicLong sequence) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            try {
                if (producers.get() == null) {
                    Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    MessageProducer producer = session.createProducer(session.createQueue(IN));
                    producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                    sessions.set(session);
                    producers.set(producer);
                }
                TextMessage m = sessions.get().createTextMessage(body);
                m.setStringProperty("Key", "shape-" + sequence.incrementAndGet());
                producers.get().send(m);
            } catch (JMSException e) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, ACK.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(ACK);
            }
        }
    }

    private static void relay(Session session, MessageConsumer in, MessageProducer out, AtomicBoolean stop) {
        try {
            while (!stop.get()) {
                Message m = in.receive(100);
                if (m != null) {
                    TextMessage copy = session.createTextMessage(((TextMessage) m).getText());
                    copy.setStringProperty("Key", m.getStringProperty("Key"));
                    out.send(copy);
                    session.commit();
                }
            }
        } catch (JMSException e) {
            if (!stop.get()) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
