package id.simpul.reconciliation.run;

/**
 * One difference found between OSS, the hub's ledger and a target, with the safe fix it offers.
 *
 * @param fixRef what the fix acts on (a dead-letter id, a ledger id, …)
 */
public record Discrepancy(Category category, String nib, String idIzin, String targetId, String detail, Fix fix,
                          String fixRef) {

    public enum Category {
        /** OSS routed the permit to the region but the target does not hold it. */
        IN_OSS_NOT_AT_TARGET,
        /**
         * The target holds a permit the hub's ledger does not (the name is older than the check of OSS): with a NIB
         * when OSS knows the permit, without one when OSS does not or could not be asked.
         */
        AT_TARGET_UNKNOWN_TO_OSS,
        /** OSS shows another status than the one the region decided. */
        STATUS_DIFFERS,
        /** Open past its service standard. */
        STUCK_PAST_SLA,
        /** Waiting in the dead-letter queue. */
        WAITING_IN_DLQ,
        /** A later registration's step is held back from OSS though nothing ahead of it holds it any more. */
        STATUS_HELD,
        /** A decided permit's IZINFINAL waits for its IZINSTATUS, which is no longer in a dead letter. */
        FINAL_WAITING
    }

    public enum Fix {
        /** Push the latest version to its target again (idempotent). */
        REPUSH,
        /** Send the region's current status to OSS again. */
        RESEND_STATUS,
        /** Replay the dead letter. */
        REPLAY,
        /** Send the held step to OSS, as a discard of what held it would have. */
        RELEASE_HELD,
        /** Send the decided permit that waited for its status. */
        SEND_FINAL,
        /** Fetch the NIB OSS names for a permit the ledger lacks: a backfill of that one NIB. */
        BACKFILL,
        /** Needs a person: nothing safe to do automatically. */
        NONE
    }
}
