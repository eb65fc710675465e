package id.simpul.reconciliation.console;

import id.simpul.reconciliation.run.ReconciliationService;
import id.simpul.reconciliation.sla.SlaTracker;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Connects the console's dashboard and reconciliation page to the SLA tracker and reconciliation runs. */
@Configuration(proxyBeanMethods = false)
public class HubConsoleHooks {

    @Bean
    ConsoleHooks.SlaOverdue slaOverdue(SlaTracker tracker) {
        return () -> tracker.overdue().size();
    }

    /** The newest reconciliation run as the console's cross-system report. */
    @Bean
    ConsoleHooks.ReconciliationChecks reconciliationChecks(ReconciliationService service) {
        return () -> {
            List<Map<String, Object>> runs = service.recentRuns(1);
            if (runs.isEmpty()) {
                return Optional.empty();
            }
            long id = ((Number) runs.get(0).get("id")).longValue();
            return service.find(id).map(run -> new ConsoleHooks.ReconciliationChecks.Report(
                    run.finishedAt() == null ? run.startedAt() : run.finishedAt(),
                    new TreeMap<>(run.counts()),
                    run.items().stream().map(i -> new ConsoleHooks.ReconciliationChecks.Finding(i.category().name(),
                            i.nib(), i.idIzin(), i.targetId() == null ? "hub" : i.targetId(),
                            i.detail() + " — " + i.fix() + " (" + i.state() + ")", run.startedAt())).toList()));
        };
    }
}
