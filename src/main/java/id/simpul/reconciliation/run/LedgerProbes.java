package id.simpul.reconciliation.run;

import id.simpul.platform.SimpulProperties;
import id.simpul.reconciliation.run.Discrepancy.Category;
import id.simpul.reconciliation.run.Discrepancy.Fix;
import id.simpul.reconciliation.sla.SlaTracker;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Probes that need only the hub's own records: dead letters, permits stuck before delivery, SLA. */
@Component
public class LedgerProbes {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SlaTracker sla;
    private final Duration stuckAfter;

    public LedgerProbes(JdbcClient jdbc, Clock clock, SlaTracker sla, SimpulProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.sla = sla;
        this.stuckAfter = properties.reconciliation().stuckAfter();
    }

    /** Dead letters still waiting: replay them. */
    public DiscrepancyProbe waitingDeadLetters() {
        return () -> jdbc.sql("SELECT id, nib, id_izin, target_id, error_class, error_message FROM dead_letter WHERE state = 'WAITING' ORDER BY id")
                .query((rs, n) -> new Discrepancy(Category.WAITING_IN_DLQ, rs.getString("nib"), rs.getString("id_izin"),
                        rs.getString("target_id"), rs.getString("error_class") + ": " + rs.getString("error_message"),
                        Fix.REPLAY, String.valueOf(rs.getLong("id"))))
                .list();
    }

    /**
     * Permits OSS routed to the region (the hub received them) whose latest version has not reached
     * its target for a while and is not in the dead-letter queue: push again.
     */
    public DiscrepancyProbe undelivered() {
        return () -> jdbc.sql("""
                SELECT l.id, l.nib, l.id_izin, l.target_id, l.state, l.updated_at
                  FROM sync_ledger l
                  JOIN (SELECT id_izin, MAX(version) AS v FROM sync_ledger GROUP BY id_izin) m
                    ON m.id_izin = l.id_izin AND m.v = l.version
                 WHERE l.state IN ('RECEIVED', 'RETRYING') AND l.updated_at < :before
                 ORDER BY l.id""")
                .param("before", Timestamp.from(clock.instant().minus(stuckAfter)))
                .query((rs, n) -> new Discrepancy(Category.IN_OSS_NOT_AT_TARGET, rs.getString("nib"),
                        rs.getString("id_izin"), rs.getString("target_id"),
                        "received from OSS but " + rs.getString("state") + " since " + rs.getTimestamp("updated_at").toInstant(),
                        Fix.REPUSH, String.valueOf(rs.getLong("id"))))
                .list();
    }

    /** Open permits past their service standard; nothing is safe to do automatically. */
    public DiscrepancyProbe pastServiceStandard() {
        return () -> sla.overdue().stream()
                .map(p -> new Discrepancy(Category.STUCK_PAST_SLA, p.nib(), p.idIzin(), null,
                        p.elapsedWorkingDays() + " of " + p.standardDays() + " working days, state " + p.state(),
                        Fix.NONE, null))
                .toList();
    }

    List<DiscrepancyProbe> all() {
        return List.of(waitingDeadLetters(), undelivered(), pastServiceStandard());
    }
}
