package id.simpul.g2g.recommendation;

import id.simpul.canonical.CanonicalSchemas;
import id.simpul.canonical.PermitStatus;
import id.simpul.delivery.HubStatusReports;
import id.simpul.platform.json.Json;
import id.simpul.platform.ledger.LedgerEntry;
import id.simpul.platform.ledger.SyncLedger;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@link PermitStatusSink}: one row per permit and {@code kd_status} (the G2G permit view's
 * statuses), a report for OSS through the status back-sync ({@code receiveLicenseStatus}), and a
 * trail event, all in the decision's transaction.
 */
@Component
public class StoredPermitStatuses implements PermitStatusSink {

    private final JdbcClient jdbc;
    private final SyncLedger ledger;
    private final Clock clock;
    private final HubStatusReports oss;

    public StoredPermitStatuses(JdbcClient jdbc, SyncLedger ledger, Clock clock, HubStatusReports oss) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.clock = clock;
        this.oss = oss;
    }

    @Override
    public boolean record(LedgerEntry entry, PermitStatus status) {
        String body = Json.write(status);
        List<String> errors = CanonicalSchemas.v1().validate("permit-status", Json.tree(body));
        if (!errors.isEmpty()) {
            throw new IllegalStateException("permit status breaks permit-status.v1: " + errors);
        }
        boolean recorded = jdbc.sql("SELECT COUNT(*) FROM g2g_permit_status WHERE id_izin = :i AND kd_status = :k")
                .param("i", entry.idIzin()).param("k", status.kdStatus()).query(Long.class).single() == 0;
        if (!recorded) {
            return false;
        }
        jdbc.sql("""
                INSERT INTO g2g_permit_status (ledger_id, id_izin, kd_status, body, created_at)
                VALUES (:ledger, :idIzin, :kd, :body, :now)""")
                .param("ledger", entry.id()).param("idIzin", entry.idIzin()).param("kd", status.kdStatus())
                .param("body", body).param("now", Timestamp.from(clock.instant())).update();
        String report = oss.report(entry, status, "g2g-recommendations")
                .map(id -> "queued for OSS as status report " + id)
                .orElse("OSS already has a report with this code");
        ledger.event(entry, "STATUS_RECORDED", "kd_status " + status.kdStatus() + " " + status.statusName()
                + (status.note() == null ? "" : ": " + status.note()) + " (" + report + ")");
        return true;
    }
}
