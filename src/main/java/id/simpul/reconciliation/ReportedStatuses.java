package id.simpul.reconciliation;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The kd_status values each permit's region reported, as back-sync recorded them ({@code status_report},
 * one row per permit, kind and status). The one place the SLA clock and the OSS status probe read
 * them from, instead of parsing trail text.
 */
@Component
public class ReportedStatuses {

    private final JdbcClient jdbc;

    public ReportedStatuses(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A status the region reported; {@code at} is when the hub saw it (or, for {@link #lastSent}, when OSS took it). */
    public record Reported(String nib, String idIzin, String kdStatus, Instant at) {
    }

    /** Every status reported for each permit, oldest first, whether OSS has taken it yet or not. */
    public Map<String, List<Reported>> byPermit() {
        Map<String, List<Reported>> out = new HashMap<>();
        jdbc.sql("SELECT nib, id_izin, kd_status, created_at FROM status_report ORDER BY created_at, id")
                .query((rs, n) -> new Reported(rs.getString("nib"), rs.getString("id_izin"), rs.getString("kd_status"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .list().forEach(r -> out.computeIfAbsent(r.idIzin(), k -> new ArrayList<>()).add(r));
        return out;
    }

    /** The last status OSS accepted for this permit, now. */
    public java.util.Optional<String> lastSent(String idIzin) {
        return jdbc.sql("""
                        SELECT kd_status FROM status_report WHERE state = 'SENT' AND id_izin = :i
                         ORDER BY sent_at DESC, id DESC LIMIT 1""")
                .param("i", idIzin).query(String.class).optional();
    }

    /** For each permit, the last status OSS accepted. */
    public List<Reported> lastSent() {
        Map<String, Reported> latest = new LinkedHashMap<>();
        jdbc.sql("SELECT nib, id_izin, kd_status, sent_at FROM status_report WHERE state = 'SENT' ORDER BY sent_at, id")
                .query((rs, n) -> new Reported(rs.getString("nib"), rs.getString("id_izin"), rs.getString("kd_status"),
                        rs.getObject("sent_at", OffsetDateTime.class).toInstant()))
                .list().forEach(r -> latest.put(r.idIzin(), r));
        return new ArrayList<>(latest.values());
    }
}
