package id.simpul.platform.ledger;

/**
 * One delivery attempt at a permit version. An attempt at a target that knows no idempotency key holds the version's
 * {@link Lease} and was counted in the statement that took it (ADR 0005). An attempt at a target that takes a key
 * starts without a statement and is counted with its outcome, in the statement that records it
 * ({@link SyncLedger#delivered(LedgerEntry, String, Attempt)}, {@link SyncLedger#attemptFailed}): one commit fewer
 * per delivery, which the embedded store writes to its file each time (ADR 0009). The price: an attempt cut off by
 * the hub's death is not counted; the broker redelivers its message, and the key keeps the target from
 * registering the version twice.
 */
public record Attempt(long ledgerId, String targetId, Lease lease) {

    /** An attempt at a target that takes an idempotency key: nothing is written until its outcome. */
    public static Attempt keyed(long ledgerId, String targetId) {
        return new Attempt(ledgerId, targetId, null);
    }

    /** An attempt that took {@code lease}, and was counted then. */
    public static Attempt leased(Lease lease, String targetId) {
        return new Attempt(lease.ledgerId(), targetId, lease);
    }

    /** Whether the attempt was counted when it started; otherwise the statement recording its outcome counts it. */
    public boolean countedAtStart() {
        return lease != null;
    }
}
