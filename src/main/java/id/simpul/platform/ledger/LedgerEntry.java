package id.simpul.platform.ledger;

import java.time.Instant;

/** One permit message version as the ledger knows it. */
public record LedgerEntry(
        long id,
        String flow,
        String nib,
        String idIzin,
        String ossId,
        String kdDaerah,
        int version,
        String contentHash,
        LedgerState state,
        String targetId,
        String targetRef,
        int attempts,
        String lastError,
        Instant receivedAt,
        Instant updatedAt,
        Instant deliveredAt) {
}
