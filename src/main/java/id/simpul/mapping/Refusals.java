package id.simpul.mapping;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files under the mappings root whose last saved change the hub refused: it did not compile (or read), so
 * the version that last did stays in use. Editors and {@code cp} save in place, so a permit converted while
 * a file is half-written would otherwise be dead-lettered for nothing; and a slip would dead-letter every
 * permit of its family. Each refused change is logged once; the file is looked at again when it changes.
 */
public final class Refusals {

    /** A refused file (relative to the mappings root), the error of its latest change, and since when it is refused. */
    public record Refused(String file, String error, Instant since) {
    }

    private static final Logger log = LoggerFactory.getLogger(Refusals.class);

    private final Map<String, Refused> refused = new ConcurrentHashMap<>();
    private final Clock clock;
    private final LastGood lastGood;

    Refusals(Clock clock, LastGood lastGood) {
        this.clock = clock;
        this.lastGood = lastGood;
    }

    /**
     * Called once per change that fails; {@code since} stays the first refusal's until the file is in use again,
     * across a restart too ({@link LastGood#refusedSince}).
     */
    public void refuse(String file, String error) {
        Refused now = refused.compute(file, (f, earlier) -> new Refused(file, error, earlier != null ? earlier.since()
                : lastGood.refusedSince(file).orElseGet(clock::instant)));
        lastGood.refused(file, now.since());
        log.error("refused the change to {}; the last version that compiled stays in use until a save that does"
                + " (check a copy with check-mappings): {}", file, error);
    }

    /** The file's current version is in use; {@code inUse} says so in the log when it had been refused. */
    public void accepted(String file, String inUse) {
        if (refused.remove(file) != null) {
            lastGood.inUse(file);
            log.info(inUse);
        }
    }

    /** Refused files by name. */
    public List<Refused> list() {
        return refused.values().stream().sorted(Comparator.comparing(Refused::file)).toList();
    }
}
