package id.simpul.g2g.query;

import id.simpul.canonical.CodeLists;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A permit's history for agencies: the ledger's trail (kinds and times; details only for the kinds
 * in {@link #DETAIL_SHOWN}, never internal errors) and its OSS statuses ({@code kd_status})
 * from every place the hub keeps them: statuses the exchange decided ({@code g2g_permit_status}),
 * with the state of their report to OSS, and what the back-sync reported from the targets' outputs
 * ({@code status_report}).
 */
@Component
public class StatusHistory {

    /**
     * The trail kinds whose detail an agency may read: the exchange's own steps, whose detail the hub
     * writes for agencies (which agency was asked, what it answered, the stage, the status recorded).
     * An allowlist, because every other kind's detail is written for the hub's staff: the back-sync's
     * {@code STATUS_FAILED} / {@code FINAL_FAILED} / {@code *_DEAD_LETTERED} carry connection errors
     * (hosts, addresses), OSS's replies and the target's reference, and {@code STATUS_SENT} /
     * {@code FINAL_SENT} OSS's reply and, when reconciliation re-sent a status, the staff member's name.
     * Those kinds still show, without detail; the status codes themselves are in {@link #statuses}.
     */
    static final Set<String> DETAIL_SHOWN = Set.of("RECOMMENDATION_REQUESTED", "RECOMMENDATION_APPROVED",
            "RECOMMENDATION_REJECTED", "RECOMMENDATION_MORE_INFO", "WORKFLOW_STAGE", "STATUS_RECORDED");

    private final JdbcClient jdbc;
    private volatile Boolean statusReportTable;

    public StatusHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Map<String, Object>> trail(String idIzin) {
        return jdbc.sql("""
                SELECT t.kind, t.detail, t.at, l.version FROM trail_event t LEFT JOIN sync_ledger l ON l.id = t.ledger_id
                 WHERE t.id_izin = :idIzin ORDER BY t.at, t.id""")
                .param("idIzin", idIzin)
                .query((rs, n) -> {
                    Map<String, Object> step = new LinkedHashMap<>();
                    String kind = rs.getString("kind");
                    step.put("at", rs.getTimestamp("at").toInstant().toString());
                    step.put("kind", kind);
                    int version = rs.getInt("version");
                    step.put("version", rs.wasNull() ? null : version);
                    if (DETAIL_SHOWN.contains(kind)) {
                        step.put("detail", rs.getString("detail"));
                    }
                    return step;
                }).list();
    }

    public List<Map<String, Object>> statuses(String idIzin) {
        // The hub's own statuses (target "hub") are the rows of g2g_permit_status, reported to OSS:
        // one entry each, carrying the report's state, not two.
        Map<String, String> hubReports = new LinkedHashMap<>();
        List<Map<String, Object>> reported = new ArrayList<>();
        if (hasStatusReportTable()) {
            jdbc.sql("""
                    SELECT kd_status, state, target_id, created_at FROM status_report WHERE id_izin = :idIzin
                     ORDER BY created_at, id""")
                    .param("idIzin", idIzin)
                    .query((rs, n) -> {
                        if ("hub".equals(rs.getString("target_id"))) {
                            hubReports.put(rs.getString("kd_status"), rs.getString("state"));
                        } else {
                            reported.add(status(rs.getString("kd_status"), rs.getTimestamp("created_at"), "back-sync",
                                    rs.getString("state")));
                        }
                        return null;
                    }).list();
        }
        List<Map<String, Object>> out = new ArrayList<>(jdbc.sql("""
                SELECT kd_status, created_at FROM g2g_permit_status WHERE id_izin = :idIzin ORDER BY created_at, id""")
                .param("idIzin", idIzin)
                .query((rs, n) -> status(rs.getString("kd_status"), rs.getTimestamp("created_at"), "hub",
                        hubReports.get(rs.getString("kd_status"))))
                .list());
        out.addAll(reported);
        return out;
    }

    private static Map<String, Object> status(String kdStatus, Timestamp at, String source, String reportState) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("kdStatus", kdStatus);
        s.put("statusName", CodeLists.pia().label(CodeLists.STATUS_IZIN, kdStatus).orElse(null));
        s.put("at", at.toInstant().toString());
        s.put("source", source);
        if (reportState != null) {
            s.put("reportedToOss", reportState);
        }
        return s;
    }

    private boolean hasStatusReportTable() {
        Boolean known = statusReportTable;
        if (known == null) {
            known = jdbc.sql("SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) = 'status_report'")
                    .query(Long.class).single() > 0;
            statusReportTable = known;
        }
        return known;
    }
}
