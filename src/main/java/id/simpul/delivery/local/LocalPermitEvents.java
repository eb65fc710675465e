package id.simpul.delivery.local;

/**
 * Told of each office permit stored new or changed, inside the transaction that stores it: G2G appends its event
 * there ({@code g2g.events}), so an event is never published for a change that was not stored, nor lost for one that was.
 */
public interface LocalPermitEvents {

    /** @param first true for a permit seen for the first time, false for a new version of one */
    void changed(LocalPermitStore.Stored permit, boolean first);
}
