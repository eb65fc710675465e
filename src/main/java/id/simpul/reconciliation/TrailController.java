package id.simpul.reconciliation;

import id.simpul.platform.ledger.LedgerEntry;
import id.simpul.platform.ledger.SyncLedger;
import id.simpul.platform.ledger.TrailEvent;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** "Where is this permit?": the ledger rows of a NIB or id_izin, each with its timeline. */
@RestController
@RequestMapping("/api/v1/trail")
public class TrailController {

    private final SyncLedger ledger;

    public TrailController(SyncLedger ledger) {
        this.ledger = ledger;
    }

    public record TrailEntry(LedgerEntry entry, List<TrailEvent> events) {
    }

    public record Trail(String nib, String idIzin, List<TrailEntry> entries) {
    }

    @GetMapping
    public ResponseEntity<?> trail(@RequestParam(required = false) String nib,
                                   @RequestParam(required = false) String idIzin,
                                   @RequestParam(defaultValue = "20") int recent) {
        List<LedgerEntry> rows;
        if (nib != null && !nib.isBlank()) {
            rows = ledger.byNib(nib.strip());
        } else if (idIzin != null && !idIzin.isBlank()) {
            rows = ledger.byIdIzin(idIzin.strip());
        } else {
            rows = ledger.recent(Math.max(1, Math.min(recent, 200)));
        }
        List<TrailEntry> entries = rows.stream().map(e -> new TrailEntry(e, ledger.events(e.id()))).toList();
        return ResponseEntity.ok(new Trail(nib, idIzin, entries));
    }
}
