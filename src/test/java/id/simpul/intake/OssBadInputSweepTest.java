package id.simpul.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.simpul.platform.json.Json;
import id.simpul.support.CapturedLog;
import id.simpul.support.Fixtures;
import id.simpul.support.HubTestSupport;
import id.simpul.support.OssSender;
import id.simpul.support.SweepSample;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import id.simpul.canonical.PermitMessage;
import id.simpul.platform.SimpulProperties;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.camel.CamelContext;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every OSS push operation swept with bad input (fixtures/oss/bad-input/sweep.json), as BadInputSweepTest sweeps
 * the staff API, G2G and the console: the operation's sample with one field mutated at a time (a wrong JSON type,
 * null, missing, "", 1 MiB, control characters, invalid UTF-8, deep nesting, a huge array), and whole-body and
 * token cases. Each answer has the PIA shape and shows no stack trace, class name, SQL or NIK. A refused push writes
 * no row and puts nothing on the intake queue or in the broker's dead letters; a push the hub deliberately accepts
 * (listed in the fixture with its reason) is converted without a dead letter. The NIK is never logged unmasked.
 */
class OssBadInputSweepTest extends HubTestSupport {

    private static final JsonNode SWEEP = Json.tree(Fixtures.text("oss/bad-input/sweep.json"));
    private static final String ONE_MIB = "x".repeat(1024 * 1024);
    private static final String MARKER = "@@bad-input@@";
    /** What an answer must never show: a stack frame, a Java class or method, the store's SQL or driver. */
    private static final Pattern LEAK = Pattern.compile("\tat |Exception|org\\.springframework|java\\.|jakarta\\."
            + "|com\\.fasterxml|StreamReadConstraints|\\w\\.\\w+\\(\\)|SELECT |INSERT INTO|DELETE FROM|UPDATE |SQLState"
            + "|org\\.h2|JdbcSQL|org\\.apache");
    /** The samples' NIKs: never in an answer, never unmasked in the log. */
    private static final List<String> NIKS = List.of("1607111204780000");
    /** The applicant registry keeps a NIK's digits encrypted in nik_cipher VARCHAR(200) (V20): about 120 digits. */
    private static final int NIK_DIGITS_STORED = 100;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EmbeddedActiveMQ broker;

    @Autowired
    CamelContext camel;

    @Autowired
    NibIntake nibIntake;

    @Autowired
    SimpulProperties properties;


    /** One request: the body as sent, and whether the fixture says the hub takes it (and why). */
    record Case(String name, String operation, byte[] body, Map<String, String> headers, String accepted) {
        @Override
        public String toString() {
            return operation + " " + name;
        }
    }

    @Test
    void everyOssPushOperationRefusesBadInputInThePiaShapeAndWritesNothing() throws Exception {
        List<Case> cases = cases();
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        List<String> tables = jdbc.sql("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'"
                + " AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME").query(String.class).list();
        Queue intake = queue("simpul.intake.oss");
        // Conversion waits (the queue is dropped with the test's data folder): the sweep converts each accepted push
        // itself, where a failure names its case; behind the queue it would be a dead letter of unknown origin.
        camel.getRouteController().stopRoute("intake-convert-push");
        List<String> logged;
        AtomicInteger acceptedCases = new AtomicInteger();
        Map<String, Long> before = rowCounts(tables);
        try (CapturedLog log = CapturedLog.start()) {
            // Four at a time: the cases are independent (each is refused, or queued for a conversion that waits),
            // and one after another they took twice as long on two cores.
            ForkJoinPool pool = new ForkJoinPool(4);
            try {
                pool.submit(() -> cases.parallelStream().forEach(c -> sweep(c, problems, acceptedCases))).get();
            } finally {
                pool.shutdown();
            }
            // The broker counts a message once its journal has it, a moment after OSS heard "1".
            int accepted = acceptedCases.get();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                    .until(() -> intake.getMessagesAdded() >= accepted);
            if (intake.getMessagesAdded() != accepted) {
                problems.add((intake.getMessagesAdded() - accepted) + " refused pushes were queued for conversion");
            }
            if (parkedMessages() != 0) {
                problems.add("the broker dead-lettered " + parkedMessages() + " messages");
            }
            logged = log.lines();
        }
        Map<String, Long> after = rowCounts(tables);
        if (!after.equals(before)) {
            problems.add("the sweep wrote rows " + changed(before, after));
        }
        for (String nik : NIKS) {
            logged.stream().filter(line -> line.contains(nik)).limit(3)
                    .forEach(line -> problems.add("NIK unmasked in the log: " + shown(line)));
        }
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/oss-bad-input-sweep.txt"), problems);

        assertThat(problems).as(cases.size() + " cases, " + acceptedCases + " accepted (all: target/oss-bad-input-sweep.txt)")
                .isEmpty();
        // Sampled or not (SweepSample), every mutation reaches every operation.
        Map<String, Set<String>> mutationsSent = new TreeMap<>();
        Set<String> mutations = new TreeSet<>();
        SWEEP.path("mutations").forEach(m -> mutations.add(m.asText()));
        cases.stream().filter(c -> !c.name().startsWith("body ") && !c.name().startsWith("token "))
                .forEach(c -> mutations.stream().filter(m -> c.name().endsWith(" " + m))
                .forEach(m -> mutationsSent.computeIfAbsent(c.operation(), o -> new TreeSet<>()).add(m)));
        assertThat(mutationsSent).hasSize(SWEEP.path("samples").size()).allSatisfy((operation, sent) ->
                assertThat(sent).as(operation).isEqualTo(mutations));
    }

    /** What conversion does with an accepted push, but for the store: each permit for this region maps to a valid message. */
    private void convert(Case c, List<String> problems) {
        OssOperation operation = OssOperation.of(c.operation()).orElseThrow();
        if (operation.kind() != OssOperation.Kind.NIB) {
            return;
        }
        try {
            ObjectNode data = OssPayloadReader.requireData(OssPayloadReader.read(c.body()), operation);
            for (ObjectNode input : NibIntake.mappingInputs(data, properties.region())) {
                String hash = NibContent.hashes((ObjectNode) input.get("dataNIB"), (ObjectNode) input.get("checklist")).content();
                input.set("meta", NibIntake.meta(c.operation(), "push", "2026-11-30T08:00:00Z", hash, 1));
                PermitMessage message = nibIntake.convert(new IntakeItem(0, c.operation(),
                        OssPayloadReader.text(data.get("versi_pia")), input));
                String nik = message.applicant() == null ? null : message.applicant().identityNumber();
                if (nik != null && nik.replaceAll("[^0-9]", "").length() > NIK_DIGITS_STORED) {
                    problems.add(c + ": accepted, but its NIK (" + nik.length() + " characters) does not fit the applicant registry");
                }
            }
        } catch (RuntimeException e) {
            problems.add(c + ": accepted, then fails conversion: " + shown(String.valueOf(e.getMessage())));
        }
    }

    private void sweep(Case c, List<String> problems, AtomicInteger acceptedCases) {
        HttpResponse<String> response = send(c);
        checkAnswer(c, response, problems);
        if (c.accepted() == null) {
            if (response.statusCode() < 400 || response.statusCode() > 499) {
                problems.add(c + ": not refused -> " + response.statusCode() + " " + shown(response.body()));
            }
            return;
        }
        acceptedCases.incrementAndGet();
        if (response.statusCode() != 200 || !"1".equals(reply(c, response).path("status").asText())) {
            problems.add(c + ": accepted in the fixture (" + c.accepted() + ") but answered " + response.statusCode()
                    + " " + shown(response.body()));
        } else {
            convert(c, problems);
        }
    }

    private void checkAnswer(Case c, HttpResponse<String> response, List<String> problems) {
        String body = response.body();
        if (response.statusCode() >= 500) {
            problems.add(c + ": " + response.statusCode() + " " + shown(body));
        }
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            problems.add(c + ": not JSON -> " + response.statusCode() + " " + shown(body));
            return;
        }
        JsonNode reply = reply(c, response);
        if (!reply.path("status").isTextual() || !reply.path("keterangan").isTextual()
                || reply.path("keterangan").asText().isBlank()) {
            problems.add(c + ": not the PIA shape -> " + response.statusCode() + " " + shown(body));
        }
        Matcher leak = LEAK.matcher(body);
        if (leak.find()) {
            problems.add(c + ": leaks '" + leak.group() + "' in " + shown(body));
        }
        if (NIKS.stream().anyMatch(body::contains)) {
            problems.add(c + ": NIK in the answer " + shown(body));
        }
    }

    private static JsonNode reply(Case c, HttpResponse<String> response) {
        try {
            return Json.tree(response.body()).path("respon" + c.operation());
        } catch (RuntimeException e) {
            return Json.tree("{}");
        }
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = SWEEP.path("samples").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> sample = it.next();
            String operation = sample.getKey();
            ObjectNode root = (ObjectNode) Json.tree(read(sample.getValue().asText()));
            String rootKey = root.fieldNames().next();
            String nib = root.path(rootKey).path("nib").asText();
            Map<String, String> token = Map.of("Content-Type", "application/json", "Token", OssSender.todaysToken(nib));
            cases.add(accepted(operation, "as written", bytes(Json.write(root)), token, "the sample itself"));
            boolean nested = !SWEEP.path("topLevelOnly").toString().contains("\"" + operation + "\"");
            List<String> paths = paths(root.get(rootKey), "").stream().filter(p -> nested || !p.matches(".*[.\\[].*"))
                    .toList();
            for (int field = 0; field < paths.size(); field++) {
                String path = paths.get(field);
                int index = 0;
                for (JsonNode m : SWEEP.path("mutations")) {
                    String mutation = m.asText();
                    // A pair the fixture rules on (refused or accepted, with its reason) is always sent.
                    if (SweepSample.sends(field, paths.size(), index++) || ruledOn(operation, path, mutation)) {
                        cases.add(accepted(operation, path + " " + mutation, mutated(root, rootKey, path, mutation),
                                token, accepts(operation, path, mutation)));
                    }
                }
            }
            byte[] body = bytes(Json.write(root));
            cases.add(new Case("body not JSON", operation, bytes("dataNIB=" + nib), token, null));
            cases.add(new Case("body empty", operation, new byte[0], token, null));
            cases.add(new Case("body an array", operation, bytes("[" + Json.write(root) + "]"), token, null));
            cases.add(new Case("body without the root key", operation, bytes(Json.write(root.get(rootKey))), token, null));
            cases.add(new Case("body gzip-compressed (a gzip bomb unpacks to 64 MiB)", operation, gzipBomb(),
                    Map.of("Content-Type", "application/json", "Content-Encoding", "gzip",
                            "Token", OssSender.todaysToken(nib)), null));
            cases.add(new Case("body gzip-compressed sample", operation, gzip(body),
                    Map.of("Content-Type", "application/json", "Content-Encoding", "gzip",
                            "Token", OssSender.todaysToken(nib)), null));
            cases.add(new Case("token missing", operation, body, Map.of("Content-Type", "application/json"), null));
            cases.add(new Case("token wrong", operation, body,
                    Map.of("Content-Type", "application/json", "Token", "0".repeat(40)), null));
            cases.add(new Case("token of another NIB", operation, body,
                    Map.of("Content-Type", "application/json", "Token", OssSender.todaysToken("9120300000001")), null));
            cases.add(new Case("token of 4000 characters", operation, body,
                    Map.of("Content-Type", "application/json", "Token", "a".repeat(4000)), null));
            cases.add(accepted(operation, "body as text/plain", body,
                    Map.of("Content-Type", "text/plain", "Token", OssSender.todaysToken(nib)),
                    "any declared Content-Type is read as JSON in UTF-8 (docs/intake.md)"));
            cases.add(accepted(operation, "body as a form type", body,
                    Map.of("Content-Type", "application/x-www-form-urlencoded", "Token", OssSender.todaysToken(nib)),
                    "any declared Content-Type is read as JSON in UTF-8 (docs/intake.md)"));
        }
        return cases;
    }

    private static Case accepted(String operation, String name, byte[] body, Map<String, String> headers, String why) {
        return new Case(name, operation, body, headers, why);
    }

    /** The fixture's reason for accepting {@code mutation} at {@code path}, or null when it must be refused. */
    private static String accepts(String operation, String path, String mutation) {
        if (matches(SWEEP.path("refuses"), operation, path, mutation) != null) {
            return null;
        }
        return matches(SWEEP.path("accepts"), operation, path, mutation);
    }

    /** Whether a rule of the fixture names this field (not merely {@code .*}): those decisions are always tested. */
    private static boolean ruledOn(String operation, String path, String mutation) {
        for (String list : List.of("refuses", "accepts")) {
            for (JsonNode rule : SWEEP.path(list)) {
                if (!rule.path("fields").asText().equals(".*")
                        && matches(Json.MAPPER.createArrayNode().add(rule), operation, path, mutation) != null) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String matches(JsonNode rules, String operation, String path, String mutation) {
        for (JsonNode a : rules) {
            if (a.has("operations") && !a.path("operations").toString().contains("\"" + operation + "\"")) {
                continue;
            }
            if (path.matches(a.path("fields").asText())) {
                for (JsonNode m : a.path("mutations")) {
                    if (m.asText().equals(mutation)) {
                        return a.path("reason").asText();
                    }
                }
            }
        }
        return null;
    }

    /** Every field path under {@code node}: each object field, and a list's first item and its fields. */
    private static List<String> paths(JsonNode node, String prefix) {
        List<String> paths = new ArrayList<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> {
                String path = prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey();
                paths.add(path);
                paths.addAll(paths(f.getValue(), path));
            });
        } else if (node.isArray() && !node.isEmpty()) {
            String path = prefix + "[0]";
            paths.add(path);
            paths.addAll(paths(node.get(0), path));
        }
        return paths;
    }

    private static byte[] mutated(ObjectNode root, String rootKey, String path, String mutation) {
        ObjectNode copy = root.deepCopy();
        JsonNode parent = copy.get(rootKey);
        List<String> steps = new ArrayList<>(List.of(path.replace("[0]", ".[0]").split("\\.")));
        String last = steps.remove(steps.size() - 1);
        for (String step : steps) {
            parent = step.equals("[0]") ? parent.get(0) : parent.get(step);
        }
        JsonNode current = last.equals("[0]") ? parent.get(0) : parent.get(last);
        if (mutation.equals("missing")) {
            if (last.equals("[0]")) {
                ((ArrayNode) parent).remove(0);
            } else {
                ((ObjectNode) parent).remove(last);
            }
            return bytes(Json.write(copy));
        }
        if (last.equals("[0]")) {
            ((ArrayNode) parent).set(0, MARKER);
        } else {
            ((ObjectNode) parent).put(last, MARKER);
        }
        String json = Json.write(copy);
        int from = json.indexOf("\"" + MARKER + "\"");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes(json.substring(0, from)));
        out.writeBytes(switch (mutation) {
            case "type" -> bytes(current.isContainerNode() ? "12345" : "{\"a\":1}");
            case "null" -> bytes("null");
            case "empty" -> bytes("\"\"");
            case "1mib" -> bytes("\"" + ONE_MIB + "\"");
            case "control" -> bytes("\"a\\u0007\\u001b\\u007f\\u0085z\"");
            case "invalid-utf8" -> new byte[]{'"', 'P', 'T', ' ', (byte) 0xC3, 0x28, (byte) 0xFF, '"'};
            case "deep" -> bytes("[".repeat(200) + "]".repeat(200));
            case "huge-array" -> bytes("[" + "0,".repeat(19_999) + "0]");
            default -> throw new IllegalArgumentException("unknown mutation " + mutation);
        });
        out.writeBytes(bytes(json.substring(from + MARKER.length() + 2)));
        return out.toByteArray();
    }

    private HttpResponse<String> send(Case c) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oss/" + c.operation()))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(c.body()));
        c.headers().forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(c + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Queue queue(String name) {
        Queue queue = broker.getActiveMQServer().locateQueue(name);
        assertThat(queue).as(name).isNotNull();
        return queue;
    }

    private long parkedMessages() {
        Queue dlq = broker.getActiveMQServer().locateQueue("simpul.broker.dlq");
        return dlq == null ? 0 : dlq.getMessagesAdded();
    }

    private Map<String, Long> rowCounts(List<String> tables) {
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < tables.size(); i++) {
            columns.add("(SELECT COUNT(*) FROM \"" + tables.get(i) + "\") AS C" + i);
        }
        List<Object> values = new ArrayList<>(jdbc.sql("SELECT " + String.join(", ", columns)).query().singleRow().values());
        Map<String, Long> byTable = new LinkedHashMap<>();
        for (int i = 0; i < tables.size(); i++) {
            byTable.put(tables.get(i), ((Number) values.get(i)).longValue());
        }
        return byTable;
    }

    private static Map<String, Long> changed(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> changed = new LinkedHashMap<>();
        after.forEach((table, rows) -> {
            if (!rows.equals(before.get(table))) {
                changed.put(table, rows - before.getOrDefault(table, 0L));
            }
        });
        return changed;
    }

    private static byte[] gzipBomb() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 64; i++) {
                gzip.write(zeros);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String shown(String body) {
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
