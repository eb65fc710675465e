package id.simpul.delivery.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.simpul.applicant.ApplicantMapping;
import id.simpul.applicant.ApplicantRegistry;
import id.simpul.applicant.SourceRecord;
import id.simpul.canonical.PermitMessage;
import id.simpul.mapping.LocalPermitMapping;
import id.simpul.mapping.MappingException;
import id.simpul.mapping.Mappings;
import id.simpul.platform.failure.PermanentFailureException;
import id.simpul.platform.json.ContentHash;
import id.simpul.platform.json.Json;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One office permit off {@value LocalPermitPoller#QUEUE} (route {@code intake-take-local-permit}): mapped by
 * {@code mappings/sicantik/izin-daerah.jslt} to the canonical local permit; content the hub has already (the same
 * permit read again) changes nothing; a new permit or a new version of one gets its master applicant (a SiCantik
 * source record in the registry, so the office's applicants and OSS's are one person where they are) and is stored
 * with its G2G event in one transaction. An item that does not map, or whose number no address could carry
 * ({@link LocalNumbers}), is a permanent failure: the route dead-letters it with its reason, and the items after it
 * go on.
 */
@Component("localPermitIntake")
public class LocalPermitIntake {

    public static final String FLOW = "local-permit";
    public static final String STEP = "intake-take-local-permit";
    private static final Logger log = LoggerFactory.getLogger(LocalPermitIntake.class);

    private final Mappings mappings;
    private final LocalPermitStore store;
    private final LocalPermitPolls polls;
    private final ApplicantRegistry registry;
    private final ApplicantMapping applicants;
    private final ObjectProvider<LocalPermitEvents> events;
    private final TransactionTemplate transaction;
    private final MeterRegistry meters;

    public LocalPermitIntake(Mappings mappings, LocalPermitStore store, LocalPermitPolls polls,
                             ApplicantRegistry registry, ApplicantMapping applicants,
                             ObjectProvider<LocalPermitEvents> events, TransactionTemplate transaction,
                             MeterRegistry meters) {
        this.mappings = mappings;
        this.store = store;
        this.polls = polls;
        this.registry = registry;
        this.applicants = applicants;
        this.events = events;
        this.transaction = transaction;
        this.meters = meters;
    }

    /** Takes one queued item ({@code {"targetId":…,"item":{…}}}); returns what became of it. */
    public LocalPermitPolls.Outcome take(String message) {
        JsonNode m;
        try {
            m = Json.tree(message);
        } catch (RuntimeException e) {
            throw new PermanentFailureException("an own permit message that is not JSON", e);
        }
        String targetId = m.path("targetId").asText("");
        JsonNode canonical;
        try {
            canonical = LocalPermitMapping.map(mappings, m.path("item"), targetId);
            if (!LocalNumbers.valid(canonical.at("/source/localNumber").asText())) {
                // Stored, it could not be read back: no address (G2G, the console) would take its number.
                throw new IllegalArgumentException("its number must be " + LocalNumbers.RULE);
            }
        } catch (MappingException | IllegalArgumentException e) {
            outcome(targetId, LocalPermitPolls.Outcome.FAILED);
            throw new PermanentFailureException("own permit " + m.path("item").path("no_permohonan").asText("?")
                    + " of " + targetId + " not taken: " + e.getMessage(), e);
        }
        String localNumber = canonical.at("/source/localNumber").asText();
        String hash = hash(canonical);
        Optional<LocalPermitStore.Stored> before = store.find(targetId, localNumber);
        if (before.isPresent() && before.get().contentHash().equals(hash)) {
            return outcome(targetId, LocalPermitPolls.Outcome.UNCHANGED);
        }
        String applicantId = applicantOf(canonical);
        ObjectNode stored = ((ObjectNode) canonical.deepCopy()).put("applicantId", applicantId);
        LocalPermitStore.Change change = new LocalPermitStore.Change(targetId, localNumber,
                canonical.at("/permit/kdDaerah").asText(), canonical.at("/permit/type").asText(),
                canonical.at("/permit/status").asText(), text(canonical.at("/business/nib")), applicantId, hash,
                Json.write(stored));
        LocalPermitStore.Stored saved = transaction.execute(tx -> {
            LocalPermitStore.Stored s = store.save(change);
            events.ifAvailable(e -> e.changed(s, before.isEmpty()));
            return s;
        });
        log.info("own permit {} of {} stored as version {} ({}, applicant {})", localNumber, targetId,
                saved.version(), saved.status(), applicantId);
        return outcome(targetId, before.isEmpty() ? LocalPermitPolls.Outcome.NEW : LocalPermitPolls.Outcome.CHANGED);
    }

    /** What the office says, leaving out when it said it: a permit listed again unchanged hashes the same. */
    static String hash(JsonNode canonical) {
        ObjectNode copy = canonical.deepCopy();
        ((ObjectNode) copy.path("source")).remove("updatedAt");
        copy.remove("applicantId");
        return ContentHash.of(copy);
    }

    /**
     * The registry's source record of a canonical local permit's applicant (null when it names none): also how a
     * split finds where a stored permit's applicant belongs now ({@code ApplicantEvents}).
     */
    public static SourceRecord sourceRecord(ApplicantMapping applicants, JsonNode canonical) {
        PermitMessage.Applicant a = Json.convert(canonical.get("applicant"), PermitMessage.Applicant.class);
        return applicants.fromLocalPermit(canonical.at("/source/system").asText("SICANTIK"),
                text(canonical.at("/business/nib")), a);
    }

    private String applicantOf(JsonNode canonical) {
        SourceRecord record = sourceRecord(applicants, canonical);
        if (record == null) {
            return null;
        }
        var resolution = registry.resolve(record);
        log.info("applicant {} -> {} ({}{})", record.sourceRef(), resolution.applicantId(), resolution.outcome(),
                resolution.reviewIds().isEmpty() ? "" : ", review " + resolution.reviewIds());
        return resolution.applicantId();
    }

    private LocalPermitPolls.Outcome outcome(String targetId, LocalPermitPolls.Outcome outcome) {
        polls.counted(targetId, outcome);
        Counter.builder("simpul.local_permits.items").description("Offices' own permits read, by what became of them")
                .tag("target", targetId).tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                .register(meters).increment();
        return outcome;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || node.asText().isBlank() ? null : node.asText();
    }
}
