package id.simpul.reconciliation.run;

import id.simpul.canonical.StatusProgress;
import id.simpul.platform.connector.oss.OssClient;
import id.simpul.platform.failure.SyncFailureException;
import id.simpul.reconciliation.ReportedStatuses;
import id.simpul.reconciliation.run.Discrepancy.Category;
import id.simpul.reconciliation.run.Discrepancy.Fix;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Compares where OSS says each permit stands with the last status of the region that OSS accepted
 * ({@link ReportedStatuses}). A difference offers re-sending the region's status when that moves OSS forward,
 * and is left to a person otherwise.
 * <p>
 * What OSS says comes from the OSS sweep's last {@code checkLicenseStatus} when that was made after
 * the report was sent ({@code oss_sweep_permit}); only the others are asked directly, newest report
 * first and at most {@link #MAX_CALLS_PER_RUN} per run. Asking OSS about every permit ever reported,
 * every hour, would grow without bound and lean on a national system the sweep already paces.
 */
@Component
public class OssStatusProbe implements DiscrepancyProbe {

    /** Direct {@code checkLicenseStatus} calls per run at most; the rest wait for the sweep or the next run. */
    static final int MAX_CALLS_PER_RUN = 200;

    private static final Logger log = LoggerFactory.getLogger(OssStatusProbe.class);

    private final ReportedStatuses statuses;
    private final OssClient oss;
    private final JdbcClient jdbc;
    private final int maxCalls;

    @Autowired
    public OssStatusProbe(ReportedStatuses statuses, OssClient oss, JdbcClient jdbc) {
        this(statuses, oss, jdbc, MAX_CALLS_PER_RUN);
    }

    OssStatusProbe(ReportedStatuses statuses, OssClient oss, JdbcClient jdbc, int maxCalls) {
        this.statuses = statuses;
        this.oss = oss;
        this.jdbc = jdbc;
        this.maxCalls = maxCalls;
    }

    private record Observed(String kdStatus, Instant at) {
    }

    @Override
    public List<Discrepancy> find() {
        Map<String, Observed> swept = sweepObservations();
        List<ReportedStatuses.Reported> sent = new ArrayList<>(statuses.lastSent());
        sent.sort(Comparator.comparing(ReportedStatuses.Reported::at).reversed());
        List<Discrepancy> out = new ArrayList<>();
        int calls = 0;
        int later = 0;
        for (ReportedStatuses.Reported r : sent) {
            Observed seen = swept.get(r.idIzin());
            String atOss;
            if (seen != null && seen.kdStatus() != null && !seen.at().isBefore(r.at())) {
                atOss = seen.kdStatus();
            } else if (calls < maxCalls) {
                calls++;
                try {
                    atOss = oss.checkLicenseStatus(r.idIzin()).kdStatus();
                } catch (SyncFailureException e) {
                    // OSS unknown or unreachable for this permit: the next run asks again.
                    log.info("reconciliation could not check id_izin={} at OSS: {}", r.idIzin(), e.getMessage());
                    continue;
                }
            } else {
                later++;
                continue;
            }
            if (atOss != null && !atOss.equals(r.kdStatus())) {
                out.add(differs(r, atOss));
            }
        }
        if (later > 0) {
            log.info("reconciliation asked OSS about {} permits; {} more wait for the OSS sweep or the next run",
                    calls, later);
        }
        return out;
    }

    /**
     * A re-send is offered only when the region's status is ahead of OSS's ({@link StatusProgress}): one that OSS
     * has moved past (50 after OSS issued the permit as 58), or that stands against it (an approval against a
     * refusal), would take OSS back or overrule it, so IT staff get the difference to settle instead.
     */
    static Discrepancy differs(ReportedStatuses.Reported r, String atOss) {
        String seen = "OSS shows kd_status " + atOss + ", the region reported " + r.kdStatus();
        if (StatusProgress.movesForward(r.kdStatus(), atOss)) {
            return new Discrepancy(Category.STATUS_DIFFERS, r.nib(), r.idIzin(), null, seen, Fix.RESEND_STATUS,
                    r.kdStatus());
        }
        String why = StatusProgress.compare(atOss, r.kdStatus()) == StatusProgress.Order.AHEAD
                ? ": OSS is ahead of the region, and re-sending would take it back"
                : ": neither is ahead of the other, and re-sending would overrule OSS";
        return new Discrepancy(Category.STATUS_DIFFERS, r.nib(), r.idIzin(), null, seen + why
                + "; not re-sent, check with the region which is right", Fix.NONE, null);
    }

    private Map<String, Observed> sweepObservations() {
        Map<String, Observed> out = new HashMap<>();
        jdbc.sql("SELECT id_izin, oss_kd_status, last_checked_at FROM oss_sweep_permit WHERE oss_kd_status IS NOT NULL")
                .query(rs -> {
                    out.put(rs.getString("id_izin"), new Observed(rs.getString("oss_kd_status"),
                            rs.getObject("last_checked_at", OffsetDateTime.class).toInstant()));
                });
        return out;
    }
}
