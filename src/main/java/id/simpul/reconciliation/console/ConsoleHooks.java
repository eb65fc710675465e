package id.simpul.reconciliation.console;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.Authentication;

/**
 * Where other capabilities plug into the console. Each page or panel looks its hook up as an optional
 * bean; with none, the page says "not available in this build". To connect a capability, add one
 * {@code @Component} implementing the interface that delegates to its service (see docs/console.md).
 * The console masks personal data in whatever a hook returns, by role, and audits the actions.
 */
public final class ConsoleHooks {

    private ConsoleHooks() {
    }

    /** The manual-entry queue (delivery): permits a clerk types into a system that accepts no writes. */
    public interface ManualEntryQueue {

        /** {@code fields} is what the clerk types in (the target's mapping output). */
        record Entry(long id, String targetId, String nib, String idIzin, int version, Map<String, Object> fields,
                     String state, String localNumber, String confirmedBy, Instant createdAt, Instant confirmedAt) {
        }

        /** Oldest first; {@code state} is {@code WAITING}, {@code CONFIRMED} or null for all. */
        List<Entry> list(String state, int limit);

        Optional<Entry> find(long id);

        /**
         * Records the local number, with its audit row in the same transaction (the console writes none of
         * its own); the permit continues as delivered. Refusals are
         * {@link id.simpul.platform.web.ApiException}s (or {@link IllegalArgumentException}) with a message.
         */
        Entry confirm(long id, String localNumber, String confirmedBy);
    }

    /** The applicant review queue (applicant registry): possible matches a person decides. */
    public interface ApplicantReviewQueue {

        /**
         * One possible match: a source record that may be the same applicant as an existing master.
         * {@code evidence} is the matcher's explanation (field agreements, scores), already free of
         * raw identifiers.
         */
        record Review(long id, String sourceRef, String candidateApplicant, double score, String evidence,
                      Instant createdAt) {
        }

        List<Review> pending(int limit);

        /**
         * {@code same} true: the record belongs to the candidate applicant; false: keep them apart. Audited
         * by the queue (the console writes no audit row of its own for it).
         */
        void decide(long reviewId, boolean same, String actor, String note);
    }

    /**
     * The service counter's lookup (applicant registry): what the hub knows about the person with a NIK, NPWP or
     * NIB. Unlike the other hooks it masks by role and audits an unmasked answer itself, exactly as the staff API's
     * {@code POST /api/v1/applicants/lookup} does, so the page and the API cannot differ.
     */
    public interface Counter {

        record Permit(String source, String id, String number, String type, String status, String region) {
        }

        record Found(String applicantId, String type, String name, String identifier, String birthDate,
                     String birthPlace, String gender, List<String> addresses, List<String> phones, List<String> emails,
                     List<String> nibs, List<Permit> permits, List<String> otherApplicantIds, boolean masked) {
        }

        /**
         * @param field "nik", "npwp" or "nib"
         * @return empty when no applicant carries it
         * @throws IllegalArgumentException naming the field when the value is not one
         */
        Optional<Found> lookup(String field, String value, Authentication auth);
    }

    /** Cross-system reconciliation (OSS ↔ hub ↔ targets): differences found by comparing them. */
    public interface ReconciliationChecks {

        /**
         * One difference of a run: kind e.g. {@code MISSING_AT_TARGET}; {@code fix} the one-call fix
         * ({@code NONE} when it needs a person); {@code state} {@code OPEN} or {@code FIXED}.
         */
        record Finding(long runId, long itemId, String kind, String nib, String idIzin, String system, String detail,
                       String fix, String state, Instant seenAt) {
            public boolean fixable() {
                return "OPEN".equals(state) && !"NONE".equals(fix);
            }
        }

        record Report(long runId, Instant generatedAt, Map<String, Long> countsByKind, List<Finding> findings) {
        }

        Optional<Report> latest();

        /** Runs every check now; the new run becomes {@link #latest()}. */
        void runNow(String actor);

        /** Applies a finding's fix (audited by the capability); what was done, in a sentence. */
        String fix(long runId, long itemId, Authentication auth);
    }

    /** The store's backups, where the hub makes them itself (the embedded store); the dashboard shows their age. */
    public interface StoreBackupStatus {

        /** False where the store is backed up outside the hub (PostgreSQL): the dashboard then shows nothing. */
        boolean madeByTheHub();

        /** When the newest backup was made; empty when there is none. */
        Optional<Instant> newest();
    }

    /** Permits past their service-level deadline (SLA), if a capability tracks them. */
    public interface SlaOverdue {
        long overdue();
    }

    /**
     * The permits regional offices registered in their own systems (delivery's local permits, docs/local-permits.md)
     * and the polls that read them.
     */
    public interface LocalPermits {

        /** Where one target's poll stands, as {@code GET /api/v1/local-permits/polls} gives it. */
        record Poll(String targetId, String cursor, Instant lastPolledAt, Instant lastSuccessAt, String lastError,
                    Instant lastErrorAt, long itemsRead, long itemsStored, long itemsUnchanged, long itemsFailed,
                    long permitsStored) {

            /** The last read failed: no success since the last error. */
            public boolean failing() {
                return lastErrorAt != null && (lastSuccessAt == null || !lastSuccessAt.isAfter(lastErrorAt));
            }
        }

        /** One permit's latest version; {@code canonicalJson} is its local-permit.v1 form, unmasked. */
        record Permit(String targetId, String localNumber, String kdDaerah, String permitType, String status,
                      String applicantId, int version, String canonicalJson, Instant firstSeenAt, Instant updatedAt) {
        }

        record Page(List<Permit> items, long total) {
        }

        List<Poll> polls();

        /** Newest first; a null filter is not applied. */
        Page newest(String targetId, String permitType, String status, int offset, int limit);

        Optional<Permit> find(String targetId, String localNumber);
    }

    /** Circuit-breaker state per target ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}), if delivery keeps one. */
    public interface TargetCircuits {
        Optional<String> state(String targetId);
    }
}
