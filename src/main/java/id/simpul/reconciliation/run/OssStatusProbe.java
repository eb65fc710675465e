package id.simpul.reconciliation.run;

import id.simpul.platform.connector.oss.LicenseStatus;
import id.simpul.platform.connector.oss.OssClient;
import id.simpul.platform.failure.SyncFailureException;
import id.simpul.reconciliation.run.Discrepancy.Category;
import id.simpul.reconciliation.run.Discrepancy.Fix;
import id.simpul.reconciliation.ReportedStatuses;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Asks OSS (checkLicenseStatus, the sweep call) where each permit stands and compares it with the
 * last status of the region that OSS accepted ({@link ReportedStatuses}). A difference offers
 * re-sending the region's status.
 */
@Component
public class OssStatusProbe implements DiscrepancyProbe {

    private static final Logger log = LoggerFactory.getLogger(OssStatusProbe.class);

    private final ReportedStatuses statuses;
    private final OssClient oss;

    public OssStatusProbe(ReportedStatuses statuses, OssClient oss) {
        this.statuses = statuses;
        this.oss = oss;
    }

    @Override
    public List<Discrepancy> find() {
        List<Discrepancy> out = new ArrayList<>();
        for (ReportedStatuses.Reported r : statuses.lastSent()) {
            try {
                LicenseStatus atOss = oss.checkLicenseStatus(r.idIzin());
                if (atOss.kdStatus() != null && !atOss.kdStatus().equals(r.kdStatus())) {
                    out.add(new Discrepancy(Category.STATUS_DIFFERS, r.nib(), r.idIzin(), null,
                            "OSS shows kd_status " + atOss.kdStatus() + ", the region reported " + r.kdStatus(),
                            Fix.RESEND_STATUS, r.kdStatus()));
                }
            } catch (SyncFailureException e) {
                // OSS unknown or unreachable for this permit: the next run asks again.
                log.info("reconciliation could not check id_izin={} at OSS: {}", r.idIzin(), e.getMessage());
            }
        }
        return out;
    }
}
