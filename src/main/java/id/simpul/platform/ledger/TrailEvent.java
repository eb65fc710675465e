package id.simpul.platform.ledger;

import id.simpul.platform.security.PersonalData;
import java.time.Instant;
import java.util.Set;

/** One step in a permit's history (received, attempt failed, delivered, dead-lettered, replayed, ...). */
public record TrailEvent(long id, Long ledgerId, String nib, String idIzin, String kind, String detail, Instant at) {

    /**
     * Kinds whose detail quotes what an agency wrote (its notes on a recommendation, a recorded status's
     * note): free text that may name a person. The hub's own details are not masked by form, since a
     * target's number can be 16 digits like a NIK.
     */
    public static final Set<String> QUOTING = Set.of("RECOMMENDATION_APPROVED", "RECOMMENDATION_REJECTED",
            "RECOMMENDATION_MORE_INFO", "STATUS_RECORDED");

    /** As a role that may not see personal data sees it: the NIKs, phones and e-mails its quote holds masked. */
    public TrailEvent masked() {
        if (!QUOTING.contains(kind)) {
            return this;
        }
        String masked = PersonalData.maskText(detail);
        return masked == null || masked.equals(detail) ? this
                : new TrailEvent(id, ledgerId, nib, idIzin, kind, masked, at);
    }
}
