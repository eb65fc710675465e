package id.simpul.reconciliation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Filters for listing and bulk-replaying dead letters. Every condition is a fixed SQL fragment with
 * a named parameter: values never become SQL text.
 *
 * @param olderThan only dead letters created at least this long ago
 */
public record DeadLetterFilter(String flow, String targetId, String errorClass, Duration olderThan, String nib,
                               String idIzin, String state) {

    record Sql(String where, Map<String, Object> params) {
    }

    Sql toSql(Instant now) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        add(conditions, params, "flow", flow);
        add(conditions, params, "target_id", targetId);
        add(conditions, params, "error_class", errorClass);
        add(conditions, params, "nib", nib);
        add(conditions, params, "id_izin", idIzin);
        add(conditions, params, "state", state);
        if (olderThan != null) {
            conditions.add("created_at <= :createdBefore");
            params.put("createdBefore", java.sql.Timestamp.from(now.minus(olderThan)));
        }
        return new Sql(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), params);
    }

    private static void add(List<String> conditions, Map<String, Object> params, String column, String value) {
        if (value != null && !value.isBlank()) {
            conditions.add(column + " = :" + column);
            params.put(column, value.strip());
        }
    }
}
