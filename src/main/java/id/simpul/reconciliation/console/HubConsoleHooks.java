package id.simpul.reconciliation.console;

import id.simpul.applicant.ApplicantRegistry;
import id.simpul.applicant.SourceRecord;
import id.simpul.delivery.FailurePolicy;
import id.simpul.delivery.ManualEntries;
import id.simpul.delivery.local.LocalPermitPolls;
import id.simpul.delivery.local.LocalPermitStore;
import id.simpul.platform.backup.StoreBackups;
import id.simpul.platform.web.ApiException;
import id.simpul.reconciliation.applicant.ApplicantDecisions;
import id.simpul.reconciliation.applicant.CounterDesk;
import id.simpul.reconciliation.run.ReconciliationService;
import id.simpul.reconciliation.sla.SlaTracker;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;

/**
 * Connects the console to the capabilities it shows: SLA tracking, reconciliation runs, the
 * manual-entry queue, the targets' circuit breakers and the offices' own (local) permits.
 */
@Configuration(proxyBeanMethods = false)
public class HubConsoleHooks {

    @Bean
    ConsoleHooks.ManualEntryQueue manualEntryQueue(ManualEntries entries) {
        return new ConsoleHooks.ManualEntryQueue() {
            @Override
            public List<Entry> list(String state, int limit) {
                return entries.list(state, null, limit).stream().map(HubConsoleHooks::entry).toList();
            }

            @Override
            public Optional<Entry> find(long id) {
                return entries.find(id).map(HubConsoleHooks::entry);
            }

            @Override
            public Entry confirm(long id, String localNumber, String confirmedBy) {
                // ManualEntryException is an ApiException: the console shows its message with its status.
                return entry(entries.confirm(id, localNumber, confirmedBy, confirmedBy));
            }
        };
    }

    /** The applicant registry's review queue; decisions become ASSERTED links that later matching respects. */
    @Bean
    ConsoleHooks.ApplicantReviewQueue applicantReviewQueue(ApplicantRegistry registry, ApplicantDecisions decisions) {
        return new ConsoleHooks.ApplicantReviewQueue() {
            @Override
            public List<Review> pending(int limit) {
                return registry.reviews(0, limit).stream()
                        .map(r -> new Review(r.reviewId(), r.sourceRef(), r.candidateApplicantId(), r.score(),
                                r.explanation(), r.createdAt()))
                        .toList();
            }

            @Override
            public void decide(long reviewId, boolean same, String actor, String note) {
                try {
                    decisions.decide(reviewId, same, actor, "console", note);
                } catch (IllegalArgumentException | IllegalStateException e) {
                    throw ApiException.conflict(e.getMessage());
                }
            }
        };
    }

    /** The counter's lookup as the staff API answers it (masked by role, audited when unmasked). */
    @Bean
    ConsoleHooks.Counter counter(CounterDesk desk) {
        return (field, value, auth) -> {
            CounterDesk.LookupRequest request = switch (field) {
                case "nik" -> new CounterDesk.LookupRequest(value, null, null);
                case "npwp" -> new CounterDesk.LookupRequest(null, value, null);
                case "nib" -> new CounterDesk.LookupRequest(null, null, value);
                default -> throw new IllegalArgumentException("field must be nik, npwp or nib");
            };
            try {
                CounterDesk.Found f = desk.lookup(request, auth);
                return Optional.of(new ConsoleHooks.Counter.Found(f.applicantId(), f.type(), f.name(), f.identifier(),
                        f.birthDate(), f.birthPlace(), f.gender(), f.addresses().stream().map(HubConsoleHooks::line)
                        .toList(), f.phones(), f.emails(), f.nibs(), f.permits().stream()
                        .map(p -> new ConsoleHooks.Counter.Permit(p.source(), p.id(), p.number(), p.type(), p.status(),
                                p.region())).toList(), f.otherApplicantIds(), f.masked()));
            } catch (java.util.NoSuchElementException e) {
                return Optional.empty();
            }
        };
    }

    /** An address on one line, its parts as given, the empty ones left out. */
    private static String line(SourceRecord.Address a) {
        return java.util.stream.Stream.of(a.line(), a.village(), a.district(), a.regency(), a.province(), a.postalCode())
                .filter(s -> s != null && !s.isBlank()).collect(java.util.stream.Collectors.joining(", "));
    }

    /** The offices' own permits as the staff API's poll state and the store give them (every region). */
    @Bean
    ConsoleHooks.LocalPermits localPermits(LocalPermitPolls polls, LocalPermitStore store) {
        return new ConsoleHooks.LocalPermits() {
            @Override
            public List<Poll> polls() {
                Map<String, Long> stored = store.countByTarget();
                return polls.all().stream().map(p -> new Poll(p.targetId(), p.cursor(), p.lastPolledAt(),
                        p.lastSuccessAt(), p.lastError(), p.lastErrorAt(), p.itemsRead(), p.itemsStored(),
                        p.itemsUnchanged(), p.itemsFailed(), stored.getOrDefault(p.targetId(), 0L))).toList();
            }

            @Override
            public Page newest(String targetId, String permitType, String status, int offset, int limit) {
                return new Page(store.newest(targetId, permitType, status, offset, limit).stream()
                        .map(HubConsoleHooks::permit).toList(), store.count(targetId, permitType, status));
            }

            @Override
            public Optional<Permit> find(String targetId, String localNumber) {
                return store.find(targetId, localNumber).map(HubConsoleHooks::permit);
            }
        };
    }

    private static ConsoleHooks.LocalPermits.Permit permit(LocalPermitStore.Stored s) {
        return new ConsoleHooks.LocalPermits.Permit(s.targetId(), s.localNumber(), s.kdDaerah(), s.permitType(),
                s.status(), s.applicantId(), s.version(), s.payload(), s.firstSeenAt(), s.updatedAt());
    }

    @Bean
    ConsoleHooks.TargetCircuits targetCircuits(FailurePolicy policy) {
        return targetId -> Optional.of(policy.circuitState(targetId).name());
    }

    private static ConsoleHooks.ManualEntryQueue.Entry entry(ManualEntries.ManualEntry m) {
        return new ConsoleHooks.ManualEntryQueue.Entry(m.id(), m.targetId(), m.nib(), m.idIzin(), m.version(),
                m.fields(), m.state(), m.localNumber(), m.confirmedBy(), m.createdAt(), m.confirmedAt());
    }

    @Bean
    ConsoleHooks.StoreBackupStatus storeBackupStatus(StoreBackups backups) {
        return new ConsoleHooks.StoreBackupStatus() {
            @Override
            public boolean madeByTheHub() {
                return backups.madeByTheHub();
            }

            @Override
            public Optional<Instant> newest() {
                return backups.newest();
            }
        };
    }

    @Bean
    ConsoleHooks.SlaOverdue slaOverdue(SlaTracker tracker) {
        return () -> tracker.overdue().size();
    }

    /** The newest reconciliation run as the console's cross-system report. */
    @Bean
    ConsoleHooks.ReconciliationChecks reconciliationChecks(ReconciliationService service) {
        return new ConsoleHooks.ReconciliationChecks() {
            @Override
            public Optional<Report> latest() {
                List<ReconciliationService.RunSummary> runs = service.recentRuns(1);
                if (runs.isEmpty()) {
                    return Optional.empty();
                }
                long id = runs.get(0).id();
                return service.find(id).map(run -> new Report(run.id(),
                        run.finishedAt() == null ? run.startedAt() : run.finishedAt(),
                        new TreeMap<>(run.counts()),
                        run.items().stream().map(i -> new Finding(run.id(), i.id(), i.category().name(), i.nib(),
                                i.idIzin(), i.targetId() == null ? "hub" : i.targetId(), i.detail(), i.fix().name(),
                                i.state(), run.startedAt())).toList()));
            }

            @Override
            public void runNow(String actor) {
                service.run("console", actor);
            }

            @Override
            public String fix(long runId, long itemId, Authentication auth) {
                return service.fix(runId, itemId, auth);
            }
        };
    }
}
