package id.simpul.bench;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMAcceptorFactory;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The raw baselines, in the benchmark's own JVM: a bare embedded Artemis broker configured like the
 * hub's (Spring Boot's embedded defaults: persistent NIO journal, every durable send and every
 * transaction synced to disk, in-VM acceptor) on the same disk as the hub's data folder.
 */
public final class BareBroker implements AutoCloseable {

    static final String QUEUE = "bench.raw";
    private static final int SERVER_ID = 77;

    private final EmbeddedActiveMQ server;
    private final ActiveMQConnectionFactory factory;

    public BareBroker(Path dir) throws Exception {
        this(dir, null);
    }

    /**
     * @param nioBufferTimeoutNanos the journal's NIO buffer timeout (how long a sync may wait for others
     *                              to share it); null = Artemis' default, which the hub runs with
     */
    public BareBroker(Path dir, Integer nioBufferTimeoutNanos) throws Exception {
        ConfigurationImpl c = new ConfigurationImpl();
        if (nioBufferTimeoutNanos != null) {
            c.setJournalBufferTimeout_NIO(nioBufferTimeoutNanos);
        }
        c.setSecurityEnabled(false);
        c.setPersistenceEnabled(true);
        c.setJournalType(JournalType.NIO);
        c.setJournalDirectory(dir.resolve("journal").toString());
        c.setBindingsDirectory(dir.resolve("bindings").toString());
        c.setLargeMessagesDirectory(dir.resolve("largemessages").toString());
        c.setPagingDirectory(dir.resolve("paging").toString());
        c.setJournalSyncTransactional(true);
        c.setJournalSyncNonTransactional(true);
        c.getAcceptorConfigurations().add(new TransportConfiguration(InVMAcceptorFactory.class.getName(),
                Map.of("serverId", SERVER_ID)));
        for (String queue : List.of(QUEUE, ShapePipeline.IN, ShapePipeline.OUT)) {
            c.addQueueConfiguration(QueueConfiguration.of(queue).setRoutingType(RoutingType.ANYCAST).setDurable(true));
        }
        server = new EmbeddedActiveMQ().setConfiguration(c);
        server.start();
        factory = new ActiveMQConnectionFactory("vm://" + SERVER_ID);
    }

    public int nioBufferTimeoutNanos() {
        return server.getActiveMQServer().getConfiguration().getJournalBufferTimeout_NIO();
    }

    public ConnectionFactory connectionFactory() {
        return factory;
    }

    /**
     * The floor of a durable send: one producer, one persistent message at a time (closed loop), the
     * hub's own push bodies. Returns latency per send in ns.
     */
    public Histogram sendLatency(List<Pushes.Push> pushes, int warmup) throws JMSException {
        Histogram h = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue(QUEUE);
            MessageProducer producer = session.createProducer(queue);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < pushes.size(); i++) {
                TextMessage m = session.createTextMessage(new String(pushes.get(i).body(), StandardCharsets.UTF_8));
                long t0 = System.nanoTime();
                producer.send(m);
                long t = System.nanoTime() - t0;
                if (i >= warmup) {
                    h.recordValue(t);
                }
            }
        }
        purge();
        return h;
    }

    /** Removes everything from the raw queue (between baselines). */
    public void purge() throws JMSException {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE));
            while (consumer.receive(200) != null) {
                // drain
            }
        }
    }

    public record RawResult(int messages, long delivered, double seconds, double sendSeconds, long httpErrors) {
        boolean complete() {
            return delivered >= messages;
        }

        double perSecond() {
            return delivered / seconds;
        }
    }

    /**
     * The raw pipeline the hub is compared with: {@code producers} threads make each push durable
     * (persistent send), {@code consumers} threads receive in a transacted session, POST the body to the
     * sink once and commit — no mapping, no matching, no ledger. Done when the sink holds every message,
     * or at {@code cap}: then the rate is over what the sink holds by then.
     */
    public RawResult rawPipeline(List<Pushes.Push> pushes, int producers, int consumers, Sink sink, Duration timeout)
            throws Exception {
        sink.reset();
        int n = pushes.size();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        URI target = URI.create(sink.baseUrl() + "/api/v1/permohonan");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong httpErrors = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        try (Connection consuming = factory.createConnection()) {
            consuming.start();
            for (int c = 0; c < consumers; c++) {
                Session session = consuming.createSession(true, Session.SESSION_TRANSACTED);
                MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE));
                Thread t = new Thread(() -> consume(session, consumer, http, target, stop, httpErrors), "raw-consumer-" + c);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
            AtomicInteger next = new AtomicInteger();
            long start = System.nanoTime();
            List<Thread> senders = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                Thread t = new Thread(() -> produce(pushes, next), "raw-producer-" + p);
                t.setDaemon(true);
                t.start();
                senders.add(t);
            }
            long deadline = start + timeout.toNanos();
            for (Thread t : senders) {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
            double sendSeconds = (System.nanoTime() - start) / 1e9;
            while (sink.distinctAccepted() < n && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long delivered = sink.distinctAccepted();
            stop.set(true);
            next.set(pushes.size());
            for (Thread t : senders) {
                t.join(10_000);
            }
            for (Thread t : threads) {
                t.join(5_000);
            }
            return new RawResult(n, delivered, seconds, sendSeconds, httpErrors.get());
        }
    }

    private void produce(List<Pushes.Push> pushes, AtomicInteger next) {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            int i;
            while ((i = next.getAndIncrement()) < pushes.size()) {
                TextMessage m = session.createTextMessage(new String(pushes.get(i).body(), StandardCharsets.UTF_8));
                m.setStringProperty("Key", "raw-" + i);
                producer.send(m);
            }
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    static void consume(Session session, MessageConsumer consumer, HttpClient http, URI target,
                                AtomicBoolean stop, AtomicLong httpErrors) {
        try {
            while (!stop.get()) {
                Message m = consumer.receive(100);
                if (m == null) {
                    continue;
                }
                String body = ((TextMessage) m).getText();
                HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", m.getStringProperty("Key"))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                try {
                    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                    // 201 registered, 200 already known (Sink): both are the target taking the permit.
                    if (r.statusCode() / 100 != 2) {
                        httpErrors.incrementAndGet();
                    }
                    session.commit();
                } catch (IOException e) {
                    httpErrors.incrementAndGet();
                    session.rollback();
                }
            }
        } catch (JMSException e) {
            if (!stop.get()) {
                throw new IllegalStateException(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws Exception {
        factory.close();
        server.stop();
    }
}
