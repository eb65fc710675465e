package id.simpul.reconciliation.console;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.audit.AuditLog;
import id.simpul.platform.json.Json;
import id.simpul.platform.ledger.LedgerEntry;
import id.simpul.platform.ledger.SyncLedger;
import id.simpul.platform.ledger.TrailEvent;
import id.simpul.platform.security.PersonalData;
import id.simpul.platform.web.ApiException;
import id.simpul.reconciliation.TrailTimeline;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Where is this permit?": the ledger rows of a NIB or id_izin with their timelines, or the newest
 * rows. A version's canonical form is loaded on demand, masked unless the role may see personal
 * data; an unmasked view is audited.
 */
@Controller
public class TrailPages {

    static final int RECENT = 30;

    private final SyncLedger ledger;
    private final AuditLog audit;
    private final PersonalData personalData;

    public TrailPages(SyncLedger ledger, AuditLog audit, PersonalData personalData) {
        this.ledger = ledger;
        this.audit = audit;
        this.personalData = personalData;
    }

    public record Version(LedgerEntry entry, List<TrailEvent> events) {
    }

    @GetMapping("/console/trail")
    public String trail(@RequestParam(required = false) String nib, @RequestParam(required = false) String idIzin,
                        Authentication auth, Model model) {
        String n = nib == null ? "" : nib.strip();
        String i = idIzin == null ? "" : idIzin.strip();
        List<LedgerEntry> rows;
        List<TrailEvent> other = List.of();
        boolean searched = !n.isEmpty() || !i.isEmpty();
        if (!n.isEmpty()) {
            if (!n.matches("[0-9]{13}")) {
                model.addAttribute("searchError", "trail.nibFormat");
                rows = List.of();
            } else {
                rows = ledger.byNib(n);
                other = ledger.orphanEvents(n, null);
            }
        } else if (!i.isEmpty()) {
            rows = ledger.byIdIzin(i);
            other = ledger.orphanEvents(null, i);
        } else {
            rows = ledger.recent(RECENT);
        }
        model.addAttribute("page", "trail");
        model.addAttribute("nib", n);
        model.addAttribute("idIzin", i);
        model.addAttribute("searched", searched);
        model.addAttribute("versions", searched ? rows.stream().map(e -> new Version(e, TrailTimeline.shown(
                ledger.events(e.id()), e.id(), e.idIzin(), "console trail", auth, audit, personalData))).toList()
                : List.of());
        model.addAttribute("recent", searched ? List.of() : rows);
        model.addAttribute("otherEvents", TrailTimeline.shown(other, null, i.isEmpty() ? n : i, "console trail", auth,
                audit, personalData));
        return "console/trail";
    }

    /** htmx fragment: one version's canonical form. */
    @GetMapping("/console/trail/{ledgerId}/canonical")
    public String canonical(@PathVariable long ledgerId, Authentication auth, Model model) {
        LedgerEntry entry = ledger.find(ledgerId).orElseThrow(() -> ApiException.notFound("no ledger row " + ledgerId));
        JsonNode canonical = ledger.canonical(ledgerId).map(Json::tree).orElse(null);
        boolean masked = false;
        if (canonical != null && PersonalData.containsPersonalData(canonical)) {
            if (PersonalData.mayUnmask(auth)) {
                audit.append(new AuditLog.Event(auth.getName(), "PERSONAL_DATA_VIEWED", "ledger", String.valueOf(ledgerId),
                        personalData.dataSubject(canonical),
                        "console trail of id_izin " + entry.idIzin() + " shown unmasked", null, null));
            } else {
                canonical = PersonalData.masked(canonical);
                masked = true;
            }
        }
        model.addAttribute("canonicalJson", canonical == null ? null : new ConsoleFormat().json(canonical));
        model.addAttribute("canonicalMasked", masked);
        return "console/trail :: canonical";
    }
}
