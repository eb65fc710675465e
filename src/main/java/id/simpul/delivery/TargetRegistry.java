package id.simpul.delivery;

import id.simpul.mapping.Mappings;
import id.simpul.platform.SimpulProperties;
import id.simpul.platform.SimpulProperties.Target;
import id.simpul.platform.failure.PermanentFailureException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The targets from configuration ({@code simpul.targets}), checked at start: unique ids usable in
 * queue and route names, a known flavour, region prefixes, the mapping and crosswalk files they name,
 * and a delivery lease ({@code simpul.delivery.lease}) that outlasts an attempt at each target without
 * an idempotency key. Finds the target of a region by its longest matching {@code kd_daerah} prefix.
 */
@Component
public class TargetRegistry {

    /** Target ids become queue and route names ({@code delivery-push-permit-<id>}). */
    static final Pattern ID = Pattern.compile("[a-z]+(-[a-z]+)*");
    private static final Logger log = LoggerFactory.getLogger(TargetRegistry.class);

    private final Map<String, Target> targets = new LinkedHashMap<>();
    private final Map<String, TargetAdapter> adapters;

    public TargetRegistry(SimpulProperties properties, List<TargetAdapter> adapters, Mappings mappings) {
        this.adapters = adapters.stream().collect(Collectors.toMap(TargetAdapter::flavour, Function.identity()));
        List<String> problems = new ArrayList<>();
        Set<String> prefixes = new HashSet<>();
        for (int i = 0; i < properties.targets().size(); i++) {
            Target t = properties.targets().get(i);
            String where = "simpul.targets[" + i + "]";
            if (t.id() == null || !ID.matcher(t.id()).matches()) {
                problems.add(where + ".id '" + t.id() + "' must be lower-case words joined by '-' (it names queues and routes)");
                continue;
            }
            if (targets.putIfAbsent(t.id(), t) != null) {
                problems.add(where + ".id '" + t.id() + "' is used twice");
            }
            TargetAdapter adapter = this.adapters.get(t.flavour());
            if (adapter == null) {
                problems.add(where + ".flavour '" + t.flavour() + "' is unknown; known: " + this.adapters.keySet());
            } else if (adapter.acceptsWrites() && !adapter.idempotentByKey()
                    && properties.delivery().lease().compareTo(t.readTimeout().multipliedBy(2)) <= 0) {
                problems.add(where + ": simpul.delivery.lease (" + properties.delivery().lease() + ") must be longer"
                        + " than an attempt at this target without an idempotency key, two calls (2 x read-timeout "
                        + t.readTimeout() + "): a lease that lapses while its attempt runs lets a second attempt in");
            }
            if (t.kdDaerahPrefixes().isEmpty()) {
                problems.add(where + ".kd-daerah-prefixes is empty");
            }
            t.kdDaerahPrefixes().stream().filter(p -> !prefixes.add(p))
                    .forEach(p -> problems.add(where + ": prefix " + p + " is served by another target too"));
            t.kdDaerahPrefixes().stream().filter(p -> properties.region() != null && !properties.region().serves(p))
                    .forEach(p -> log.warn("{}: target {} serves {}, which simpul.region.kd-daerah-prefixes leaves out:"
                            + " intake keeps such permits as context only, so none will reach it", where, t.id(), p));
            requireFile(mappings, where + ".mapping", t.mapping(), problems);
            if (t.backSync().crosswalk() != null) {
                requireFile(mappings, where + ".back-sync.crosswalk", t.backSync().crosswalk(), problems);
            }
            if ("splp".equals(t.flavour()) && (t.splp() == null || t.splp().salt() == null || t.splp().salt().isEmpty())) {
                problems.add(where + ".splp.salt is missing (the SPLP envelope key is SHA-256 of it)");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfiguration(problems);
        }
    }

    /** The start-time check's refusal; {@link TargetConfigurationFailureAnalyzer} reports it without a stack trace. */
    public static final class InvalidConfiguration extends IllegalStateException {
        private final List<String> problems;

        InvalidConfiguration(List<String> problems) {
            super("target configuration is invalid:\n  " + String.join("\n  ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    private static void requireFile(Mappings mappings, String where, String file, List<String> problems) {
        if (file == null || file.isBlank()) {
            problems.add(where + " is missing");
        } else if (!Files.isRegularFile(mappings.root().resolve(file).normalize())) {
            problems.add(where + " names " + file + ", which is not under " + mappings.root());
        }
    }

    public List<Target> all() {
        return List.copyOf(targets.values());
    }

    public Target get(String id) {
        Target t = targets.get(id);
        if (t == null) {
            throw new PermanentFailureException("no target with id " + id + "; configured: " + targets.keySet());
        }
        return t;
    }

    public Optional<Target> find(String id) {
        return Optional.ofNullable(id == null ? null : targets.get(id));
    }

    /** The target serving a region: the longest configured prefix of {@code kd_daerah}. */
    public Target forRegion(String kdDaerah) {
        return findForRegion(kdDaerah).orElseThrow(() -> new PermanentFailureException("no target serves kd_daerah "
                + kdDaerah + "; add one to simpul.targets"));
    }

    /** As {@link #forRegion}, empty when no target serves the region. */
    public Optional<Target> findForRegion(String kdDaerah) {
        return targets.values().stream()
                .flatMap(t -> t.kdDaerahPrefixes().stream().filter(p -> kdDaerah != null && kdDaerah.startsWith(p))
                        .map(p -> Map.entry(p.length(), t)))
                .max(Comparator.comparingInt(Map.Entry::getKey))
                .map(Map.Entry::getValue);
    }

    public TargetAdapter adapterOf(Target target) {
        return adapters.get(target.flavour());
    }
}
