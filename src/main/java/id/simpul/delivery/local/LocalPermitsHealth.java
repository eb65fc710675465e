package id.simpul.delivery.local;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code localPermits} component of {@code /actuator/health}: per target, when its list was last read, the
 * last error and when. Always UP: an office's system being down is the office's outage, not the hub's (its
 * deliveries' circuit says so too); IT staff see it here and in {@code simpul_local_permits_polls_total}.
 */
@Component("localPermitsHealthIndicator")
public class LocalPermitsHealth implements HealthIndicator {

    private final LocalPermitPolls polls;

    public LocalPermitsHealth(LocalPermitPolls polls) {
        this.polls = polls;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        for (LocalPermitPolls.PollState p : polls.all()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("lastSuccessAt", p.lastSuccessAt() == null ? null : p.lastSuccessAt().toString());
            detail.put("lastError", p.lastError());
            detail.put("lastErrorAt", p.lastErrorAt() == null ? null : p.lastErrorAt().toString());
            detail.put("itemsFailed", p.itemsFailed());
            health.withDetail(p.targetId(), detail);
        }
        return health.build();
    }
}
