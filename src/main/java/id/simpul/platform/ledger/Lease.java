package id.simpul.platform.ledger;

import java.time.Duration;

/**
 * The claim one delivery attempt holds on a permit version's row while it runs, for targets that know
 * no idempotency key (ADR 0005): no other attempt at that version starts before it ends or
 * {@code length} has passed since it was taken, on the database's clock (so its end is not known here).
 *
 * @param holder a random id of this claim, so ending it never ends another attempt's claim
 */
public record Lease(long ledgerId, String holder, Duration length) {
}
