package id.simpul.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.schibsted.spt.data.jslt.Expression;
import com.schibsted.spt.data.jslt.JsltException;
import com.schibsted.spt.data.jslt.Parser;
import com.schibsted.spt.data.jslt.ResourceResolver;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Declarative mappings read from the top-level {@code mappings/} folder (JSLT, see ADR 0004).
 *
 * <p>A message family is a folder ({@code oss/receiveNIB}); inside it {@code default.jslt} and,
 * where a sender's schema version differs, {@code <version>.jslt}. {@link #select} picks the file
 * for an exact version, then for its longest dotted prefix ({@code 4.3}), then the default.
 * Compiled expressions are cached per file and dropped when the file or a file it imports changes, so
 * integrators edit mappings without a restart.
 */
public final class Mappings {

    private final Path root;
    private final Map<Path, Compiled> cache = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    public Mappings(Path root) {
        this(root, System::nanoTime);
    }

    /** With the clock that paces the once-a-second look at the files (tests move it by hand). */
    Mappings(Path root, LongSupplier nanoClock) {
        this.root = root.toAbsolutePath().normalize();
        this.nanoClock = nanoClock;
    }

    public Path root() {
        return root;
    }

    /** Applies the mapping of {@code family} for {@code version} (may be null) to {@code input}. */
    public JsonNode apply(String family, String version, JsonNode input) {
        Path file = select(family, version);
        try {
            return compiled(file).apply(input);
        } catch (JsltException e) {
            throw failed(root.relativize(file).toString(), e, input);
        }
    }

    /** Applies one mapping file, named relative to the mappings root (e.g. {@code targets/sicantik-cloud.jslt}). */
    public JsonNode applyFile(String relativeFile, JsonNode input) {
        Path file = existing(relativeFile);
        try {
            return compiled(file).apply(input);
        } catch (JsltException e) {
            throw failed(relativeFile, e, input);
        }
    }

    /**
     * Compiles a mapping file, named relative to the root, as the hub would before applying it; a
     * {@link MappingException} whose cause is JSLT's names the file, line and column that failed.
     */
    public void compile(String relativeFile) {
        compiled(existing(relativeFile));
    }

    /** A mapping file named relative to the root, which must exist inside it. */
    private Path existing(String relativeFile) {
        Path file = resolveInside(relativeFile);
        if (!Files.isRegularFile(file)) {
            throw new MappingNotFoundException("mapping file " + relativeFile + " not found under " + root);
        }
        return file;
    }

    /**
     * Compiles a file of functions only ({@code lib/common.jslt}), which JSLT cannot compile on its own (it
     * has no expression to apply), the way a mapping importing it would.
     */
    public void compileModule(String relativeFile) {
        String importer = "import \"" + relativeFile.replace("\\", "/") + "\" as module\n{}\n";
        try {
            new Parser(new StringReader(importer))
                    .withSource("(import of " + relativeFile + ")")
                    .withResourceResolver(new FolderResolver(root, new LinkedHashMap<>()))
                    .compile();
        } catch (JsltException e) {
            throw cannotCompile(relativeFile, e);
        }
    }

    /**
     * JSLT's runtime messages quote the value that failed ({@code number(1607…x) failed},
     * {@code round() cannot round a non-number: "0812-…"}), which is as often as not the applicant's NIK,
     * phone or name; the message ends up in a dead letter, the trail and the log, shown to every role.
     * So every text and number of the input is taken out of it (ignoring case), and any run of five
     * digits left (a value the mapping changed on the way, e.g. digits of a phone); what failed and
     * where stay, and the input itself is in the dead letter, masked by role.
     */
    private static MappingException failed(String file, JsltException e, JsonNode input) {
        // The position is JSLT's own (file:line:column), kept apart so that no value can blank it.
        String where = e.getSource() != null && e.getLine() > 0
                ? " at " + e.getSource() + ":" + e.getLine() + ":" + e.getColumn() : "";
        return new MappingException("mapping " + file + " failed: "
                + redacted(e.getMessageWithoutLocation(), input) + where, e);
    }

    static String redacted(String message, JsonNode input) {
        if (message == null) {
            return "";
        }
        TreeSet<String> values = new TreeSet<>(
                Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        collectValues(input, values);
        String out = message;
        for (String value : values) {
            out = Pattern.compile(Pattern.quote(value),
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                    .matcher(out).replaceAll("…");
        }
        return out.replaceAll("[0-9]{5,}", "…");
    }

    private static void collectValues(JsonNode node, Set<String> into) {
        if (node == null) {
            return;
        }
        if (node.isContainerNode()) {
            node.forEach(child -> collectValues(child, into));
        } else if (node.isTextual() || node.isNumber()) {
            String value = node.asText().strip();
            // Short values (codes such as "17", "PT") say nothing about a person, and taking them out
            // would blank the function names and positions the integrator needs.
            if (value.length() >= 4) {
                into.add(value);
            }
        }
    }

    /** The mapping file used for a family and sender version. */
    public Path select(String family, String version) {
        Path dir = resolveInside(family);
        if (version != null && !version.isBlank()) {
            String v = version.strip();
            while (true) {
                Path candidate = dir.resolve(v + ".jslt");
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
                int dot = v.lastIndexOf('.');
                if (dot < 0) {
                    break;
                }
                v = v.substring(0, dot);
            }
        }
        Path fallback = dir.resolve("default.jslt");
        if (!Files.isRegularFile(fallback)) {
            throw new MappingNotFoundException("no mapping for " + family + " (looked for " + root.relativize(fallback) + ")");
        }
        return fallback;
    }

    private Path resolveInside(String relative) {
        Path p = root.resolve(relative).normalize();
        if (!p.startsWith(root)) {
            throw new MappingNotFoundException("mapping path escapes the mappings folder: " + relative);
        }
        return p;
    }

    private Expression compiled(Path file) {
        long now = nanoClock.getAsLong();
        Compiled c = cache.get(file);
        // Stat the files at most once a second: mappings are on the hot path of every message.
        if (c != null && now - c.checkedAt < RECHECK_NANOS) {
            return c.expression;
        }
        if (c == null || c.changed()) {
            c = compile(file, now);
        } else {
            c = new Compiled(c.expression, c.read, now);
        }
        cache.put(file, c);
        return c.expression;
    }

    private static final long RECHECK_NANOS = 1_000_000_000L;

    /**
     * Compiles a file and remembers every file it read with its modification time: itself and its imports,
     * transitively ({@code lib/common.jslt}), so that an edit to a shared function reaches every mapping
     * using it, not only once the importing file changes or the hub restarts.
     */
    private Compiled compile(Path file, long now) {
        Map<Path, Long> read = new LinkedHashMap<>();
        read.put(file, lastModified(file));
        try {
            String text = Files.readString(file);
            Expression expression = new Parser(new StringReader(text))
                    .withSource(root.relativize(file).toString())
                    .withResourceResolver(new FolderResolver(file.getParent(), read))
                    .compile();
            return new Compiled(expression, Map.copyOf(read), now);
        } catch (IOException | JsltException e) {
            throw cannotCompile(root.relativize(file).toString(), e);
        }
    }

    /**
     * One line, as check-mappings says it: a parse error goes on to list every token JSLT expected (a dozen
     * lines in each dead letter, trail event and log line of every permit that needs the file), and the
     * position at its end is kept.
     */
    private static MappingException cannotCompile(String file, Exception e) {
        String message = String.valueOf(e.getMessage()).strip();
        String first = message.lines().findFirst().orElse("");
        if (!first.equals(message) && e instanceof JsltException j && j.getSource() != null && j.getLine() > 0) {
            first += " at " + j.getSource() + ":" + j.getLine() + ":" + j.getColumn();
        }
        return new MappingException("cannot compile mapping " + file + ": " + first, e);
    }

    private static long lastModified(Path file) {
        long modified = lastModifiedOrGone(file);
        if (modified < 0) {
            throw new MappingNotFoundException("mapping file missing: " + file);
        }
        return modified;
    }

    /** The modification time, or -1 for a file gone: an import deleted is a change, found by recompiling. */
    private static long lastModifiedOrGone(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return -1;
        }
    }

    /** A compiled file, the files it read (itself first) with their modification times, and when they were last looked at. */
    private record Compiled(Expression expression, Map<Path, Long> read, long checkedAt) {
        boolean changed() {
            return read.entrySet().stream().anyMatch(f -> lastModifiedOrGone(f.getKey()) != f.getValue());
        }
    }

    /** Resolves JSLT {@code import} statements relative to the importing file, then to the root. */
    private final class FolderResolver implements ResourceResolver {
        private final Path base;
        private final Map<Path, Long> read;

        FolderResolver(Path base, Map<Path, Long> read) {
            this.base = base;
            this.read = read;
        }

        @Override
        public Reader resolve(String jsltFile) {
            Path p = base.resolve(jsltFile).normalize();
            if (!Files.isRegularFile(p)) {
                p = root.resolve(jsltFile).normalize();
            }
            if (!p.startsWith(root)) {
                throw new JsltException("import outside mappings folder: " + jsltFile);
            }
            try {
                // Taken before the read: an edit landing in between is then seen as a change next time.
                read.put(p, lastModifiedOrGone(p));
                return new StringReader(Files.readString(p));
            } catch (IOException e) {
                throw new JsltException("cannot read import " + jsltFile + ": " + e.getMessage());
            }
        }
    }

    /** Optional variant used by tests and tools: whether a family has any mapping. */
    public Optional<Path> find(String family, String version) {
        try {
            return Optional.of(select(family, version));
        } catch (MappingNotFoundException e) {
            return Optional.empty();
        }
    }
}
