package id.simpul.platform.ledger;

/**
 * What identifies the content of an incoming version: its {@code hash}; for OSS NIBs also the
 * {@code sharedHash} over what a push and an inqueryNIB answer both carry, and whether the hub
 * {@code fetched} it from OSS (sweep, backfill) rather than received a push.
 */
public record IncomingContent(String hash, String sharedHash, boolean fetched) {

    /** Content with one hash only: a version is new exactly when the hash is. */
    public static IncomingContent of(String hash) {
        return new IncomingContent(hash, null, false);
    }
}
