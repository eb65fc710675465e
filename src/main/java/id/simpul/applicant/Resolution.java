package id.simpul.applicant;

import java.util.List;

/**
 * The answer for one source record.
 *
 * @param applicantId the master applicant the record belongs to now
 * @param outcome     how the answer came about
 * @param score       the match weight to the chosen master (0 for a new master)
 * @param reviewIds   review items opened for MAYBE candidates
 * @param merged      masters retired into {@code applicantId} while resolving
 */
public record Resolution(String applicantId, Outcome outcome, double score, List<Long> reviewIds,
                         List<String> merged) {

    public enum Outcome {
        /** Linked to an existing master automatically. */
        LINKED,
        /** No master close enough: a new one. */
        NEW,
        /** A new master, with a MAYBE link to a candidate waiting for review. */
        NEW_WITH_REVIEW,
        /** The source record was known: its master is kept. */
        KNOWN
    }
}
