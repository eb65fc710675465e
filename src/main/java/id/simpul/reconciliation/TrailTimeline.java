package id.simpul.reconciliation;

import id.simpul.platform.audit.AuditLog;
import id.simpul.platform.ledger.TrailEvent;
import id.simpul.platform.security.PersonalData;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;

/**
 * A permit version's timeline as the caller may see it (the trail API and the console alike): the notes
 * agencies wrote ({@link TrailEvent#QUOTING}) with the NIKs, phones and e-mails in them masked, unless the
 * role may see personal data; then the view is audited under the person the first NIK names.
 */
public final class TrailTimeline {

    private TrailTimeline() {
    }

    public static List<TrailEvent> shown(List<TrailEvent> events, Long ledgerId, String idIzin, String where,
                                         Authentication auth, AuditLog audit, PersonalData personalData) {
        if (!PersonalData.mayUnmask(auth)) {
            return events.stream().map(TrailEvent::masked).toList();
        }
        Optional<TrailEvent> personal = events.stream().filter(e -> e.masked() != e).findFirst();
        personal.ifPresent(e -> audit.append(new AuditLog.Event(auth.getName(), "PERSONAL_DATA_VIEWED", "ledger",
                ledgerId == null ? null : String.valueOf(ledgerId), personalData.textSubject(e.detail()),
                where + " of id_izin " + idIzin + " shown with agencies' notes unmasked", null, null)));
        return events;
    }
}
