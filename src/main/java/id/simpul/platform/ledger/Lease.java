package id.simpul.platform.ledger;

import java.time.Instant;

/**
 * The claim one delivery attempt holds on a permit version's row while it runs, for targets that know
 * no idempotency key (ADR 0005): no other attempt at that version starts before it ends or
 * {@code until} passes.
 *
 * @param holder a random id of this claim, so ending it never ends another attempt's claim
 */
public record Lease(long ledgerId, String holder, Instant until) {
}
