package id.simpul.g2g.query;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.delivery.local.LocalPermitStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where G2G finds an applicant by master id. The seam to the applicant registry: until it lands,
 * {@link LedgerApplicantDirectory} answers from the canonical messages in the ledger that carry the
 * id ({@code PermitMessage.applicantId}) and from merges published through
 * {@link id.simpul.g2g.events.EventPublisher#applicantMerged}; splits re-file the permits of the moved records
 * (both by {@link id.simpul.g2g.events.ApplicantEvents}, from the registry's stored history).
 * The registry's implementation replaces it.
 */
public interface ApplicantDirectory {

    /**
     * The applicant, or its survivor when {@code applicantId} was retired by a merge, as the permits of the
     * regions {@code visiblePrefixes} name them (OSS permits and the offices' own); empty when none of those
     * permits does.
     */
    Optional<ApplicantView> find(String applicantId, List<String> visiblePrefixes);

    /**
     * @param applicantId the master id answering (the survivor for a retired id)
     * @param requestedId the id asked for
     * @param sources     the applicant as each permit carries it, newest first
     * @param localPermits the offices' own permits filed under the applicant (or an id retired into it), newest
     *                    first (docs/local-permits.md)
     */
    record ApplicantView(String applicantId, String requestedId, List<Source> sources,
                         List<LocalPermitStore.Stored> localPermits) {
        public boolean retired() {
            return !applicantId.equals(requestedId);
        }
    }

    /** The applicant block of one permit's latest canonical message. */
    record Source(String idIzin, String nib, String kdDaerah, Instant updatedAt, JsonNode applicant) {
    }
}
