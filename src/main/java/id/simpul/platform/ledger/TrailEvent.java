package id.simpul.platform.ledger;

import java.time.Instant;

/** One step in a permit's history (received, attempt failed, delivered, dead-lettered, replayed, ...). */
public record TrailEvent(long id, Long ledgerId, String nib, String idIzin, String kind, String detail, Instant at) {
}
