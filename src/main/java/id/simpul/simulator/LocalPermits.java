package id.simpul.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.simpul.platform.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of a simulated local permit system: its registrations and where each stands in the
 * local workflow. A permit moves one step every {@code stepInterval} of the injected clock (when not
 * zero) or when advanced explicitly; the last step decides it, with a permit number ({@code no_izin}),
 * dates, signer and file. Registrations with the same idempotency key are one registration. With a
 * file, the registrations outlive a restart of the hub (a real office does not forget them): each change
 * of a registration appends it as one JSON line (the last line of a number wins), so a write does not grow
 * with the number of registrations; the file is compacted, atomically, when loaded.
 */
public final class LocalPermits {

    private static final Logger log = LoggerFactory.getLogger(LocalPermits.class);
    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

    /** One local step: the status word and the step's name ({@code nama_proses}). */
    public record Step(String status, String name) {
    }

    /** The local workflow of a flavour: steps from registration to the decision, and the rejection. */
    public record Workflow(List<Step> steps, Step rejected) {
    }

    /** A registration as the local system holds it. */
    public static final class Permit {
        final String number;
        final String idempotencyKey;
        final Map<String, String> fields;
        final Instant registeredAt;
        int advancedTo;
        boolean rejected;
        Instant decidedAt;
        String noIzin;
        /** The last explicit change (registration, an advance): the office's own list is ordered by it. */
        Instant changedAt;

        Permit(String number, String idempotencyKey, Map<String, String> fields, Instant registeredAt) {
            this.number = number;
            this.idempotencyKey = idempotencyKey;
            this.fields = Map.copyOf(fields);
            this.registeredAt = registeredAt;
            this.changedAt = registeredAt;
        }

        public String number() {
            return number;
        }

        public String field(String name) {
            return fields.get(name);
        }

        public Map<String, String> fields() {
            return fields;
        }

        public Instant registeredAt() {
            return registeredAt;
        }
    }

    /** Where a permit stands now, and since when ({@code updatedAt}: its last step, by the clock or advanced). */
    public record View(Permit permit, Step step, boolean decided, boolean rejected, String noIzin,
                       LocalDate decidedOn, LocalDate validUntil, Instant updatedAt) {

        /** The office's own permits: registered at its counter, not by the hub (no key, no OSS permit id). */
        public boolean officeOwn() {
            return permit.idempotencyKey == null && permit.field("id_izin_oss") == null;
        }

        /** This view's place in the office's change list: {@code <epoch millis>.<number>}. */
        public String cursor() {
            return updatedAt.toEpochMilli() + "." + permit.number;
        }
    }

    private final Workflow workflow;
    private final Clock clock;
    private final Duration stepInterval;
    private final String numberPrefix;
    private final Random random = new SecureRandom();
    private final Map<String, Permit> byNumber = new LinkedHashMap<>();
    private final Map<String, Permit> byKey = new LinkedHashMap<>();
    private final AtomicInteger permitSequence = new AtomicInteger();
    private final AtomicInteger lostReplies = new AtomicInteger();
    private final Path file;
    /** Permits the clock decided (number, date) in a view that the file does not have so yet. */
    private final List<Permit> decidedUnsaved = new ArrayList<>();

    public LocalPermits(Workflow workflow, Clock clock, Duration stepInterval, String numberPrefix) {
        this(workflow, clock, stepInterval, numberPrefix, null);
    }

    /**
     * @param file where the registrations are kept across restarts; null keeps them in memory only
     */
    public LocalPermits(Workflow workflow, Clock clock, Duration stepInterval, String numberPrefix, Path file) {
        this.workflow = workflow;
        this.clock = clock;
        this.stepInterval = stepInterval == null ? Duration.ZERO : stepInterval;
        this.numberPrefix = numberPrefix;
        this.file = file;
        load();
    }

    /** The outcome of a registration: the permit, and whether it existed already (same key). */
    public record Registered(Permit permit, boolean existing) {
    }

    /** Registers a permit; a known idempotency key returns the registration it already made. */
    public synchronized Registered register(Map<String, String> fields, String idempotencyKey) {
        if (idempotencyKey != null && byKey.containsKey(idempotencyKey)) {
            return new Registered(byKey.get(idempotencyKey), true);
        }
        String number;
        do {
            number = LocalDate.now(clock.withZone(JAKARTA)).toString().replace("-", "")
                    + numberPrefix + String.format("%0" + (8 - numberPrefix.length()) + "d",
                    random.nextInt((int) Math.pow(10, 8 - numberPrefix.length())));
        } while (byNumber.containsKey(number));
        Permit permit = new Permit(number, idempotencyKey, fields, clock.instant());
        byNumber.put(number, permit);
        if (idempotencyKey != null) {
            byKey.put(idempotencyKey, permit);
        }
        append(List.of(permit));
        return new Registered(permit, false);
    }

    public synchronized Optional<View> find(String number) {
        Optional<View> found = Optional.ofNullable(byNumber.get(number)).map(this::view);
        saveIfDecided();
        return found;
    }

    public synchronized List<View> all() {
        List<View> views = byNumber.values().stream().map(this::view).toList();
        saveIfDecided();
        return views;
    }

    public synchronized int size() {
        return byNumber.size();
    }

    public synchronized Collection<Permit> registrations() {
        return List.copyOf(byNumber.values());
    }

    /**
     * Moves a permit one step on, or straight to {@code to}: a step name, the decided status
     * ("Selesai") or the rejection ("Ditolak"), case-insensitive.
     */
    public synchronized Optional<View> advance(String number, String to) {
        Permit p = byNumber.get(number);
        if (p == null) {
            return Optional.empty();
        }
        int current = stepIndex(p);
        int last = workflow.steps().size() - 1;
        if (to != null && !to.isBlank()) {
            if (to.equalsIgnoreCase(workflow.rejected().status())) {
                p.rejected = true;
                p.decidedAt = clock.instant();
                p.changedAt = p.decidedAt;
                View rejected = view(p);
                append(List.of(p));
                return Optional.of(rejected);
            }
            int target = -1;
            for (int i = 0; i < workflow.steps().size(); i++) {
                Step s = workflow.steps().get(i);
                if (s.name().equalsIgnoreCase(to) || (i == last && s.status().equalsIgnoreCase(to))) {
                    target = i;
                }
            }
            if (target < 0) {
                throw new IllegalArgumentException("unknown step '" + to + "'; steps: " + workflow.steps());
            }
            p.advancedTo = Math.max(current, target);
        } else {
            p.advancedTo = Math.min(last, current + 1);
        }
        if (p.advancedTo == last && p.decidedAt == null) {
            p.decidedAt = clock.instant();
        }
        p.changedAt = clock.instant();
        View advanced = view(p);
        append(List.of(p));
        return Optional.of(advanced);
    }

    /** The next {@code n} registrations succeed but their replies are lost (connection reset). */
    public void loseNextReplies(int n) {
        lostReplies.set(n);
    }

    boolean takeLostReply() {
        return lostReplies.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    private int stepIndex(Permit p) {
        int auto = 0;
        if (!stepInterval.isZero()) {
            long elapsed = Duration.between(p.registeredAt, clock.instant()).toMillis();
            auto = (int) Math.min(Integer.MAX_VALUE, elapsed / stepInterval.toMillis());
        }
        return Math.min(workflow.steps().size() - 1, Math.max(p.advancedTo, auto));
    }

    private View view(Permit p) {
        int index = stepIndex(p);
        int last = workflow.steps().size() - 1;
        boolean decided = p.rejected || index == last;
        if (decided && p.decidedAt == null) {
            p.decidedAt = p.registeredAt.plus(stepInterval.multipliedBy(last));
            decidedUnsaved.add(p);
        }
        if (index == last && !p.rejected && p.noIzin == null) {
            p.noIzin = String.format("503/%04d/%s/DPMPTSP/%d", permitSequence.incrementAndGet(),
                    p.fields.getOrDefault("jenis_izin_id", "IZIN"), LocalDate.ofInstant(p.decidedAt, JAKARTA).getYear());
            decidedUnsaved.add(p);
        }
        LocalDate decidedOn = decided ? LocalDate.ofInstant(p.decidedAt, JAKARTA) : null;
        Instant updatedAt = p.changedAt;
        if (!stepInterval.isZero() && index > p.advancedTo) {
            Instant stepped = p.registeredAt.plus(stepInterval.multipliedBy(index));
            updatedAt = stepped.isAfter(updatedAt) ? stepped : updatedAt;
        }
        return new View(p, p.rejected ? workflow.rejected() : workflow.steps().get(index), decided, p.rejected,
                p.rejected ? null : p.noIzin, decidedOn,
                decidedOn == null || p.rejected ? null : decidedOn.plusYears(5), updatedAt);
    }

    /**
     * The office's own permits (not the hub's registrations) changed after {@code cursor} ({@link View#cursor()};
     * null or blank = from the start), in the order of their last change, at most {@code limit}.
     */
    public synchronized List<View> officeChangesAfter(String cursor, int limit) {
        long afterMillis = Long.MIN_VALUE;
        String afterNumber = "";
        if (cursor != null && !cursor.isBlank()) {
            int dot = cursor.indexOf('.');
            afterMillis = Long.parseLong(dot < 0 ? cursor : cursor.substring(0, dot));
            afterNumber = dot < 0 ? "" : cursor.substring(dot + 1);
        }
        long millis = afterMillis;
        String number = afterNumber;
        List<View> views = byNumber.values().stream().map(this::view).filter(View::officeOwn)
                .filter(v -> v.updatedAt().toEpochMilli() > millis
                        || (v.updatedAt().toEpochMilli() == millis && v.permit().number.compareTo(number) > 0))
                .sorted(java.util.Comparator.comparing((View v) -> v.updatedAt().toEpochMilli())
                        .thenComparing(v -> v.permit().number))
                .limit(Math.max(0, limit)).toList();
        saveIfDecided();
        return views;
    }

    /** A copy of the registrations' numbers, oldest first (for tests and operators). */
    public synchronized List<String> numbers() {
        return new ArrayList<>(byNumber.keySet());
    }

    /**
     * A permit the clock moved to its decision gets its number when first looked at: the number must be
     * kept then, or the office would show the hub another one after a restart.
     */
    private void saveIfDecided() {
        if (!decidedUnsaved.isEmpty()) {
            append(decidedUnsaved.stream().distinct().toList());
        }
    }

    private void load() {
        JsonLines.Loaded loaded;
        try {
            loaded = JsonLines.read(file);
        } catch (IOException e) {
            log.warn("Simulated office state {} unreadable, starting empty: {}", file, e.toString());
            return;
        }
        if (loaded.records().isEmpty() && loaded.unreadable() == 0) {
            return;
        }
        int unreadable = loaded.unreadable();
        for (JsonNode record : loaded.records()) {
            try {
                Permit p = permit(record);
                byNumber.put(p.number, p);
                if (p.idempotencyKey != null) {
                    byKey.put(p.idempotencyKey, p);
                }
            } catch (RuntimeException e) {
                unreadable++;
            }
        }
        // no_izin are numbered on: the highest number given so far, from the permits that have one.
        byNumber.values().stream().map(p -> p.noIzin).filter(n -> n != null && n.matches("503/\\d+/.*"))
                .mapToInt(n -> Integer.parseInt(n.split("/")[1])).max().ifPresent(permitSequence::set);
        log.info("Simulated office {}: {} registration(s) loaded{}", file.getParent().getFileName(), byNumber.size(),
                unreadable == 0 ? "" : " (" + unreadable + " unreadable line(s) skipped)");
        if (loaded.records().size() + loaded.unreadable() > byNumber.size()) {
            JsonLines.rewrite(file, byNumber.values().stream().map(LocalPermits::record).toList());
        }
    }

    private static Permit permit(JsonNode n) {
        Map<String, String> fields = new LinkedHashMap<>();
        n.path("fields").fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue().asText()));
        String key = n.path("idempotencyKey").isTextual() ? n.path("idempotencyKey").asText() : null;
        Permit p = new Permit(n.path("number").asText(), key, fields, Instant.parse(n.path("registeredAt").asText()));
        p.advancedTo = n.path("advancedTo").asInt(0);
        p.rejected = n.path("rejected").asBoolean(false);
        p.decidedAt = n.path("decidedAt").isTextual() ? Instant.parse(n.path("decidedAt").asText()) : null;
        p.noIzin = n.path("noIzin").isTextual() ? n.path("noIzin").asText() : null;
        if (n.path("changedAt").isTextual()) {
            p.changedAt = Instant.parse(n.path("changedAt").asText());
        }
        if (p.number.isEmpty()) {
            throw new IllegalArgumentException("no number");
        }
        return p;
    }

    private static ObjectNode record(Permit p) {
        ObjectNode n = Json.MAPPER.createObjectNode().put("number", p.number).put("idempotencyKey", p.idempotencyKey)
                .put("registeredAt", p.registeredAt.toString()).put("advancedTo", p.advancedTo)
                .put("rejected", p.rejected)
                .put("decidedAt", p.decidedAt == null ? null : p.decidedAt.toString()).put("noIzin", p.noIzin)
                .put("changedAt", p.changedAt.toString());
        ObjectNode fields = n.putObject("fields");
        p.fields.forEach(fields::put);
        return n;
    }

    private void append(List<Permit> changed) {
        decidedUnsaved.clear();
        if (file != null) {
            JsonLines.append(file, changed.stream().map(LocalPermits::record).toList());
        }
    }
}
