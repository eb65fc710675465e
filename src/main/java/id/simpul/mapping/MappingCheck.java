package id.simpul.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.schibsted.spt.data.jslt.JsltException;
import id.simpul.canonical.CanonicalSchemas;
import id.simpul.canonical.PermitMessage;
import id.simpul.platform.json.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code java -jar simpul.jar check-mappings [--mappings-dir mappings] [--samples <dir>] [--data-dir <hub's data>]}:
 * checks a copy of the
 * mappings folder offline, before an integrator saves it into a running hub's, where a mapping with an error
 * dead-letters every permit of its family until it is fixed. It compiles every {@code .jslt} (imports resolved
 * as the hub does; files under {@code lib/} as the modules they are), reads every status crosswalk, and runs
 * each sample push ({@code <samples>/oss/<operation>/*.json}, by default the repository's
 * {@code mappings/samples/}) through its OSS mapping, the canonical schema and every target mapping.
 *
 * <p>One line per check, {@code ok} or {@code FAILED: reason}; reasons leave out the sample's values, since
 * captured messages hold applicants' data. Exit code 0 when every check passed, 1 when one failed, 2 for bad
 * arguments. Given the hub's data folder, a file that fails is also said to run on the hub's last good copy of it
 * ({@link LastGood}), or to have none: what a hub restarted with the file so would do.
 */
public final class MappingCheck {

    public static final String NAME = "check-mappings";

    /** What the OSS mapping of {@code operation} receives for each permit of a sample push (intake knows). */
    @FunctionalInterface
    public interface OssInputs {
        List<ObjectNode> of(String operation, byte[] push, String receivedAt);
    }

    /** Reads a status crosswalk as the hub does and returns its number of rules, or throws saying what is wrong (delivery knows). */
    @FunctionalInterface
    public interface Crosswalks {
        int check(Mappings mappings, String file);
    }

    private final OssInputs ossInputs;
    private final Crosswalks crosswalks;
    private final Clock clock;
    private final PrintStream out;
    private final PrintStream err;
    private int checks;
    private int failed;
    /** The hub's last good copies, when its data folder is given. */
    private LastGood lastGood;
    private Path dataDir;

    public MappingCheck(OssInputs ossInputs, Crosswalks crosswalks, Clock clock, PrintStream out, PrintStream err) {
        this.ossInputs = ossInputs;
        this.crosswalks = crosswalks;
        this.clock = clock;
        this.out = out;
        this.err = err;
    }

    public int run(String[] args) {
        Path dir = Path.of("mappings");
        Path samples = null;
        for (int i = 0; i < args.length; i += 2) {
            if (!List.of("--mappings-dir", "--samples", "--data-dir").contains(args[i])) {
                return usage("unknown option " + args[i]);
            }
            if (i + 1 >= args.length) {
                return usage("option " + args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--mappings-dir" -> dir = Path.of(args[i + 1]);
                case "--samples" -> samples = Path.of(args[i + 1]);
                default -> dataDir = Path.of(args[i + 1]).toAbsolutePath().normalize();
            }
        }
        if (!Files.isDirectory(dir)) {
            return usage("no mappings folder " + dir.toAbsolutePath().normalize());
        }
        if (dataDir != null) {
            if (!Files.isDirectory(dataDir)) {
                return usage("no data folder " + dataDir + " (the hub's simpul.data-dir)");
            }
            lastGood = LastGood.in(dataDir, clock);
        }
        Mappings mappings = new Mappings(dir);
        Path sampleDir = (samples != null ? samples : mappings.root().resolve("samples")).toAbsolutePath().normalize();
        List<Path> pushes;
        try {
            pushes = jsonFiles(sampleDir.resolve("oss"), 2);
        } catch (IOException e) {
            pushes = List.of();
        }
        if (pushes.isEmpty()) {
            return usage("no sample pushes in " + sampleDir.resolve("oss") + " (oss/<operation>/*.json)"
                    + (samples == null ? ": give --samples <dir>" : ""));
        }
        try {
            compileAll(mappings);
            crosswalks(mappings);
            Set<String> used = new LinkedHashSet<>();
            List<String> targets = files(mappings.root(), "targets", ".jslt");
            for (Path push : pushes) {
                sample(mappings, slashed(sampleDir.relativize(push)), push, targets, used);
            }
            for (Path item : jsonFiles(sampleDir.resolve(LocalPermitMapping.SAMPLES).getParent(), 2)) {
                localSample(mappings, slashed(sampleDir.relativize(item)), item);
            }
            files(mappings.root(), "oss", ".jslt").stream().filter(f -> !used.contains(f))
                    .forEach(f -> out.println(f + ": not run, no sample selects it (compiled only)"));
        } catch (IOException e) {
            err.println("cannot read " + e.getMessage());
            return 2;
        }
        out.println(checks + " check(s), " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }

    private void compileAll(Mappings mappings) throws IOException {
        for (String file : files(mappings.root(), "", ".jslt")) {
            try {
                if (file.startsWith("lib/")) {
                    mappings.compileModule(file);
                } else {
                    mappings.compile(file);
                }
                ok("compile " + file);
            } catch (MappingException e) {
                failed("compile " + file, oneLine(e, null).replace("cannot compile mapping " + file + ": ", ""));
                if (!file.startsWith("lib/")) {
                    lastGoodCopy(file);
                }
            }
        }
    }

    private void crosswalks(Mappings mappings) throws IOException {
        for (String file : files(mappings.root(), "status", ".json")) {
            try {
                ok("crosswalk " + file + " (" + crosswalks.check(mappings, file) + " rules)");
            } catch (RuntimeException e) {
                failed("crosswalk " + file, oneLine(e, null));
                lastGoodCopy(file);
            }
        }
    }

    /** What a hub with the given data folder does with a file that fails: run its last good copy, or fail it. */
    private void lastGoodCopy(String file) {
        if (lastGood == null) {
            return;
        }
        lastGood.copy(file).ifPresentOrElse(
                copy -> out.println(file + ": the hub of " + dataDir + " runs its last good copy (saved " + copy.saved()
                        + ") in its place, after a restart too, and reports the file refused"),
                () -> out.println(file + ": no last good copy in " + dataDir
                        + ": the hub fails every permit or poll that needs it"));
    }

    /**
     * One sample push: each of its permits through the OSS mapping the hub would select, the schema, and
     * every target mapping with the canonical message as delivery hands it over (its JSON, read back).
     */
    private void sample(Mappings mappings, String name, Path push, List<String> targets, Set<String> used)
            throws IOException {
        String operation = push.getParent().getFileName().toString();
        List<ObjectNode> inputs;
        try {
            inputs = ossInputs.of(operation, Files.readAllBytes(push), clock.instant().toString());
        } catch (RuntimeException e) {
            failed("sample " + name, oneLine(e, null));
            return;
        }
        if (inputs.isEmpty()) {
            failed("sample " + name, "no permit in it (a data_checklist entry with id_izin at regency level)");
            return;
        }
        for (int i = 0; i < inputs.size(); i++) {
            ObjectNode input = inputs.get(i);
            String what = "sample " + name + (inputs.size() > 1 ? " permit " + (i + 1) : "");
            String mapping;
            try {
                mapping = relative(mappings, mappings.select("oss/" + operation,
                        input.path("dataNIB").path("versi_pia").asText(null)));
            } catch (MappingNotFoundException e) {
                failed(what + " -> oss/" + operation, e.getMessage());
                continue;
            }
            used.add(mapping);
            JsonNode canonical;
            try {
                JsonNode mapped = mappings.applyFile(mapping, input);
                List<String> errors = CanonicalSchemas.v1().validate("permit-message", mapped);
                if (!errors.isEmpty()) {
                    failed(what + " -> " + mapping, masked("breaks canonical schema permit-message.v1: "
                            + String.join("; ", errors), input, mapped));
                    continue;
                }
                canonical = Json.tree(Json.write(Json.convert(mapped, PermitMessage.class)));
                ok(what + " -> " + mapping);
            } catch (RuntimeException e) {
                failed(what + " -> " + mapping, oneLine(e, input));
                continue;
            }
            for (String target : targets) {
                try {
                    JsonNode request = mappings.applyFile(target, canonical);
                    if (request == null || !request.isObject()) {
                        failed(what + " -> " + target, "produced " + (request == null ? "nothing" : request.getNodeType())
                                + ", not a JSON object for the regional system");
                    } else {
                        ok(what + " -> " + target);
                    }
                } catch (RuntimeException e) {
                    failed(what + " -> " + target, oneLine(e, canonical));
                }
            }
        }
    }

    /** One sample item of an office's own permits through {@link LocalPermitMapping} and schema local-permit.v1. */
    private void localSample(Mappings mappings, String name, Path item) throws IOException {
        String what = "sample " + name + " -> " + LocalPermitMapping.FILE;
        JsonNode input;
        try {
            input = Json.tree(Files.readString(item));
        } catch (RuntimeException e) {
            failed("sample " + name, "not JSON (" + e.getClass().getSimpleName() + ")");
            return;
        }
        try {
            LocalPermitMapping.map(mappings, input, "sample");
            ok(what);
        } catch (RuntimeException e) {
            failed(what, oneLine(e, input));
        }
    }

    /**
     * The first line of the reason, with JSLT's file:line:column: a parse error goes on to list every token JSLT
     * expected, which helps nobody, and ends with the position. A mapping's failure is masked already (its
     * file name must stay); any other reason has the input's values masked as a dead letter's has.
     */
    private static String oneLine(RuntimeException e, JsonNode input) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        String first = message.lines().findFirst().orElse("");
        if (!first.equals(message) && e.getCause() instanceof JsltException j && j.getSource() != null
                && j.getLine() > 0) {
            first += " at " + j.getSource() + ":" + j.getLine() + ":" + j.getColumn();
        }
        return e instanceof MappingException ? first : masked(first, input, null);
    }

    private static String masked(String reason, JsonNode input, JsonNode output) {
        ArrayNode values = JsonNodeFactory.instance.arrayNode();
        values.add(input == null ? JsonNodeFactory.instance.nullNode() : input);
        values.add(output == null ? JsonNodeFactory.instance.nullNode() : output);
        return Mappings.redacted(reason, values);
    }

    private static String relative(Mappings mappings, Path file) {
        return slashed(mappings.root().relativize(file));
    }

    /** A relative path as the hub names mapping files, whatever the platform. */
    private static String slashed(Path relative) {
        return relative.toString().replace('\\', '/');
    }

    private void ok(String what) {
        checks++;
        out.println(what + ": ok");
    }

    private void failed(String what, String reason) {
        checks++;
        failed++;
        out.println(what + ": FAILED: " + reason);
    }

    /** Files under {@code root/sub} ending in {@code suffix}, relative to root, sorted; none when the folder is missing. */
    private static List<String> files(Path root, String sub, String suffix) throws IOException {
        Path dir = sub.isEmpty() ? root : root.resolve(sub);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(suffix))
                    .map(p -> slashed(root.relativize(p)))
                    .filter(p -> !p.startsWith("samples/"))
                    .sorted().toList();
        }
    }

    private static List<Path> jsonFiles(Path dir, int depth) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir, depth)) {
            return walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".json")
                    && !p.getParent().equals(dir)).sorted().toList();
        }
    }

    private int usage(String problem) {
        err.println(problem);
        err.println("usage: java -jar simpul.jar " + NAME + " [--mappings-dir mappings] [--samples <dir>]"
                + " [--data-dir <the hub's data folder>] (samples as oss/<operation>/*.json, default"
                + " <mappings-dir>/samples; with --data-dir, a failing file says whether the hub has a last good copy)");
        return 2;
    }
}
