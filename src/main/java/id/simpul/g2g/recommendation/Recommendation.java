package id.simpul.g2g.recommendation;

import java.time.Instant;

/** One agency's technical recommendation on one permit. */
public record Recommendation(String id, long ledgerId, String idIzin, String nib, String kdIzin, String kdDaerah,
                             String agencyId, String state, String notes, String documentUrl, String decidedBy,
                             Instant requestedAt, Instant decidedAt) {

    public static final String REQUESTED = "REQUESTED";
    public static final String APPROVED = "APPROVED";
    public static final String REJECTED = "REJECTED";
    public static final String MORE_INFO = "MORE_INFO";

    /** Approved and rejected are final; a request for more information can still be followed by either. */
    public boolean open() {
        return REQUESTED.equals(state) || MORE_INFO.equals(state);
    }
}
