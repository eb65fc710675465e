package id.simpul.platform.ledger;

import id.simpul.canonical.PermitMessage;

/**
 * A ledger version got its canonical form ({@link SyncLedger#attachCanonical}): published inside the
 * transaction that stores it, whether conversion stores it at once, after a replay or an operator's edit.
 */
public record CanonicalAttached(long ledgerId, PermitMessage message) {
}
