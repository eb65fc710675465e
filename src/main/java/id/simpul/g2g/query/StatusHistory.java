package id.simpul.g2g.query;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.canonical.CodeLists;
import id.simpul.delivery.StatusReports;
import id.simpul.platform.json.Json;
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
 * ({@code status_report}): which call, its state and when OSS took it, and for an issued permit its
 * number and dates. That is what {@code STATUS_SENT} / {@code FINAL_SENT} tell an agency, without their
 * detail (OSS's reply, the target's reference, a staff member's name).
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
                SELECT t.kind, t.detail, t.at, l.version, t.id FROM trail_event t JOIN sync_ledger l ON l.id = t.ledger_id
                 WHERE l.id_izin = :idIzin
                UNION ALL
                SELECT o.kind, o.detail, o.at, CAST(NULL AS INTEGER), o.id FROM trail_orphan o WHERE o.id_izin = :idIzin
                 ORDER BY 3, 5""")
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
        Map<String, Report> hubReports = new LinkedHashMap<>();
        List<Map<String, Object>> reported = new ArrayList<>();
        if (hasStatusReportTable()) {
            jdbc.sql("""
                    SELECT kd_status, kind, state, target_id, payload, created_at, sent_at FROM status_report
                     WHERE id_izin = :idIzin ORDER BY created_at, id""")
                    .param("idIzin", idIzin)
                    .query((rs, n) -> {
                        Report report = new Report(rs.getString("kind"), rs.getString("state"),
                                rs.getTimestamp("sent_at"), rs.getString("payload"));
                        if ("hub".equals(rs.getString("target_id"))) {
                            hubReports.put(rs.getString("kd_status"), report);
                        } else {
                            reported.add(status(rs.getString("kd_status"), rs.getTimestamp("created_at"), "back-sync",
                                    report));
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

    /** A {@code status_report} row: which call (STATUS, FINAL), its state, when OSS took it, what was sent. */
    private record Report(String kind, String state, Timestamp sentAt, String payload) {
    }

    private static Map<String, Object> status(String kdStatus, Timestamp at, String source, Report report) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("kdStatus", kdStatus);
        s.put("statusName", CodeLists.pia().label(CodeLists.STATUS_IZIN, kdStatus).orElse(null));
        s.put("at", at.toInstant().toString());
        s.put("source", source);
        if (report != null) {
            s.put("report", report.kind());
            s.put("reportedToOss", report.state());
            s.put("sentAt", report.sentAt() == null ? null : report.sentAt().toInstant().toString());
            if (StatusReports.FINAL.equals(report.kind())) {
                issued(s, report.payload());
            }
        }
        return s;
    }

    /**
     * Of the IZINFINAL sent to OSS, what the issued permit itself states publicly: its number and dates. Not
     * the rest of the payload (the signer's name and NIP, the file's address) nor OSS's reply.
     */
    private static void issued(Map<String, Object> s, String payload) {
        JsonNode izin;
        try {
            izin = Json.tree(payload).path("IZINFINAL");
        } catch (RuntimeException e) {
            return; // a payload the hub wrote itself; unreadable, it shows without the permit's number
        }
        for (String[] field : ISSUED_FIELDS) {
            String value = izin.path(field[0]).asText("");
            if (!value.isBlank()) {
                s.put(field[1], value);
            }
        }
    }

    /** IZINFINAL field → the name agencies read it by. */
    private static final String[][] ISSUED_FIELDS = {{"nomor_izin", "permitNumber"}, {"tgl_terbit_izin", "issuedOn"},
            {"tgl_berlaku_izin", "validUntil"}};

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
