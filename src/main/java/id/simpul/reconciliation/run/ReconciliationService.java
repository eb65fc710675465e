package id.simpul.reconciliation.run;

import id.simpul.platform.audit.AuditLog;
import id.simpul.platform.ledger.SyncLedger;
import id.simpul.platform.security.PersonalText;
import id.simpul.platform.web.ApiException;
import id.simpul.reconciliation.run.Discrepancy.Category;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

/**
 * A reconciliation run compares OSS (through the sweep's calls), the hub's ledger and the targets,
 * records every discrepancy with its safe fix, and keeps a gauge per category from the latest run.
 */
@Service
public class ReconciliationService {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationService.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final LedgerProbes ledgerProbes;
    private final List<DiscrepancyProbe> probes;
    private final Map<Discrepancy.Fix, DiscrepancyFixer> fixers;
    private final AuditLog audit;
    private final SyncLedger ledger;
    private final Map<Category, AtomicLong> latest = new EnumMap<>(Category.class);

    public ReconciliationService(JdbcClient jdbc, Clock clock, LedgerProbes ledgerProbes, List<DiscrepancyProbe> probes,
                                 List<DiscrepancyFixer> fixers, AuditLog audit, SyncLedger ledger,
                                 MeterRegistry registry) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ledgerProbes = ledgerProbes;
        this.probes = probes;
        this.fixers = fixers.stream().collect(Collectors.toMap(DiscrepancyFixer::fix, Function.identity()));
        this.audit = audit;
        this.ledger = ledger;
        for (Category c : Category.values()) {
            AtomicLong value = new AtomicLong();
            latest.put(c, value);
            Gauge.builder("simpul.reconciliation.discrepancies", value, AtomicLong::get)
                    .description("Discrepancies found by the latest reconciliation run")
                    .tag("category", c.name().toLowerCase())
                    .register(registry);
        }
    }

    public record Item(long id, Category category, String nib, String idIzin, String targetId, String detail,
                       Discrepancy.Fix fix, String fixRef, String state, String fixedBy, Instant fixedAt) {
        Discrepancy discrepancy() {
            return new Discrepancy(category, nib, idIzin, targetId, detail, fix, fixRef);
        }
    }

    public record Run(long id, String trigger, String actor, String state, Instant startedAt, Instant finishedAt,
                      String summary, String error, Map<String, Long> counts, List<Item> items) {
    }

    /**
     * Runs older than this are deleted after each run. Each run lists every open discrepancy again
     * (every waiting dead letter, hourly), so kept for ever they would grow without bound; the fixes
     * themselves stay in the audit log.
     */
    static final Duration KEEP_RUNS_FOR = Duration.ofDays(30);

    /** Runs every probe now and stores the result. */
    public Run run(String trigger, String actor) {
        Instant started = clock.instant();
        var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("INSERT INTO reconciliation_run (trigger_kind, actor, state, started_at) VALUES (:t, :a, 'RUNNING', :s)")
                .param("t", trigger).param("a", actor).param("s", Timestamp.from(started)).update(key, "id");
        long runId = key.getKey().longValue();
        List<Discrepancy> found = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<DiscrepancyProbe> all = new ArrayList<>(ledgerProbes.all());
        all.addAll(probes);
        for (DiscrepancyProbe probe : all) {
            try {
                found.addAll(probe.find());
            } catch (RuntimeException e) {
                // Stored as the run's error, which every role reads: what the failure quotes (an answer of OSS or
                // of a target, a database's message) may hold a NIK or a phone number.
                errors.add(probe.getClass().getSimpleName() + ": " + e.getMessage());
                log.warn("reconciliation probe {} failed: {}", probe.getClass().getSimpleName(), e.toString());
            }
        }
        for (Discrepancy d : found) {
            jdbc.sql("""
                    INSERT INTO reconciliation_item (run_id, category, nib, id_izin, target_id, detail, fix, fix_ref, state)
                    VALUES (:run, :category, :nib, :idIzin, :target, :detail, :fix, :ref, 'OPEN')""")
                    .param("run", runId).param("category", d.category().name()).param("nib", d.nib())
                    .param("idIzin", d.idIzin()).param("target", d.targetId())
                    .param("detail", d.detail().length() > 2000 ? d.detail().substring(0, 1999) : d.detail())
                    .param("fix", d.fix().name()).param("ref", d.fixRef()).update();
        }
        Map<Category, Long> counts = found.stream().collect(Collectors.groupingBy(Discrepancy::category,
                () -> new EnumMap<>(Category.class), Collectors.counting()));
        latest.forEach((c, v) -> v.set(counts.getOrDefault(c, 0L)));
        String summary = found.size() + " discrepancies: " + counts;
        // Cut to the column: a longer error (several probes failing with long answers) failed this UPDATE and left
        // the run RUNNING for ever.
        String error = errors.isEmpty() ? null : PersonalText.maskedToFit(String.join("; ", errors), 2000);
        jdbc.sql("UPDATE reconciliation_run SET state = :st, finished_at = :f, summary = :s, error = :e WHERE id = :id")
                .param("st", errors.isEmpty() ? "DONE" : "PARTIAL").param("f", Timestamp.from(clock.instant()))
                .param("s", summary).param("e", error).param("id", runId)
                .update();
        log.info("reconciliation run {} by {}: {}", runId, actor, summary);
        prune(started.minus(KEEP_RUNS_FOR));
        return find(runId).orElseThrow();
    }

    public Optional<Run> find(long runId) {
        return jdbc.sql("SELECT * FROM reconciliation_run WHERE id = :id").param("id", runId)
                .query((rs, n) -> {
                    List<Item> items = items(runId);
                    Map<String, Long> counts = items.stream().collect(Collectors.groupingBy(i -> i.category().name(),
                            java.util.TreeMap::new, Collectors.counting()));
                    return new Run(rs.getLong("id"), rs.getString("trigger_kind"), rs.getString("actor"),
                            rs.getString("state"), rs.getTimestamp("started_at").toInstant(),
                            rs.getTimestamp("finished_at") == null ? null : rs.getTimestamp("finished_at").toInstant(),
                            rs.getString("summary"), rs.getString("error"), counts, items);
                }).optional();
    }

    /** A run as the list shows it: a {@link Run}'s own fields and names, without its items. */
    public record RunSummary(long id, String trigger, String actor, String state, Instant startedAt, Instant finishedAt,
                             String summary, String error) {
    }

    public List<RunSummary> recentRuns(int limit) {
        return jdbc.sql("SELECT id, trigger_kind, actor, state, started_at, finished_at, summary, error"
                        + " FROM reconciliation_run ORDER BY id DESC LIMIT :n")
                .param("n", limit)
                .query((rs, n) -> new RunSummary(rs.getLong("id"), rs.getString("trigger_kind"), rs.getString("actor"),
                        rs.getString("state"), rs.getTimestamp("started_at").toInstant(),
                        rs.getTimestamp("finished_at") == null ? null : rs.getTimestamp("finished_at").toInstant(),
                        rs.getString("summary"), rs.getString("error")))
                .list();
    }

    List<Item> items(long runId) {
        return jdbc.sql("SELECT * FROM reconciliation_item WHERE run_id = :id ORDER BY id").param("id", runId)
                .query((rs, n) -> new Item(rs.getLong("id"), Category.valueOf(rs.getString("category")),
                        rs.getString("nib"), rs.getString("id_izin"), rs.getString("target_id"), rs.getString("detail"),
                        Discrepancy.Fix.valueOf(rs.getString("fix")), rs.getString("fix_ref"), rs.getString("state"),
                        rs.getString("fixed_by"),
                        rs.getTimestamp("fixed_at") == null ? null : rs.getTimestamp("fixed_at").toInstant()))
                .list();
    }

    /** Applies an item's fix once; an item already fixed answers 409. */
    public String fix(long runId, long itemId, Authentication auth) {
        Item item = items(runId).stream().filter(i -> i.id() == itemId).findFirst()
                .orElseThrow(() -> ApiException.notFound("no item " + itemId + " in run " + runId));
        if (!"OPEN".equals(item.state())) {
            throw ApiException.conflict("item " + itemId + " is already " + item.state());
        }
        DiscrepancyFixer fixer = fixers.get(item.fix());
        if (fixer == null) {
            throw ApiException.conflict(item.category() + " has no automatic fix; it needs a person: " + item.detail());
        }
        // Claimed before the fix runs: of two operators (or a double click) only one applies it.
        if (jdbc.sql("UPDATE reconciliation_item SET state = 'FIXED', fixed_by = :a, fixed_at = :t WHERE id = :id AND state = 'OPEN'")
                .param("a", auth.getName()).param("t", Timestamp.from(clock.instant())).param("id", itemId).update() == 0) {
            throw ApiException.conflict("item " + itemId + " was fixed meanwhile");
        }
        String done;
        try {
            // The request is on the audit log before anything leaves the hub (a re-push, a status to OSS): if the
            // log cannot take it, nothing happens. A fix that fails leaves the item open and no outcome row.
            audit.append(new AuditLog.Event(auth.getName(), "RECONCILIATION_FIX_REQUESTED", "reconciliation-item",
                    String.valueOf(itemId), null, item.category() + " " + item.fix() + " in run " + runId, "OPEN", null));
            done = fixer.apply(item.discrepancy(), auth);
        } catch (RuntimeException e) {
            jdbc.sql("UPDATE reconciliation_item SET state = 'OPEN', fixed_by = NULL, fixed_at = NULL WHERE id = :id")
                    .param("id", itemId).update();
            throw e;
        }
        if (item.idIzin() != null) {
            List<id.simpul.platform.ledger.LedgerEntry> versions = ledger.byIdIzin(item.idIzin());
            if (!versions.isEmpty()) {
                ledger.event(versions.get(versions.size() - 1), "RECONCILIATION_FIX",
                        item.category() + ": " + done + " (by " + auth.getName() + ")");
            }
        }
        audit.append(new AuditLog.Event(auth.getName(), "RECONCILIATION_FIXED", "reconciliation-item",
                String.valueOf(itemId), null, item.category() + " " + item.fix() + ": " + done, "OPEN", "FIXED"));
        return done;
    }

    private void prune(Instant before) {
        Timestamp cut = Timestamp.from(before);
        int items = jdbc.sql("""
                DELETE FROM reconciliation_item WHERE run_id IN (SELECT id FROM reconciliation_run WHERE started_at < :cut)""")
                .param("cut", cut).update();
        int runs = jdbc.sql("DELETE FROM reconciliation_run WHERE started_at < :cut").param("cut", cut).update();
        if (runs > 0) {
            log.info("reconciliation: deleted {} runs ({} items) started before {}", runs, items, before);
        }
    }
}
