package id.simpul.reconciliation.sla;

import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Service-standard tracking: open permits with their clock, and the overdue list. */
@RestController
@RequestMapping("/api/v1/sla")
public class SlaController {

    private final SlaTracker tracker;

    public SlaController(SlaTracker tracker) {
        this.tracker = tracker;
    }

    @GetMapping("/overdue")
    public Map<String, Object> overdue() {
        List<SlaTracker.PermitSla> overdue = tracker.overdue();
        return Map.of("count", overdue.size(), "items", overdue);
    }

    @GetMapping("/open")
    public Map<String, Object> open(@RequestParam(defaultValue = "200") int limit) {
        List<SlaTracker.PermitSla> open = tracker.open();
        return Map.of("count", open.size(), "items", open.subList(0, Math.min(open.size(), Math.max(1, limit))));
    }
}
