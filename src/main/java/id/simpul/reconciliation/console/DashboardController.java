package id.simpul.reconciliation.console;

import id.simpul.mapping.Mappings;
import id.simpul.mapping.Refusals;
import id.simpul.platform.SimpulProperties;
import id.simpul.platform.security.Roles;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page and the dashboard: counts, flows, targets' health and the two charts. */
@Controller
public class DashboardController {

    /** A version not delivered or dead-lettered this long after receipt is shown as stuck. */
    static final Duration STUCK_AFTER = Duration.ofHours(1);
    /** Backups are nightly: older than this, one was missed. */
    static final Duration BACKUP_STALE_AFTER = Duration.ofHours(26);

    private final ConsoleReadModel readModel;
    private final SimpulProperties properties;
    private final ObjectProvider<CircuitBreakerRegistry> circuitBreakers;
    private final ObjectProvider<ConsoleHooks.TargetCircuits> targetCircuits;
    private final ObjectProvider<ConsoleHooks.SlaOverdue> slaOverdue;
    private final ObjectProvider<CamelContext> camel;
    private final ObjectProvider<ConsoleHooks.StoreBackupStatus> backups;
    private final ObjectProvider<Mappings> mappings;
    private final ObjectProvider<ConsoleHooks.LocalPermits> localPermits;

    public DashboardController(ConsoleReadModel readModel, SimpulProperties properties,
                               ObjectProvider<CircuitBreakerRegistry> circuitBreakers,
                               ObjectProvider<ConsoleHooks.TargetCircuits> targetCircuits,
                               ObjectProvider<ConsoleHooks.SlaOverdue> slaOverdue,
                               ObjectProvider<CamelContext> camel,
                               ObjectProvider<ConsoleHooks.StoreBackupStatus> backups,
                               ObjectProvider<Mappings> mappings,
                               ObjectProvider<ConsoleHooks.LocalPermits> localPermits) {
        this.readModel = readModel;
        this.properties = properties;
        this.circuitBreakers = circuitBreakers;
        this.targetCircuits = targetCircuits;
        this.slaOverdue = slaOverdue;
        this.camel = camel;
        this.backups = backups;
        this.mappings = mappings;
        this.localPermits = localPermits;
    }

    @GetMapping("/console/login")
    public String login() {
        return "console/login";
    }

    public record TargetHealth(String id, String flavour, String baseUrl, List<String> regions, String circuit,
                               ConsoleReadModel.TargetActivity activity, String status) {
    }

    public record RouteStatus(String id, String status) {
    }

    @GetMapping({"/console", "/console/"})
    public String dashboard(Model model, Authentication auth) {
        Instant now = readModel.now();
        Instant dayAgo = now.minus(Duration.ofHours(24));
        model.addAttribute("page", "dashboard");
        model.addAttribute("ledger", readModel.ledgerByState());
        model.addAttribute("deadLettersWaiting", readModel.deadLettersWaiting());
        model.addAttribute("deadLettersByClass", readModel.deadLettersWaitingByClass());
        model.addAttribute("stuck", readModel.stuckCount(STUCK_AFTER));
        model.addAttribute("overdue", Optional.ofNullable(slaOverdue.getIfAvailable())
                .map(ConsoleHooks.SlaOverdue::overdue).orElse(null));
        model.addAttribute("flows", readModel.flows(dayAgo));
        model.addAttribute("routes", routes());
        model.addAttribute("targets", properties.targets().stream().map(t -> health(t, dayAgo)).toList());
        model.addAttribute("hourly", Charts.hourly(readModel.hourly(24)));
        model.addAttribute("timeToDeliver", Charts.buckets(readModel.timeToDeliver(dayAgo)));
        model.addAttribute("generatedAt", now);
        backup(model, now);
        model.addAttribute("refusedMappings", refusedMappings(ConsoleUser.of(auth)));
        model.addAttribute("localPollsFailing", localPollsFailing());
        return "console/dashboard";
    }

    /**
     * Saved mapping files the hub refused and works on without (integrators', whose change it is, and admins'):
     * nothing else shows it, since no permit fails.
     */
    private List<Refusals.Refused> refusedMappings(ConsoleUser user) {
        Mappings hub = mappings.getIfAvailable();
        if (hub == null || !(user.admin() || user.roles().contains(Roles.INTEGRATOR))) {
            return List.of();
        }
        return hub.refusals().list();
    }

    /**
     * Targets whose last read of the office's own permits failed: nothing else on the dashboard shows it, since no
     * OSS permit is held up by it.
     */
    private List<String> localPollsFailing() {
        ConsoleHooks.LocalPermits hook = localPermits.getIfAvailable();
        if (hook == null) {
            return List.of();
        }
        try {
            return hook.polls().stream().filter(ConsoleHooks.LocalPermits.Poll::failing)
                    .map(ConsoleHooks.LocalPermits.Poll::targetId).toList();
        } catch (RuntimeException e) {
            // The dashboard is every role's first page: a poll table it cannot read must not take it down.
            return List.of();
        }
    }

    /** The age of the newest backup, in hours, where the hub makes backups; "hot" when one was missed. */
    private void backup(Model model, Instant now) {
        ConsoleHooks.StoreBackupStatus status = backups.getIfAvailable();
        Optional<Instant> newest;
        try {
            if (status == null || !status.madeByTheHub()) {
                return;
            }
            newest = status.newest();
        } catch (RuntimeException e) {
            // The dashboard is every role's first page: an unreadable backup folder must not take it down.
            newest = Optional.empty();
        }
        model.addAttribute("backupShown", true);
        model.addAttribute("backupAgeHours", newest.map(at -> Duration.between(at, now).toHours()).orElse(null));
        model.addAttribute("backupStale", newest.map(at -> at.isBefore(now.minus(BACKUP_STALE_AFTER))).orElse(true));
    }

    private TargetHealth health(SimpulProperties.Target target, Instant since) {
        ConsoleReadModel.TargetActivity activity = readModel.targetActivity(target.id(), since);
        String circuit = circuit(target.id());
        String status = "OPEN".equals(circuit) ? "down"
                : activity.deadLettersWaiting() > 0 || "HALF_OPEN".equals(circuit) ? "warn" : "ok";
        return new TargetHealth(target.id(), target.flavour(), target.baseUrl(), target.kdDaerahPrefixes(), circuit,
                activity, status);
    }

    /** From a delivery hook if there is one, else a resilience4j breaker named after the target, else unknown. */
    private String circuit(String targetId) {
        ConsoleHooks.TargetCircuits hook = targetCircuits.getIfAvailable();
        if (hook != null) {
            return hook.state(targetId).orElse(null);
        }
        CircuitBreakerRegistry registry = circuitBreakers.getIfAvailable();
        if (registry == null) {
            return null;
        }
        return registry.getAllCircuitBreakers().stream()
                .filter(cb -> cb.getName().equals(targetId) || cb.getName().equals("target-" + targetId))
                .findFirst().map(cb -> cb.getState().name()).orElse(null);
    }

    private List<RouteStatus> routes() {
        CamelContext context = camel.getIfAvailable();
        if (context == null) {
            return List.of();
        }
        return context.getRoutes().stream().map(Route::getRouteId).sorted()
                .map(id -> new RouteStatus(id, String.valueOf(context.getRouteController().getRouteStatus(id))))
                .toList();
    }
}
