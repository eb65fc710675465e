package id.simpul.intake.poll;

import id.simpul.intake.NibIntake;
import id.simpul.platform.connector.RateLimiters;
import id.simpul.platform.connector.oss.LicenseStatus;
import id.simpul.platform.connector.oss.OssClient;
import id.simpul.platform.connector.oss.OssRefusedException;
import id.simpul.platform.failure.TransientFailureException;
import id.simpul.platform.ledger.LedgerEntry;
import id.simpul.platform.ledger.SyncLedger;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Catches pushes OSS sent but the hub never received (OSS removed its reconciliation calls in PIA
 * 4.3.16). A run takes the NIBs with an open permit whose last change in the ledger, and last check,
 * are older than {@code max-age}; for each it calls {@code inqueryNIB} and ingests what changed as a
 * new version ({@link NibRefresh}), then {@code checkLicenseStatus} for each open permit, recording
 * OSS's status in the trail and closing the permit when OSS reports it final. Calls are paced by a
 * rate limiter; a run stops at {@code batch-size} NIBs, after {@code max-run}, or when OSS keeps failing.
 */
@Component
public class OssSweep {

    /** What one run did. */
    public record Report(int nibs, int ingested, int unchanged, int notRouted, int refused, int failed,
                         int statusesChecked, int closed, boolean complete) {
    }

    private static final Logger log = LoggerFactory.getLogger(OssSweep.class);
    private static final int MAX_CONSECUTIVE_FAILURES = 3;

    private final JdbcClient jdbc;
    private final OssClient oss;
    private final NibRefresh refresh;
    private final SyncLedger ledger;
    private final SweepProperties properties;
    private final Clock clock;
    private final MeterRegistry registry;
    private final RateLimiter limiter;

    public OssSweep(JdbcClient jdbc, OssClient oss, NibRefresh refresh, SyncLedger ledger, SweepProperties properties,
                    Clock clock, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.oss = oss;
        this.refresh = refresh;
        this.ledger = ledger;
        this.properties = properties;
        this.clock = clock;
        this.registry = registry;
        this.limiter = RateLimiters.perSecond("oss-sweep", properties.rate());
    }

    /** One run; {@code stopping} is asked before each NIB (the hub is shutting down). */
    public Report run(BooleanSupplier stopping) {
        Instant started = clock.instant();
        Instant deadline = started.plus(properties.maxRun());
        Map<String, List<String>> candidates = candidates(started);
        int ingested = 0;
        int unchanged = 0;
        int notRouted = 0;
        int refused = 0;
        int failed = 0;
        int statuses = 0;
        int closed = 0;
        int consecutiveFailures = 0;
        int nibs = 0;
        boolean complete = true;
        for (Map.Entry<String, List<String>> candidate : candidates.entrySet()) {
            if (stopping.getAsBoolean() || clock.instant().isAfter(deadline)
                    || consecutiveFailures >= MAX_CONSECUTIVE_FAILURES) {
                complete = false;
                break;
            }
            String nib = candidate.getKey();
            nibs++;
            String outcome;
            try {
                pace();
                NibRefresh.Outcome result = refresh.refresh(nib, "sweep");
                outcome = result.name();
                switch (result) {
                    case INGESTED -> ingested++;
                    case UNCHANGED -> unchanged++;
                    case NOT_ROUTED -> notRouted++;
                }
                consecutiveFailures = 0;
            } catch (OssRefusedException e) {
                refused++;
                outcome = "REFUSED";
                log.warn("OSS sweep: inqueryNIB nib={} refused: {}", nib, e.getMessage());
                for (String idIzin : candidate.getValue()) {
                    checked(idIzin, nib, null, false, outcome, e.getMessage());
                }
                count(outcome);
                continue;
            } catch (TransientFailureException e) {
                failed++;
                consecutiveFailures++;
                count("FAILED");
                log.warn("OSS sweep: inqueryNIB nib={} failed, retried after max-age: {}", nib, e.getMessage());
                // Recorded, so the NIB goes to the back: unrecorded, a few NIBs that keep failing would stay
                // the stalest and end every run at MAX_CONSECUTIVE_FAILURES before any other is checked.
                for (String idIzin : candidate.getValue()) {
                    checked(idIzin, nib, null, false, "FAILED", e.getMessage());
                }
                continue;
            }
            count(outcome);
            for (String idIzin : candidate.getValue()) {
                try {
                    pace();
                    LicenseStatus status = oss.checkLicenseStatus(idIzin);
                    statuses++;
                    boolean isClosed = status.kdStatus() != null && properties.closedStatuses().contains(status.kdStatus());
                    closed += isClosed ? 1 : 0;
                    recordStatus(idIzin, nib, status, isClosed, outcome);
                } catch (OssRefusedException e) {
                    checked(idIzin, nib, null, false, outcome, e.getMessage());
                } catch (TransientFailureException e) {
                    failed++;
                    consecutiveFailures++;
                    checked(idIzin, nib, null, false, "FAILED", e.getMessage());
                    log.warn("OSS sweep: checkLicenseStatus id_izin={} failed, retried after max-age: {}", idIzin,
                            e.getMessage());
                }
            }
        }
        Report report = new Report(nibs, ingested, unchanged, notRouted, refused, failed, statuses, closed,
                complete && nibs == candidates.size());
        if (nibs > 0 || !candidates.isEmpty()) {
            log.info("OSS sweep: {} of {} NIB(s) checked: {} new version(s) queued, {} unchanged, {} not for this "
                            + "region, {} refused, {} failed; {} permit status(es) checked, {} now closed{}",
                    nibs, candidates.size(), ingested, unchanged, notRouted, refused, failed, statuses, closed,
                    report.complete() ? "" : " (stopped early; the next run goes on)");
        }
        return report;
    }

    /**
     * NIB → its open permits: permits of the OSS flow whose newest ledger row changed before the cutoff,
     * not closed at OSS, not checked since the cutoff, first received within the lookback; stalest first.
     */
    Map<String, List<String>> candidates(Instant now) {
        Timestamp cutoff = Timestamp.from(now.minus(properties.maxAge()));
        Timestamp horizon = Timestamp.from(now.minus(properties.lookback()));
        List<String[]> rows = jdbc.sql("""
                SELECT l.nib, l.id_izin, MAX(l.updated_at) AS last_change, MAX(s.last_checked_at) AS last_check
                FROM sync_ledger l
                LEFT JOIN oss_sweep_permit s ON s.id_izin = l.id_izin
                WHERE l.flow = :flow AND l.nib IS NOT NULL AND (s.closed IS NULL OR s.closed = FALSE)
                GROUP BY l.nib, l.id_izin
                HAVING MAX(l.updated_at) < :cutoff AND MIN(l.received_at) >= :horizon
                   AND (MAX(s.last_checked_at) IS NULL OR MAX(s.last_checked_at) < :cutoff)
                ORDER BY COALESCE(MAX(s.last_checked_at), MAX(l.updated_at)), l.nib
                LIMIT :limit""")
                .param("flow", NibIntake.FLOW)
                .param("cutoff", cutoff)
                .param("horizon", horizon)
                .param("limit", properties.batchSize() * 4)
                .query((rs, i) -> new String[] {rs.getString("nib"), rs.getString("id_izin")})
                .list();
        Map<String, List<String>> byNib = new LinkedHashMap<>();
        for (String[] row : rows) {
            if (byNib.size() >= properties.batchSize() && !byNib.containsKey(row[0])) {
                break;
            }
            byNib.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row[1]);
        }
        return byNib;
    }

    private void recordStatus(String idIzin, String nib, LicenseStatus status, boolean isClosed, String outcome) {
        String previous = jdbc.sql("SELECT oss_kd_status FROM oss_sweep_permit WHERE id_izin = :id")
                .param("id", idIzin).query(String.class).optional().orElse(null);
        checked(idIzin, nib, status.kdStatus(), isClosed, outcome, null);
        if (status.kdStatus() != null && !Objects.equals(previous, status.kdStatus())) {
            List<LedgerEntry> versions = ledger.byIdIzin(idIzin);
            if (!versions.isEmpty()) {
                ledger.event(versions.get(versions.size() - 1), "OSS_STATUS", "OSS reports kd_status "
                        + status.kdStatus() + (status.uraianStatus() == null ? "" : " (" + status.uraianStatus() + ")")
                        + (isClosed ? "; no longer swept" : ""));
            }
        }
    }

    private void checked(String idIzin, String nib, String kdStatus, boolean isClosed, String outcome, String error) {
        Timestamp now = Timestamp.from(clock.instant());
        String err = Backfills.failure(error);
        int updated = jdbc.sql("""
                UPDATE oss_sweep_permit SET nib = :nib, last_checked_at = :now,
                       oss_kd_status = COALESCE(:status, oss_kd_status), closed = :closed, last_outcome = :outcome,
                       last_error = :error
                WHERE id_izin = :id""")
                .param("nib", nib).param("now", now).param("status", kdStatus).param("closed", isClosed)
                .param("outcome", outcome).param("error", err).param("id", idIzin)
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO oss_sweep_permit (id_izin, nib, last_checked_at, oss_kd_status, closed, last_outcome,
                                                  last_error)
                    VALUES (:id, :nib, :now, :status, :closed, :outcome, :error)""")
                    .param("id", idIzin).param("nib", nib).param("now", now).param("status", kdStatus)
                    .param("closed", isClosed).param("outcome", outcome).param("error", err)
                    .update();
        }
    }

    private void pace() {
        if (!RateLimiters.acquire(limiter)) {
            throw new TransientFailureException("OSS sweep: no call permit within a minute");
        }
    }

    private void count(String outcome) {
        Counter.builder("simpul.sweep.nibs")
                .description("NIBs the OSS sweep checked, by outcome")
                .tag("outcome", outcome.toLowerCase())
                .register(registry)
                .increment();
    }
}
