package id.simpul.reconciliation;

import java.time.Instant;

/** A message that will not be retried automatically, as IT staff see it. */
public record DeadLetter(
        long id,
        Long ledgerId,
        String flow,
        String step,
        String targetId,
        String nib,
        String idIzin,
        String errorClass,
        String errorType,
        String errorMessage,
        int attempts,
        String payload,
        String headers,
        String state,
        Instant createdAt,
        Instant updatedAt,
        Instant replayedAt,
        String resolvedBy,
        String resolution) {

    public static final String WAITING = "WAITING";
    public static final String REPLAYED = "REPLAYED";
    public static final String DISCARDED = "DISCARDED";
}
