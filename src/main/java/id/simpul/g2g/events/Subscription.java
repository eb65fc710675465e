package id.simpul.g2g.events;

import java.time.Instant;
import java.util.List;

/**
 * A webhook subscription of an agency system: where to POST, which event types, which regions
 * (within the agency's), and how far delivery has come ({@code position} in the outbox).
 */
public record Subscription(String id, String agencyId, String clientId, String url, List<String> eventTypes,
                           List<String> regionPrefixes, String secretSealed, long position, int epoch, String state, int attempts,
                           Instant nextAttemptAt, String lastError, Instant createdAt, Instant updatedAt) {

    public static final String ACTIVE = "ACTIVE";
    public static final String DELETED = "DELETED";
}
