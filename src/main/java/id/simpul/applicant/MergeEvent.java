package id.simpul.applicant;

import java.time.Instant;

/**
 * Two masters became one: {@code retiredId} now resolves to {@code survivorId}. Downstream systems
 * that stored the retired id follow it to the survivor.
 * <p>
 * It carries a {@link Cause}, not the registry's free-text reason: the hub publishes merges to
 * agencies of every region, and the reason names a source record (its NIB and a pseudonym of the
 * applicant) or the member of staff who decided. That text stays in the applicant's own history
 * ({@code applicant_event}).
 */
public record MergeEvent(String survivorId, String retiredId, Cause cause, Instant at) {

    /** Why the masters were merged, as a code safe to tell anyone who may hear of the merge. */
    public enum Cause {
        /** A new record matched both masters well enough to prove them one. */
        AUTOMATIC,
        /** A re-sent record, alone on its master, now clearly matches another master. */
        RESEND,
        /** A person decided a review item: the record is the other master's applicant. */
        REVIEW_DECISION
    }
}
