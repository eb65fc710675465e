package id.simpul.platform.ledger;

/**
 * The outcome of recording an incoming version.
 *
 * @param fresh true when this content was not seen before for the permit (a new version)
 */
public record Recorded(LedgerEntry entry, boolean fresh) {
}
