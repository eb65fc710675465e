package id.simpul.platform.ledger;

/** Where a permit message version stands. */
public enum LedgerState {
    /** Durable in the hub, converted, waiting for delivery. */
    RECEIVED,
    /** A delivery attempt failed transiently; another one is scheduled. */
    RETRYING,
    /**
     * Its target accepts no writes: waiting in the manual-entry queue for a clerk to type it in and
     * confirm the local number.
     */
    MANUAL_ENTRY,
    /** The target holds it under {@code target_ref}. */
    DELIVERED,
    /** Waiting in the dead-letter queue for IT staff. */
    DEAD_LETTERED
}
