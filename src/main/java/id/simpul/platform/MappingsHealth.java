package id.simpul.platform;

import id.simpul.mapping.Mappings;
import id.simpul.mapping.Refusals;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code mappings}, and the gauge {@code simpul_mappings_refused} to alert
 * on. A mapping or crosswalk whose saved change was refused still works with the version that last compiled,
 * so the hub stays UP; the details (staff only) name each refused file, its error and since when, so that
 * whoever saved it knows the change is not in use.
 */
@Component("mappingsHealthIndicator")
public class MappingsHealth implements HealthIndicator {

    private final Refusals refusals;

    public MappingsHealth(Mappings mappings, MeterRegistry meters) {
        this.refusals = mappings.refusals();
        Gauge.builder("simpul.mappings.refused", refusals, r -> r.list().size())
                .description("Mapping and crosswalk files whose latest saved change does not compile; each keeps its last good version")
                .register(meters);
    }

    @Override
    public Health health() {
        List<Refusals.Refused> refused = refusals.list();
        Health.Builder health = Health.up().withDetail("refused", refused.size());
        if (!refused.isEmpty()) {
            Map<String, Map<String, String>> files = new LinkedHashMap<>();
            refused.forEach(r -> files.put(r.file(), Map.of("error", r.error(), "since", r.since().toString())));
            health.withDetail("files", files);
        }
        return health.build();
    }
}
