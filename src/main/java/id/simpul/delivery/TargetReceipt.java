package id.simpul.delivery;

/**
 * What a target answered to a registration: its own number for the permit.
 *
 * @param alreadyRegistered true when the target already held the permit (same idempotency key, or
 *                          found by looking it up before creating): no second registration was made
 */
public record TargetReceipt(String targetRef, boolean alreadyRegistered) {

    public TargetReceipt(String targetRef) {
        this(targetRef, false);
    }
}
