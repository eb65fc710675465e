package id.simpul.delivery;

/** What a target answered to a registration: its own number for the permit. */
public record TargetReceipt(String targetRef) {
}
