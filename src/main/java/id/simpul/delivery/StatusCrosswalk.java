package id.simpul.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.canonical.CodeLists;
import id.simpul.mapping.FileStamp;
import id.simpul.mapping.LastGood;
import id.simpul.mapping.Mappings;
import id.simpul.mapping.Refusals;
import id.simpul.platform.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Local status → OSS {@code kd_status}, read as data from a crosswalk file under {@code mappings/}
 * (e.g. {@code status/sicantik-to-oss.json}): ordered rules on {@code status} and optionally
 * {@code step} ({@code nama_proses}); the first match wins. Files are re-read when they change; a change
 * that does not read (not JSON, a rule OSS would refuse, the file missing during a save) is refused and the
 * rules that last read stay in use ({@link Mappings#refusals()}), rather than every poll failing. The rules in use
 * are kept as the file's last good copy ({@link LastGood}), so that a change refused before a restart is still
 * refused after it.
 */
@Component
public class StatusCrosswalk {

    /** What a local status means for OSS. */
    public record Outcome(String kdStatus, boolean decided) {
    }

    record Rule(String status, String step, String kdStatus, boolean decided) {
        boolean matches(String s, String st) {
            return same(status, s) && (step == null || same(step, st));
        }
    }

    /** Rules as read from a file with {@code stamp}; {@code refused} the stamp of a later change that did not read. */
    private record Loaded(FileStamp stamp, List<Rule> rules, FileStamp refused) {
    }

    private final Path root;
    private final Refusals refusals;
    private final LastGood lastGood;
    private final Map<Path, Loaded> cache = new ConcurrentHashMap<>();

    public StatusCrosswalk(Mappings mappings) {
        this.root = mappings.root();
        this.refusals = mappings.refusals();
        this.lastGood = mappings.lastGood();
        restore();
    }

    /** At start, as {@link Mappings} does: a crosswalk that does not read but has a last good copy runs on it, refused. */
    private void restore() {
        Map<String, FileStamp> refusedStamps = new ConcurrentHashMap<>();
        lastGood.restore(root, ".json", refusals, new LastGood.Reader<Loaded>() {
            @Override
            public Loaded folder(String file) {
                Path path = inside(file);
                FileStamp stamp = FileStamp.of(path);
                refusedStamps.put(file, stamp);
                return load(file, path, stamp);
            }

            @Override
            public Loaded copy(String file, LastGood.Copy copy, RuntimeException refused) {
                return new Loaded(FileStamp.COPY, parse(file, document(file, copy.sources().get(file))),
                        refusedStamps.get(file));
            }
        }).forEach((file, loaded) -> cache.put(inside(file), loaded));
    }

    public Optional<Outcome> map(String crosswalkFile, String status, String step) {
        return rules(crosswalkFile).stream().filter(r -> r.matches(status, step)).findFirst()
                .map(r -> new Outcome(r.kdStatus(), r.decided()));
    }

    /**
     * Reads a crosswalk as the hub does ({@code check-mappings}) and returns how many rules it has.
     *
     * @throws IllegalStateException naming the file and what is wrong with it
     * @throws UncheckedIOException when it cannot be read
     */
    public int check(String crosswalkFile) {
        return read(crosswalkFile, inside(crosswalkFile)).size();
    }

    /** The rules in use: the file's, or while a change to it is refused, those it had before. */
    List<Rule> rules(String crosswalkFile) {
        Path file = inside(crosswalkFile);
        FileStamp stamp = FileStamp.of(file);
        Loaded loaded = cache.get(file);
        if (loaded != null && (stamp.equals(loaded.stamp()) || stamp.equals(loaded.refused()))) {
            return loaded.rules();
        }
        if (loaded == null) {
            // Nothing read before, so nothing to keep: the poll fails and says why.
            Loaded read = load(crosswalkFile, file, stamp);
            cache.putIfAbsent(file, read);
            return read.rules();
        }
        // Pollers of targets sharing a file read a change once, so that a refusal is logged once.
        return cache.compute(file, (f, kept) -> reread(crosswalkFile, f, kept)).rules();
    }

    private Loaded reread(String crosswalkFile, Path file, Loaded kept) {
        // Taken before the read: a save landing in between is then seen as a change next time.
        FileStamp stamp = FileStamp.of(file);
        if (stamp.equals(kept.stamp()) || stamp.equals(kept.refused())) {
            return kept;
        }
        try {
            Loaded fresh = load(crosswalkFile, file, stamp);
            refusals.accepted(crosswalkFile, "crosswalk " + crosswalkFile + " reads again; now in use");
            return fresh;
        } catch (IllegalStateException | UncheckedIOException e) {
            refusals.refuse(crosswalkFile, e.getMessage());
            return new Loaded(kept.stamp(), kept.rules(), stamp);
        }
    }

    private Path inside(String crosswalkFile) {
        Path file = root.resolve(crosswalkFile).normalize();
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException("crosswalk path escapes the mappings folder: " + crosswalkFile);
        }
        return file;
    }

    /** Reads a crosswalk into use: its text becomes its last good copy. */
    private Loaded load(String crosswalkFile, Path file, FileStamp stamp) {
        String text = text(crosswalkFile, file);
        Loaded loaded = new Loaded(stamp, parse(crosswalkFile, document(crosswalkFile, text)), null);
        lastGood.save(crosswalkFile, Map.of(crosswalkFile, text));
        return loaded;
    }

    private static List<Rule> read(String crosswalkFile, Path file) {
        return parse(crosswalkFile, document(crosswalkFile, text(crosswalkFile, file)));
    }

    private static String text(String crosswalkFile, Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("crosswalk " + crosswalkFile + " is missing", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read crosswalk " + crosswalkFile, e);
        }
    }

    /** Jackson's own message names no file; an integrator editing several crosswalks needs it. */
    private static JsonNode document(String name, String text) {
        try {
            return Json.tree(text);
        } catch (UncheckedIOException e) {
            String where = e.getCause() instanceof JsonProcessingException j && j.getLocation() != null
                    ? " at line: " + j.getLocation().getLineNr() + ", column: " + j.getLocation().getColumnNr()
                    + " (" + j.getOriginalMessage() + ")"
                    : "";
            throw new IllegalStateException("crosswalk " + name + " is not valid JSON" + where, e);
        }
    }

    private static List<Rule> parse(String name, JsonNode doc) {
        List<Rule> rules = new ArrayList<>();
        for (JsonNode r : doc.path("rules")) {
            String status = r.path("status").asText(null);
            String kd = r.path("kd_status").asText(null);
            if (status == null || kd == null || !kd.matches("\\d{2}")) {
                throw new IllegalStateException("crosswalk " + name + ": rule " + r + " needs status and a two-digit kd_status");
            }
            // OSS takes only the PIA's permit status codes (Lampiran 10) in IZINSTATUS.kd_status and refuses
            // others with kode 400: a code outside the list (58 is OSS's own "issued", seen in checkLicenseStatus
            // answers) would dead-letter every report of that status. Refused when the file is read.
            if (CodeLists.pia().list(CodeLists.STATUS_IZIN).flatMap(l -> l.entry(kd)).isEmpty()) {
                throw new IllegalStateException("crosswalk " + name + ": rule " + r + " has kd_status " + kd
                        + ", which is not a permit status code of PIA Lampiran 10");
            }
            rules.add(new Rule(status, r.hasNonNull("step") ? r.get("step").asText() : null, kd,
                    r.path("decided").asBoolean(false)));
        }
        return List.copyOf(rules);
    }

    private static boolean same(String a, String b) {
        return b != null && a.strip().toLowerCase(Locale.ROOT).equals(b.strip().toLowerCase(Locale.ROOT));
    }
}
