package id.simpul.platform.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.canonical.PermitMessage;

/**
 * What the service-standard clock needs of a version's canonical form, stored in clear beside the sealed form
 * (columns {@code kd_izin} and {@code withdraws}, V78), so that evaluating every open permit does not open every
 * form. Neither is personal data.
 *
 * @param kdIzin    the permit type, which picks its standard in working days
 * @param withdraws true when the version withdraws the permit (OSS revoked or cancelled it); null when not known
 */
public record SlaFacts(String kdIzin, Boolean withdraws) {

    /** The width of {@code sync_ledger.kd_izin}: a longer code is left to the form itself, read when needed. */
    static final int KD_IZIN_MAX = 255;
    public static final SlaFacts UNKNOWN = new SlaFacts(null, null);

    /** Known from the columns; otherwise the form has to be opened. */
    public boolean known() {
        return withdraws != null;
    }

    /** True when the version withdraws the permit; false also when that is not known. */
    public boolean withdrawn() {
        return Boolean.TRUE.equals(withdraws);
    }

    /** These facts as the columns can hold them: a permit type longer than the column is left unknown. */
    public SlaFacts storable() {
        return kdIzin != null && kdIzin.length() > KD_IZIN_MAX ? UNKNOWN : this;
    }

    public static SlaFacts of(PermitMessage message) {
        if (message == null) {
            return UNKNOWN;
        }
        return of(message.permit() == null ? null : message.permit().kdIzin(),
                message.source() == null ? null : message.source().documentType());
    }

    /** From a canonical form as stored (a version converted before the columns existed). */
    public static SlaFacts of(JsonNode canonical) {
        return of(canonical.at("/permit/kdIzin").asText(null), canonical.at("/source/documentType").asText(null));
    }

    private static SlaFacts of(String kdIzin, String documentType) {
        return new SlaFacts(kdIzin, PermitMessage.withdraws(documentType));
    }
}
