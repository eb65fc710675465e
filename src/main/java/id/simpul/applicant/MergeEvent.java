package id.simpul.applicant;

import java.time.Instant;

/**
 * Two masters became one: {@code retiredId} now resolves to {@code survivorId}. Downstream systems
 * that stored the retired id follow it to the survivor.
 */
public record MergeEvent(String survivorId, String retiredId, String reason, Instant at) {
}
