package id.simpul.reconciliation.run;

import id.simpul.platform.web.ApiException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Reconciliation on demand, its report (JSON or CSV), and each discrepancy's one-call fix. */
@RestController
@RequestMapping("/api/v1/reconciliation")
public class ReconciliationController {

    private final ReconciliationService service;

    public ReconciliationController(ReconciliationService service) {
        this.service = service;
    }

    @PostMapping("/runs")
    public ResponseEntity<ReconciliationService.Run> run(Authentication auth) {
        return ResponseEntity.status(HttpStatus.CREATED).body(service.run("manual", auth.getName()));
    }

    @GetMapping("/runs")
    public List<ReconciliationService.RunSummary> runs() {
        return service.recentRuns(50);
    }

    @GetMapping("/runs/{id}")
    public ReconciliationService.Run get(@PathVariable long id) {
        return service.find(id).orElseThrow(() -> ApiException.notFound("no reconciliation run " + id));
    }

    @GetMapping(value = "/runs/{id}.csv", produces = "text/csv")
    public ResponseEntity<String> csv(@PathVariable long id) {
        ReconciliationService.Run run = get(id);
        StringBuilder csv = new StringBuilder("item,category,nib,id_izin,target,detail,fix,state,fixed_by,fixed_at\n");
        for (ReconciliationService.Item i : run.items()) {
            csv.append(i.id()).append(',').append(i.category()).append(',').append(cell(i.nib())).append(',')
                    .append(cell(i.idIzin())).append(',').append(cell(i.targetId())).append(',')
                    .append(cell(i.detail())).append(',').append(i.fix()).append(',').append(i.state()).append(',')
                    .append(cell(i.fixedBy())).append(',').append(i.fixedAt() == null ? "" : i.fixedAt()).append('\n');
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv; charset=utf-8"))
                .header("Content-Disposition", "attachment; filename=rekonsiliasi-" + id + ".csv")
                .body(csv.toString());
    }

    @PostMapping("/runs/{id}/items/{itemId}/fix")
    public Map<String, Object> fix(@PathVariable long id, @PathVariable long itemId, Authentication auth) {
        return Map.of("item", itemId, "result", service.fix(id, itemId, auth));
    }

    /**
     * RFC 4180 quoting; a leading =,+,-,@ (or a tab or carriage return, which a spreadsheet skips before a formula)
     * is neutralised so a spreadsheet does not run it as a formula, whatever lines follow it.
     */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }
}
