package id.simpul.reconciliation.applicant;

import id.simpul.applicant.ApplicantRegistry;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code applicantRegistry}. While the registry loads in the
 * background the hub is still UP: pushes are acknowledged and stored, and conversion waits for the
 * registry, so the component says {@code loading} rather than failing the hub. A load that failed
 * is DOWN: no permit can be matched until the hub restarts.
 */
@Component("applicantRegistryHealthIndicator")
public class ApplicantRegistryHealth implements HealthIndicator {

    private final ApplicantRegistry registry;

    public ApplicantRegistryHealth(ApplicantRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Health health() {
        if (registry.loadFailed()) {
            return Health.down().withDetail("state", "load failed; see the log, then restart the hub").build();
        }
        if (!registry.isLoaded()) {
            return Health.up().withDetail("state", "loading").build();
        }
        return Health.up().withDetail("state", "loaded").withDetail("records", registry.stats().records()).build();
    }
}
