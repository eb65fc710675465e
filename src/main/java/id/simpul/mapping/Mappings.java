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
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Declarative mappings read from the top-level {@code mappings/} folder (JSLT, see ADR 0004).
 *
 * <p>A message family is a folder ({@code oss/receiveNIB}); inside it {@code default.jslt} and,
 * where a sender's schema version differs, {@code <version>.jslt}. {@link #select} picks the file
 * for an exact version, then for its longest dotted prefix ({@code 4.3}), then the default.
 * Compiled expressions are cached per file and replaced when the file or a file it imports changes, so
 * integrators edit mappings without a restart. A change that does not compile (a slip, or a file caught
 * half-written or missing in the middle of a save) is refused: the version that last compiled stays in use,
 * and {@link #refusals()} lists the file until a save compiles. Given the hub's data folder, the version in use is
 * also kept on disk ({@link LastGood}), so that a change refused before a restart is still refused after it. A file
 * that never compiled has nothing to keep and fails each time.
 */
public final class Mappings {

    private final Path root;
    private final Map<Path, Compiled> cache = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;
    private final Refusals refusals;
    private final LastGood lastGood;
    /** When a file that compiled was first seen missing (nano clock). */
    private final Map<Path, Long> missingSince = new ConcurrentHashMap<>();

    public Mappings(Path root) {
        this(root, Clock.systemUTC());
    }

    /** With the clock that dates refusals. */
    public Mappings(Path root, Clock clock) {
        this(root, clock, System::nanoTime, LastGood.none());
    }

    /**
     * The hub's: each file's last good copy is kept under {@code dataDir}, and a file that does not compile now but
     * has one runs on it from the start, refused.
     */
    public Mappings(Path root, Clock clock, Path dataDir) {
        this(root, clock, System::nanoTime, LastGood.in(dataDir, clock));
    }

    /** With the clock that paces the once-a-second look at the files (tests move it by hand). */
    Mappings(Path root, LongSupplier nanoClock) {
        this(root, Clock.systemUTC(), nanoClock, LastGood.none());
    }

    /** With the clock that paces the look at the files, and the hub's data folder. */
    Mappings(Path root, LongSupplier nanoClock, Path dataDir) {
        this(root, Clock.systemUTC(), nanoClock, LastGood.in(dataDir, Clock.systemUTC()));
    }

    private Mappings(Path root, Clock clock, LongSupplier nanoClock, LastGood lastGood) {
        this.root = root.toAbsolutePath().normalize();
        this.nanoClock = nanoClock;
        this.lastGood = lastGood;
        this.refusals = new Refusals(clock, lastGood);
        restore();
    }

    /**
     * The files with a last good copy, compiled at start: a file that compiles is used (and its copy brought up to
     * date); one that does not runs on its copy and is refused, as if its change had been saved into this process.
     */
    private void restore() {
        long now = nanoClock.getAsLong();
        Map<String, Map<Path, FileStamp>> attempts = new ConcurrentHashMap<>();
        lastGood.restore(root, ".jslt", refusals, new LastGood.Reader<Compiled>() {
            @Override
            public Compiled folder(String file) {
                Map<Path, FileStamp> read = new LinkedHashMap<>();
                attempts.put(file, read);
                return inUse(file, compile(root.resolve(file), now, read));
            }

            @Override
            public Compiled copy(String file, LastGood.Copy copy, RuntimeException refused) {
                Expression expression;
                try {
                    expression = parse(root.resolve(file), new CopySource(copy.sources()));
                } catch (IOException | JsltException e) {
                    throw cannotCompile(file, e);
                }
                return new Compiled(expression, Map.of(), now, Map.copyOf(attempts.get(file)), copy.sources());
            }
        }).forEach((file, compiled) -> cache.put(root.resolve(file), compiled));
    }

    /** The last good copies of these files and of crosswalks (empty without a data folder). */
    public LastGood lastGood() {
        return lastGood;
    }

    /** A compiled file about to be used: its sources become its last good copy. */
    private Compiled inUse(String name, Compiled compiled) {
        lastGood.save(name, compiled.sources());
        return compiled;
    }

    /** Files whose latest change was refused, mappings and crosswalks alike; each still serves its last good version. */
    public Refusals refusals() {
        return refusals;
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
     * Compiles a mapping file, named relative to the root, as it is now (check-mappings): never the version a
     * running hub keeps after refusing a change. A {@link MappingException} whose cause is JSLT's names the
     * file, line and column that failed.
     */
    public void compile(String relativeFile) {
        compile(existing(relativeFile), nanoClock.getAsLong(), new LinkedHashMap<>());
    }

    /** A mapping file named relative to the root, which must exist inside it (or have compiled before: see {@link #present}). */
    private Path existing(String relativeFile) {
        Path file = resolveInside(relativeFile);
        if (!present(file)) {
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
                    .withResourceResolver(new FolderResolver(root, new FolderSource(new LinkedHashMap<>(), new LinkedHashMap<>())))
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
                if (present(candidate)) {
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
        if (!present(fallback)) {
            throw new MappingNotFoundException("no mapping for " + family + " (looked for " + root.relativize(fallback) + ")");
        }
        return fallback;
    }

    /**
     * A file there, or one that compiled before and is missing for a moment: a rename-save deletes it briefly, and
     * a permit selected then must not fall back to {@code default.jslt} (its change is refused like one that does
     * not compile). Missing for longer than any save takes, it was deleted on purpose: a retired
     * {@code <versi_pia>.jslt} gives way to the default, and its refusal clears.
     */
    private boolean present(Path file) {
        if (Files.isRegularFile(file)) {
            if (!missingSince.isEmpty()) {
                missingSince.remove(file);
            }
            return true;
        }
        if (!cache.containsKey(file)) {
            return false;
        }
        long now = nanoClock.getAsLong();
        long since = missingSince.computeIfAbsent(file, f -> now);
        if (now - since < DELETED_AFTER_NANOS) {
            return true;
        }
        if (cache.remove(file) != null) {
            String name = root.relativize(file).toString();
            refusals.accepted(name, "mapping " + name + " was deleted; no longer used");
            lastGood.drop(name);
        }
        missingSince.remove(file);
        return false;
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
        if (c == null) {
            // Nothing compiled before, so nothing to keep: a failure goes to the caller (a dead letter).
            c = inUse(root.relativize(file).toString(), compile(file, now, new LinkedHashMap<>()));
            cache.putIfAbsent(file, c);
            return c.expression;
        }
        // One thread per file rechecks, so that a refused change is logged once.
        return cache.compute(file, (f, kept) -> recheck(f, kept, now)).expression;
    }

    private static final long RECHECK_NANOS = 1_000_000_000L;
    /** A file that compiled and has been missing this long was deleted, not caught in the middle of a save. */
    private static final long DELETED_AFTER_NANOS = 3 * RECHECK_NANOS;

    private Compiled recheck(Path file, Compiled kept, long now) {
        if (now - kept.checkedAt < RECHECK_NANOS) {
            return kept;
        }
        // A refused change is not compiled again until the files change again.
        if (!changed(kept.refused != null ? kept.refused : kept.read)) {
            return new Compiled(kept.expression, kept.read, now, kept.refused, kept.sources);
        }
        String name = root.relativize(file).toString();
        Map<Path, FileStamp> read = new LinkedHashMap<>();
        try {
            Compiled fresh = inUse(name, compile(file, now, read));
            refusals.accepted(name, "mapping " + name + " compiles again; now in use");
            return fresh;
        } catch (MappingException e) {
            refusals.refuse(name, e.getMessage());
            return new Compiled(kept.expression, kept.read, now, Map.copyOf(read), kept.sources);
        }
    }

    /**
     * Compiles a file and remembers every file it read with its stamp, into {@code read}: itself and its imports,
     * transitively ({@code lib/common.jslt}), so that an edit to a shared function reaches every mapping
     * using it, not only once the importing file changes or the hub restarts. On a failure {@code read} holds
     * what was read up to it, which a refused change is then known by.
     */
    private Compiled compile(Path file, long now, Map<Path, FileStamp> read) {
        String name = root.relativize(file).toString();
        if (FileStamp.of(file).gone()) {
            read.put(file, FileStamp.GONE);
            throw new MappingNotFoundException("cannot compile mapping " + name + ": the file is missing");
        }
        Map<String, String> sources = new LinkedHashMap<>();
        try {
            Expression expression = parse(file, new FolderSource(read, sources));
            return new Compiled(expression, Map.copyOf(read), now, null, Map.copyOf(sources));
        } catch (IOException | JsltException e) {
            throw cannotCompile(name, e);
        }
    }

    /** Compiles a file with its imports, all read from {@code source}. */
    private Expression parse(Path file, Source source) throws IOException {
        return new Parser(new StringReader(source.read(file)))
                .withSource(root.relativize(file).toString())
                .withResourceResolver(new FolderResolver(file.getParent(), source))
                .compile();
    }

    /**
     * One line, as check-mappings says it: a parse error goes on to list every token JSLT expected (a dozen
     * lines in each dead letter, trail event and log line of every permit that needs the file), and the
     * position at its end is kept.
     */
    private static final Pattern PARSE_POSITION = Pattern.compile(" at line (\\d+), column (\\d+)\\.?");

    private static MappingException cannotCompile(String file, Exception e) {
        String message = String.valueOf(e.getMessage()).strip();
        String first = message.lines().findFirst().orElse("");
        if (!first.equals(message) && e instanceof JsltException j && j.getSource() != null && j.getLine() > 0) {
            // A parse error's first line says "at line 31, column 1." where the unexpected token is, and JSLT's
            // own position is the last token it read (30:1): one position, the right one, in the form
            // check-mappings prints.
            Matcher at = PARSE_POSITION.matcher(first);
            first = at.find()
                    ? at.replaceFirst("") + " at " + j.getSource() + ":" + at.group(1) + ":" + at.group(2)
                    : first + " at " + j.getSource() + ":" + j.getLine() + ":" + j.getColumn();
        }
        return new MappingException("cannot compile mapping " + file + ": " + first, e);
    }

    private static boolean changed(Map<Path, FileStamp> read) {
        return read.entrySet().stream().anyMatch(f -> !FileStamp.of(f.getKey()).equals(f.getValue()));
    }

    /**
     * A compiled file, the files it read (itself first) with their stamps, when they were last looked at, and,
     * while a later change is refused, the files as that change was read (null otherwise); {@code sources} what
     * it was compiled from, by name, its last good copy.
     */
    private record Compiled(Expression expression, Map<Path, FileStamp> read, long checkedAt,
                            Map<Path, FileStamp> refused, Map<String, String> sources) {
    }

    /** Where a compile reads a file and its imports: the folder, or a last good copy. */
    private interface Source {
        boolean has(Path file);

        String read(Path file) throws IOException;
    }

    /** The folder, remembering each file's stamp and text as it is read. */
    private final class FolderSource implements Source {
        private final Map<Path, FileStamp> stamps;
        private final Map<String, String> texts;

        FolderSource(Map<Path, FileStamp> stamps, Map<String, String> texts) {
            this.stamps = stamps;
            this.texts = texts;
        }

        @Override
        public boolean has(Path file) {
            return Files.isRegularFile(file);
        }

        @Override
        public String read(Path file) throws IOException {
            // Taken before the read: an edit landing in between is then seen as a change next time.
            stamps.put(file, FileStamp.of(file));
            String text = Files.readString(file);
            texts.put(root.relativize(file).toString(), text);
            return text;
        }
    }

    /** A last good copy: the sources by name, relative to the root, as they compiled when it was saved. */
    private final class CopySource implements Source {
        private final Map<String, String> texts;

        CopySource(Map<String, String> texts) {
            this.texts = texts;
        }

        @Override
        public boolean has(Path file) {
            return texts.containsKey(root.relativize(file).toString());
        }

        @Override
        public String read(Path file) throws IOException {
            String text = texts.get(root.relativize(file).toString());
            if (text == null) {
                throw new NoSuchFileException(root.relativize(file) + " (not in its last good copy)");
            }
            return text;
        }
    }

    /** Resolves JSLT {@code import} statements relative to the importing file, then to the root. */
    private final class FolderResolver implements ResourceResolver {
        private final Path base;
        private final Source source;

        FolderResolver(Path base, Source source) {
            this.base = base;
            this.source = source;
        }

        @Override
        public Reader resolve(String jsltFile) {
            Path p = base.resolve(jsltFile).normalize();
            if (!source.has(p)) {
                p = root.resolve(jsltFile).normalize();
            }
            if (!p.startsWith(root)) {
                throw new JsltException("import outside mappings folder: " + jsltFile);
            }
            try {
                return new StringReader(source.read(p));
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
