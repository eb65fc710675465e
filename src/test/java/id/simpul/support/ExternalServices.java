package id.simpul.support;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueSender;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Standalone PostgreSQL and Artemis for tests that run the hub as production does. Register it with
 * {@code @ExtendWith(ExternalServices.class)} and read {@link #connection()} (for example in a
 * {@code @DynamicPropertySource}).
 *
 * <p>The first test class that needs the services runs {@code bash .ci/services.sh start} from the
 * Maven basedir, unless all {@code SIMPUL_TEST_*} variables are set (then those services are used
 * as they are). At the end of the test run it stops what that start launched, and nothing else.
 * If the services cannot be had the tests fail: an integration test that skips would let a broken
 * CI look green. The script's output goes to {@code target/external-services.log}.
 */
public final class ExternalServices implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ExternalServices.class);
    private static final List<String> VARIABLES = List.of("SIMPUL_TEST_PG_URL", "SIMPUL_TEST_PG_USER",
            "SIMPUL_TEST_PG_PASSWORD", "SIMPUL_TEST_ARTEMIS_URL", "SIMPUL_TEST_ARTEMIS_USER", "SIMPUL_TEST_ARTEMIS_PASSWORD");
    /** A cold start installs PostgreSQL and fetches Artemis; the script bounds each wait itself. */
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(10);
    /** How long the purge before a test class keeps trying a broker that turns it away. */
    private static final Duration PURGE_TIMEOUT = Duration.ofSeconds(60);
    /** How long one management request waits for its reply before the attempt counts as failed. */
    private static final Duration MANAGEMENT_REPLY_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern EXPORT = Pattern.compile("^export (SIMPUL_TEST_[A-Z_]+)=(.*)$");

    private static volatile Connection current;

    /** Where the services are and how to log in. */
    public record Connection(String pgUrl, String pgUser, String pgPassword,
                             String artemisUrl, String artemisUser, String artemisPassword) {

        /** The JDBC URL with {@code schema} as the session's schema (Flyway migrates into it too). */
        public String pgUrl(String schema) {
            return pgUrl + (pgUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        }

        /** Drops {@code schema} with everything in it and creates it empty: a fresh store per run. */
        public void recreateSchema(String schema) {
            if (!schema.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException("not a plain schema name: " + schema);
            }
            try (var connection = DriverManager.getConnection(pgUrl, pgUser, pgPassword);
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                statement.execute("CREATE SCHEMA " + schema);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot recreate schema " + schema + " at " + pgUrl, e);
            }
        }

        /**
         * A fresh store in {@code schema} (dropped and created again), migrated by the hub's Flyway
         * scripts: for tests that run parts of the hub, or several hubs, on PostgreSQL.
         */
        public DataSource migratedStore(String schema) {
            return emptyStore(schema).migrate().dataSource();
        }

        /**
         * A fresh store in {@code schema} (dropped and created again) with no migration applied yet: for tests of
         * what a migration does to rows an older build stored, on PostgreSQL.
         */
        public MigratingStore emptyStore(String schema) {
            recreateSchema(schema);
            return new MigratingStore(
                    new SimpleDriverDataSource(new org.postgresql.Driver(), pgUrl(schema), pgUser, pgPassword), schema);
        }

        /**
         * Removes every message from the broker's queues whose name contains {@code fragment}, through
         * the management address. The broker keeps its journal between runs, so a run that was killed
         * can leave messages that would otherwise reach the next run's hub. Returns "queue=removed".
         *
         * <p>A broker that has just logged "Server is now active" can still turn the first connection,
         * login or management request away, and a CI run once failed here with no way to tell why. So
         * each attempt is bounded ({@link #MANAGEMENT_REPLY_TIMEOUT} for each reply), attempts repeat
         * for up to {@link #PURGE_TIMEOUT}, and the failure names every cause of the last attempt.
         */
        public List<String> purgeQueues(String fragment) {
            return purgeQueues(fragment, PURGE_TIMEOUT);
        }

        /** {@link #purgeQueues(String)}, trying for up to {@code within}. */
        List<String> purgeQueues(String fragment, Duration within) {
            AtomicReference<List<String>> purged = new AtomicReference<>();
            AtomicReference<Exception> lastFailure = new AtomicReference<>();
            AtomicInteger attempts = new AtomicInteger();
            try {
                Awaitility.await("purge of the queues named *" + fragment + "* at " + artemisUrl)
                        .atMost(within)
                        .until(() -> {
                            attempts.incrementAndGet();
                            try {
                                purged.set(purgeOnce(fragment));
                                return true;
                            } catch (Exception e) {
                                lastFailure.set(e);
                                return false;
                            }
                        });
            } catch (ConditionTimeoutException e) {
                Exception cause = lastFailure.get();
                throw new IllegalStateException("cannot purge queues at " + artemisUrl + " after " + attempts.get()
                        + " attempts in " + within + ": " + causes(cause), cause);
            }
            return purged.get();
        }

        private List<String> purgeOnce(String fragment) throws Exception {
            try (var factory = new ActiveMQConnectionFactory(artemisUrl, artemisUser, artemisPassword);
                 QueueConnection connection = factory.createQueueConnection();
                 QueueSession session = connection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE)) {
                connection.start();
                Queue management = ActiveMQJMSClient.createQueue("activemq.management");
                TemporaryQueue replies = session.createTemporaryQueue();
                try (QueueSender sender = session.createSender(management);
                     QueueReceiver receiver = session.createReceiver(replies)) {
                    Message ask = session.createMessage();
                    JMSManagementHelper.putAttribute(ask, ResourceNames.BROKER, "queueNames");
                    Object[] names = (Object[]) JMSManagementHelper.getResult(request(sender, receiver, replies, ask));
                    List<String> purged = new ArrayList<>();
                    for (Object name : names) {
                        if (!String.valueOf(name).contains(fragment)) {
                            continue;
                        }
                        Message purge = session.createMessage();
                        JMSManagementHelper.putOperationInvocation(purge, ResourceNames.QUEUE + name, "removeAllMessages");
                        Message reply = request(sender, receiver, replies, purge);
                        if (!JMSManagementHelper.hasOperationSucceeded(reply)) {
                            throw new IllegalStateException("cannot purge " + name + ": " + JMSManagementHelper.getResult(reply));
                        }
                        purged.add(name + "=" + JMSManagementHelper.getResult(reply));
                    }
                    return purged;
                } finally {
                    replies.delete();
                }
            }
        }

        /** One request to the management address and its reply, or a failure once the reply is overdue. */
        private static Message request(QueueSender sender, QueueReceiver receiver, TemporaryQueue replies, Message ask)
                throws JMSException {
            ask.setJMSReplyTo(replies);
            sender.send(ask);
            Message reply = receiver.receive(MANAGEMENT_REPLY_TIMEOUT.toMillis());
            if (reply == null) {
                throw new IllegalStateException("no reply from activemq.management within " + MANAGEMENT_REPLY_TIMEOUT);
            }
            return reply;
        }
    }

    /** "message (Type) <- message of its cause (Type) <- ...", so a one-line CI summary shows the root cause. */
    static String causes(Throwable failure) {
        if (failure == null) {
            return "no attempt finished";
        }
        List<String> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && chain.size() < 8; t = t.getCause()) {
            chain.add(t.getMessage() + " (" + t.getClass().getSimpleName() + ")");
        }
        return String.join(" <- ", chain);
    }

    /** The services for the test class being run; fails if the extension is not registered on it. */
    public static Connection connection() {
        Connection connection = current;
        if (connection == null) {
            throw new IllegalStateException("register @ExtendWith(ExternalServices.class) on the test class");
        }
        return connection;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // The root store lives for the whole test run and closes its AutoCloseable values at the end.
        Services services = context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(Services.class, key -> Services.provide(), Services.class);
        current = services.connection();
    }

    /** The services of this test run, and what to stop when the run ends. */
    record Services(Connection connection, Path basedir, List<String> started) implements AutoCloseable {

        static Services provide() {
            Map<String, String> env = System.getenv();
            List<String> set = VARIABLES.stream().filter(v -> env.get(v) != null && !env.get(v).isBlank()).toList();
            if (set.size() == VARIABLES.size()) {
                return new Services(fromVariables(env), null, List.of());
            }
            if (!set.isEmpty()) {
                throw new IllegalStateException("set all of " + VARIABLES + " or none; set are only " + set);
            }
            Path basedir = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
            Instant t0 = Instant.now();
            String out = script(basedir, "start");
            List<String> started = out.lines().filter(l -> l.startsWith("started:"))
                    .reduce((a, b) -> b)
                    .map(l -> Arrays.stream(l.substring("started:".length()).trim().split("\\s+"))
                            .filter(s -> !s.isEmpty()).toList())
                    .orElseThrow(() -> new IllegalStateException("no 'started:' line from .ci/services.sh start; see "
                            + log(basedir)));
            Map<String, String> exports = new HashMap<>();
            script(basedir, "env").lines().map(EXPORT::matcher).filter(Matcher::matches)
                    .forEach(m -> exports.put(m.group(1), m.group(2)));
            note(basedir, "ExternalServices: services ready in " + Duration.between(t0, Instant.now()).toMillis()
                    + " ms; started by this run: " + started);
            return new Services(fromVariables(exports), basedir, started);
        }

        @Override
        public void close() {
            if (basedir != null && !started.isEmpty()) {
                List<String> args = new ArrayList<>(List.of("stop"));
                args.addAll(started);
                script(basedir, args.toArray(String[]::new));
            }
        }

        private static Connection fromVariables(Map<String, String> vars) {
            for (String v : VARIABLES) {
                if (vars.get(v) == null) {
                    throw new IllegalStateException(".ci/services.sh env did not print " + v);
                }
            }
            return new Connection(vars.get("SIMPUL_TEST_PG_URL"), vars.get("SIMPUL_TEST_PG_USER"),
                    vars.get("SIMPUL_TEST_PG_PASSWORD"), vars.get("SIMPUL_TEST_ARTEMIS_URL"),
                    vars.get("SIMPUL_TEST_ARTEMIS_USER"), vars.get("SIMPUL_TEST_ARTEMIS_PASSWORD"));
        }

        /** Runs the script and returns what it printed in this call; throws with its tail if it fails. */
        private static String script(Path basedir, String... args) {
            Path script = basedir.resolve(".ci/services.sh");
            if (!Files.isRegularFile(script)) {
                throw new IllegalStateException("no " + script);
            }
            Path output;
            try {
                Files.createDirectories(basedir.resolve("target"));
                output = Files.createTempFile(basedir.resolve("target"), "services-", ".out");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<String> command = new ArrayList<>(List.of("bash", script.toString()));
            command.addAll(List.of(args));
            try {
                // Output to a file, not a pipe: started services inherit nothing the test JVM waits on.
                Process process = new ProcessBuilder(command).directory(basedir.toFile())
                        .redirectErrorStream(true).redirectOutput(output.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
                boolean finished = process.waitFor(SCRIPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                if (!finished) {
                    process.destroyForcibly();
                }
                String text = Files.readString(output, StandardCharsets.UTF_8);
                note(basedir, "$ " + String.join(" ", command) + "\n" + text);
                if (!finished || process.exitValue() != 0) {
                    throw new IllegalStateException(".ci/services.sh " + String.join(" ", args)
                            + (finished ? " failed with exit code " + process.exitValue() : " timed out after " + SCRIPT_TIMEOUT)
                            + ":\n" + tail(text));
                }
                return text;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot run " + command, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while running " + command, e);
            } finally {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // A leftover file under target/ does no harm.
                }
            }
        }

        private static Path log(Path basedir) {
            return basedir.resolve("target/external-services.log");
        }

        private static void note(Path basedir, String text) {
            try {
                Files.writeString(log(basedir), text + (text.endsWith("\n") ? "" : "\n"), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String tail(String text) {
            List<String> lines = text.lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        }
    }
}
