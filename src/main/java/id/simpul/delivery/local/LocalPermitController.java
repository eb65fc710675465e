package id.simpul.delivery.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/local-permits/polls}: where the poll of each office's own permits stands (no personal data). */
@RestController
public class LocalPermitController {

    private final LocalPermitPolls polls;
    private final LocalPermitStore store;

    public LocalPermitController(LocalPermitPolls polls, LocalPermitStore store) {
        this.polls = polls;
        this.store = store;
    }

    @GetMapping("/api/v1/local-permits/polls")
    public Map<String, Object> polls() {
        Map<String, Long> stored = store.countByTarget();
        List<Map<String, Object>> items = polls.all().stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("targetId", p.targetId());
            m.put("cursor", p.cursor());
            m.put("lastPolledAt", p.lastPolledAt());
            m.put("lastSuccessAt", p.lastSuccessAt());
            m.put("lastError", p.lastError());
            m.put("lastErrorAt", p.lastErrorAt());
            m.put("itemsRead", p.itemsRead());
            m.put("itemsStored", p.itemsStored());
            m.put("itemsUnchanged", p.itemsUnchanged());
            m.put("itemsFailed", p.itemsFailed());
            m.put("permitsStored", stored.getOrDefault(p.targetId(), 0L));
            return m;
        }).toList();
        return Map.of("polls", items);
    }
}
