package id.simpul.g2g.events;

import java.time.Instant;

/**
 * One event in the outbox. {@code position} orders events (cursors point at it); {@code eventId}
 * identifies it to agencies (dedup on redelivery); {@code body} is the exact JSON delivered.
 *
 * @param audience the only agency that may receive it, or null for every agency with the rights
 */
public record G2gEvent(long position, String eventId, String type, String kdDaerah, String nib, String idIzin,
                       String applicantId, String audience, String body, Instant createdAt) {
}
