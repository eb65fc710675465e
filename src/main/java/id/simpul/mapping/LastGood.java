package id.simpul.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last good copy of each mapping and crosswalk file, kept under the hub's data folder
 * ({@code <data-dir>/mappings-last-good/<file>.json}) so that a change refused at run time is still refused after
 * a restart: as nginx keeps serving the configuration that last loaded, the hub converts with the version that
 * last compiled instead of dead-lettering every permit needing the file until someone fixes it. A copy holds the
 * sources the file compiled from, itself first and then every file it imports ({@code lib/common.jslt}), as they
 * were read then: code, never a permit's data.
 *
 * <p>While a file is refused, since when is kept beside its copy ({@code <file>.refused-since}), so that a restart
 * does not make an old refusal look new; it goes when the file compiles again.
 *
 * <p>Only a file that is there and does not compile runs on its copy. A file missing at start was deleted while
 * the hub was stopped (longer than the three seconds that make a running hub's missing file deleted): its copy is
 * dropped, not resurrected.
 */
public final class LastGood {

    /** The folder under the data folder. */
    public static final String FOLDER = "mappings-last-good";

    private static final Logger log = LoggerFactory.getLogger(LastGood.class);

    /** A copy: when it was saved and its sources by name (relative to the mappings root), the file itself first. */
    public record Copy(Instant saved, Map<String, String> sources) {
    }

    /** How a kind of file (mappings, crosswalks) reads itself from the folder and from a copy, at start. */
    public interface Reader<T> {
        /** The file as it is in the folder; throws saying what is wrong with it, as a refusal says it. */
        T folder(String file);

        /** The file from its copy, standing in for it while {@code refused} (the folder's error) holds. */
        T copy(String file, Copy copy, RuntimeException refused);
    }

    private final Path dir;
    private final Clock clock;

    private LastGood(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    /** Copies kept under {@code dataDir}; none (the version kept in memory only) when it is null. */
    public static LastGood in(Path dataDir, Clock clock) {
        return new LastGood(dataDir == null ? null : dataDir.resolve(FOLDER).toAbsolutePath().normalize(), clock);
    }

    static LastGood none() {
        return new LastGood(null, Clock.systemUTC());
    }

    /** Where the copy of {@code file} is, or would be. */
    public Optional<Path> path(String file) {
        return dir == null ? Optional.empty() : Optional.of(dir.resolve(file + ".json").normalize())
                .filter(p -> p.startsWith(dir));
    }

    /**
     * Saves what {@code file} (relative to the mappings root) compiled from, unless its copy holds that already.
     * A copy that cannot be written is logged and the hub goes on: the file is in use, only a restart while a later
     * change is refused would miss it.
     */
    public void save(String file, Map<String, String> sources) {
        Optional<Path> path = path(file);
        if (path.isEmpty() || copy(file).map(Copy::sources).filter(sources::equals).isPresent()) {
            return;
        }
        Path target = path.get();
        try {
            Files.createDirectories(target.getParent());
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("file", file);
            doc.put("saved", clock.instant().toString());
            doc.put("sources", sources);
            // Written aside, then moved in: a crash mid-write leaves the copy before, never half of one.
            Path temp = Files.createTempFile(target.getParent(), ".saving-", ".tmp");
            try {
                Files.writeString(temp, Json.write(doc));
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException | UncheckedIOException e) {
            log.warn("cannot save the last good copy of {} to {}: {}; a restart while a later change to it is"
                    + " refused will fail the file", file, target, e.getMessage());
        }
    }

    /** The copy of {@code file}, if one was saved and reads. */
    public Optional<Copy> copy(String file) {
        Optional<Path> path = path(file);
        if (path.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode doc = Json.tree(Files.readString(path.get()));
            Map<String, String> sources = new LinkedHashMap<>();
            doc.path("sources").properties().forEach(s -> sources.put(s.getKey(), s.getValue().asText()));
            if (!file.equals(doc.path("file").asText()) || !sources.containsKey(file)) {
                throw new IllegalStateException("it is not a copy of " + file);
            }
            return Optional.of(new Copy(Instant.parse(doc.path("saved").asText()), Map.copyOf(sources)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            log.warn("ignoring the last good copy of {} ({}): {}", file, path.get(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Forgets the copy of a file deleted on purpose, so that a later file of that name starts afresh. */
    public void drop(String file) {
        Optional<Path> path = path(file);
        try {
            if (path.isPresent() && Files.deleteIfExists(path.get())) {
                log.info("{} was deleted; its last good copy {} is dropped", file, path.get());
            }
        } catch (IOException e) {
            log.warn("cannot drop the last good copy of deleted {} ({}): {}", file, path.get(), e.getMessage());
        }
        inUse(file);
    }

    /** Where the time the file's refusal was first seen is kept, beside its copy. */
    private Optional<Path> sincePath(String file) {
        return dir == null ? Optional.empty() : Optional.of(dir.resolve(file + REFUSED_SINCE).normalize())
                .filter(p -> p.startsWith(dir));
    }

    /** The name's ending of the file beside a copy that holds since when the file is refused. */
    static final String REFUSED_SINCE = ".refused-since";

    /**
     * Since when {@code file} has been refused, as first seen by this hub before a restart: health, the dashboard
     * and the gauge show how long a file has been refused, which a restart must not reset to the start time.
     */
    public Optional<Instant> refusedSince(String file) {
        Optional<Path> path = sincePath(file);
        if (path.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(Files.readString(path.get()).strip()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            log.warn("ignoring since when {} is refused ({}): {}", file, path.get(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Keeps since when {@code file} is refused beside its copy, unless that time is kept already. */
    public void refused(String file, Instant since) {
        Optional<Path> path = sincePath(file);
        if (path.isEmpty() || refusedSince(file).filter(since::equals).isPresent()) {
            return;
        }
        try {
            Files.createDirectories(path.get().getParent());
            Path temp = Files.createTempFile(path.get().getParent(), ".saving-", ".tmp");
            try {
                Files.writeString(temp, since.toString());
                Files.move(temp, path.get(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException | UncheckedIOException e) {
            log.warn("cannot keep since when {} is refused in {}: {}; after a restart it reads as refused since then",
                    file, path.get(), e.getMessage());
        }
    }

    /** The file is in use (it compiles again, or is gone): its refusal's time goes with the refusal. */
    public void inUse(String file) {
        Optional<Path> path = sincePath(file);
        try {
            if (path.isPresent()) {
                Files.deleteIfExists(path.get());
            }
        } catch (IOException e) {
            log.warn("cannot forget since when {} was refused ({}): {}", file, path.get(), e.getMessage());
        }
    }

    /** Files with a copy whose name ends in {@code suffix} ({@code .jslt}, {@code .json}), relative to the root. */
    public List<String> files(String suffix) {
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> p.endsWith(suffix + ".json"))
                    .map(p -> p.substring(0, p.length() - ".json".length()))
                    .sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            log.warn("cannot list the last good copies in {}: {}", dir, e.getMessage());
            return List.of();
        }
    }

    /**
     * At start, each file of a kind with a copy, as a running hub would have it: the folder's version when it reads
     * (its copy saved anew by the reader), else its copy, and the file refused (one ERROR, health, gauge,
     * dashboard) exactly as a change refused at run time; a file missing from {@code root} was deleted, and its
     * copy is dropped. A copy that does not read either is ignored: the file fails as one never read.
     */
    public <T> Map<String, T> restore(Path root, String suffix, Refusals refusals, Reader<T> reader) {
        Map<String, T> loaded = new LinkedHashMap<>();
        for (String file : files(suffix)) {
            Path inFolder = root.resolve(file).normalize();
            if (!inFolder.startsWith(root)) {
                continue;
            }
            if (!Files.exists(inFolder)) {
                drop(file);
                continue;
            }
            try {
                loaded.put(file, reader.folder(file));
                inUse(file);
            } catch (RuntimeException refused) {
                Optional<Copy> copy = copy(file);
                if (copy.isEmpty()) {
                    continue;
                }
                try {
                    loaded.put(file, reader.copy(file, copy.get(), refused));
                } catch (RuntimeException unusable) {
                    log.warn("the last good copy of {} ({}) does not read either, so the file fails until it is"
                            + " fixed: {}", file, path(file).orElseThrow(), unusable.getMessage());
                    continue;
                }
                refusals.refuse(file, refused.getMessage());
            }
        }
        return loaded;
    }
}
