package id.simpul.g2g.query;

import id.simpul.platform.region.Regions;
import id.simpul.platform.security.StoredPayloads;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Permits as agencies see them: the latest ledger version of each {@code id_izin}, always limited
 * to the regions the caller may see (the restriction is part of every query, never a filter
 * applied afterwards).
 */
@Component
public class PermitQueries {

    private static final String LATEST = """
            SELECT l.id, l.id_izin, l.nib, l.kd_daerah, l.version, l.state, l.received_at, l.updated_at, l.canonical
              FROM sync_ledger l
             WHERE l.version = (SELECT MAX(m.version) FROM sync_ledger m WHERE m.id_izin = l.id_izin)""";

    private final JdbcClient jdbc;
    private final StoredPayloads payloads;

    public PermitQueries(JdbcClient jdbc, StoredPayloads payloads) {
        this.jdbc = jdbc;
        this.payloads = payloads;
    }

    /** The latest version of a permit. */
    public record PermitRow(long ledgerId, String idIzin, String nib, String kdDaerah, int version, String state,
                            Instant receivedAt, Instant updatedAt, String canonical) {
        PermitCursor cursor() {
            return new PermitCursor(updatedAt, ledgerId);
        }
    }

    /** Filters of {@code GET /g2g/v1/permits}; null = not filtered. */
    public record Filter(String nib, String idIzin, String state, String regionPrefix, Instant updatedSince) {
    }

    /** One page in (updated_at, id) order after {@code after}; {@code limit + 1} rows tell whether more follow. */
    public List<PermitRow> page(Filter filter, List<String> visiblePrefixes, PermitCursor after, int limit) {
        if (visiblePrefixes.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder(LATEST);
        Map<String, Object> params = new LinkedHashMap<>();
        regionClause(sql, params, visiblePrefixes);
        if (filter.nib() != null) {
            sql.append(" AND l.nib = :nib");
            params.put("nib", filter.nib());
        }
        if (filter.idIzin() != null) {
            sql.append(" AND l.id_izin = :idIzin");
            params.put("idIzin", filter.idIzin());
        }
        if (filter.state() != null) {
            sql.append(" AND l.state = :state");
            params.put("state", filter.state());
        }
        if (filter.regionPrefix() != null) {
            sql.append(" AND l.kd_daerah LIKE :region");
            params.put("region", filter.regionPrefix() + "%");
        }
        if (filter.updatedSince() != null) {
            sql.append(" AND l.updated_at >= :since");
            params.put("since", Timestamp.from(filter.updatedSince()));
        }
        if (after != null) {
            sql.append(" AND (l.updated_at > :afterAt OR (l.updated_at = :afterAt AND l.id > :afterId))");
            params.put("afterAt", Timestamp.from(after.updatedAt()));
            params.put("afterId", after.ledgerId());
        }
        sql.append(" ORDER BY l.updated_at, l.id LIMIT :limit");
        params.put("limit", limit + 1);
        return jdbc.sql(sql.toString()).params(params).query(this::row).list();
    }

    /** The latest version of {@code idIzin}, if the caller may see its region. */
    public Optional<PermitRow> latest(String idIzin, List<String> visiblePrefixes) {
        return visible(LATEST + " AND l.id_izin = :idIzin", Map.of("idIzin", idIzin), visiblePrefixes).stream()
                .findFirst();
    }

    /** The latest version of every permit of a business that the caller may see, newest first. */
    public List<PermitRow> byNib(String nib, List<String> visiblePrefixes) {
        return visible(LATEST + " AND l.nib = :nib", Map.of("nib", nib), visiblePrefixes);
    }

    /**
     * The latest version of every permit whose canonical message names one of these master ids and that the
     * caller may see, newest first.
     */
    public List<PermitRow> byApplicantIds(Collection<String> applicantIds, List<String> visiblePrefixes) {
        if (applicantIds.isEmpty()) {
            return List.of();
        }
        return visible(LATEST + " AND l.applicant_id IN (:ids)", Map.of("ids", List.copyOf(applicantIds)),
                visiblePrefixes);
    }

    private List<PermitRow> visible(String base, Map<String, Object> given, List<String> visiblePrefixes) {
        if (visiblePrefixes.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder(base);
        Map<String, Object> params = new LinkedHashMap<>(given);
        regionClause(sql, params, visiblePrefixes);
        sql.append(" ORDER BY l.updated_at DESC, l.id DESC");
        return jdbc.sql(sql.toString()).params(params).query(this::row).list();
    }

    private static void regionClause(StringBuilder sql, Map<String, Object> params, List<String> prefixes) {
        sql.append(" AND ").append(Regions.sqlClause("l.kd_daerah", prefixes, "visible", params));
    }

    private PermitRow row(ResultSet rs, int n) throws SQLException {
        return new PermitRow(rs.getLong("id"), rs.getString("id_izin"), rs.getString("nib"), rs.getString("kd_daerah"),
                rs.getInt("version"), rs.getString("state"), rs.getTimestamp("received_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(), payloads.open(rs.getString("canonical")));
    }
}
