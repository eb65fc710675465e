package id.simpul.reconciliation.run;

import id.simpul.platform.connector.oss.LicenseStatus;
import id.simpul.platform.connector.oss.OssClient;
import id.simpul.platform.failure.SyncFailureException;
import id.simpul.reconciliation.run.Discrepancy.Category;
import id.simpul.reconciliation.run.Discrepancy.Fix;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Asks OSS (checkLicenseStatus, the sweep call) where each permit stands and compares it with the
 * last status the region reported (trail events carrying {@code kd_status NN}). A difference offers
 * re-sending the region's status.
 */
@Component
public class OssStatusProbe implements DiscrepancyProbe {

    private static final Logger log = LoggerFactory.getLogger(OssStatusProbe.class);
    private static final Pattern KD_STATUS = Pattern.compile("kd_status\\D{0,3}(\\d{2})");

    private final JdbcClient jdbc;
    private final OssClient oss;

    public OssStatusProbe(JdbcClient jdbc, OssClient oss) {
        this.jdbc = jdbc;
        this.oss = oss;
    }

    record Reported(String nib, String idIzin, String kdStatus) {
    }

    @Override
    public List<Discrepancy> find() {
        List<Discrepancy> out = new ArrayList<>();
        for (Reported r : lastReported()) {
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

    /** The last kd_status the hub reported to OSS for each permit. */
    List<Reported> lastReported() {
        List<Reported> out = new ArrayList<>();
        java.util.Map<String, Reported> latest = new java.util.LinkedHashMap<>();
        jdbc.sql("""
                SELECT nib, id_izin, detail FROM trail_event
                 WHERE kind IN ('STATUS_SENT', 'FINAL_SENT') AND detail LIKE '%kd_status%' ORDER BY at, id""")
                .query((rs, n) -> {
                    Matcher m = KD_STATUS.matcher(rs.getString("detail"));
                    if (m.find()) {
                        latest.put(rs.getString("id_izin"), new Reported(rs.getString("nib"), rs.getString("id_izin"), m.group(1)));
                    }
                    return null;
                }).list();
        out.addAll(latest.values());
        return out;
    }
}
