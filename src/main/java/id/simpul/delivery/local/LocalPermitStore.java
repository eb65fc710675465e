package id.simpul.delivery.local;

import id.simpul.platform.ledger.LedgerSubjects;
import id.simpul.platform.region.Regions;
import id.simpul.platform.security.StoredPayloads;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The latest version of each office permit ({@code local_permit}). The only class that writes or reads the
 * {@code payload} column (the canonical local permit, with the applicant's NIK and contacts): it is sealed at rest
 * like the ledger's forms ({@link StoredPayloads}; docs/operations.md, "Personal data in the store itself").
 */
@Component
public class LocalPermitStore {

    private static final String COLUMNS = "id, target_id, local_number, kd_daerah, permit_type, status, nib, "
            + "applicant_id, content_hash, version, payload, first_seen_at, updated_at";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final StoredPayloads payloads;

    public LocalPermitStore(JdbcClient jdbc, Clock clock, StoredPayloads payloads) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.payloads = payloads;
    }

    /** One office permit as stored: its canonical form in {@code payload}. */
    public record Stored(long id, String targetId, String localNumber, String kdDaerah, String permitType,
                         String status, String nib, String applicantId, String contentHash, int version,
                         String payload, Instant firstSeenAt, Instant updatedAt) {
    }

    /** What to store: the canonical form and the columns read from it. */
    public record Change(String targetId, String localNumber, String kdDaerah, String permitType, String status,
                         String nib, String applicantId, String contentHash, String payload) {
    }

    public Optional<Stored> find(String targetId, String localNumber) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM local_permit WHERE target_id = :t AND local_number = :n")
                .param("t", targetId).param("n", localNumber).query(this::row).optional();
    }

    /**
     * Stores a new permit or a new version of one, with the NIKs its form carries in the data-subject index
     * ({@code local_permit_subject}, V74; rows of the version before replaced); returns it as stored. In the
     * caller's transaction.
     */
    public Stored save(Change c) {
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.sql("""
                UPDATE local_permit SET kd_daerah = :kd, permit_type = :type, status = :status, nib = :nib,
                       applicant_id = :applicant, content_hash = :hash, version = version + 1, payload = :payload,
                       updated_at = :now
                 WHERE target_id = :t AND local_number = :n""")
                .params(params(c)).param("now", now).update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO local_permit (target_id, local_number, kd_daerah, permit_type, status, nib, applicant_id,
                                              content_hash, version, payload, first_seen_at, updated_at)
                    VALUES (:t, :n, :kd, :type, :status, :nib, :applicant, :hash, 1, :payload, :now, :now)""")
                    .params(params(c)).param("now", now).update();
        }
        Stored saved = find(c.targetId(), c.localNumber()).orElseThrow();
        index(saved.id(), c.payload());
        return saved;
    }

    /** The same rule and the same keyed hash as the ledger's index, so one export query shape finds both. */
    private void index(long id, String canonicalJson) {
        jdbc.sql("DELETE FROM local_permit_subject WHERE local_permit_id = :id").param("id", id).update();
        for (String nik : LedgerSubjects.niks(canonicalJson)) {
            jdbc.sql("INSERT INTO local_permit_subject (subject_hash, local_permit_id) VALUES (:h, :id)")
                    .param("h", payloads.subjectHash(nik)).param("id", id).update();
        }
    }

    private Map<String, Object> params(Change c) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("t", c.targetId());
        p.put("n", c.localNumber());
        p.put("kd", c.kdDaerah());
        p.put("type", c.permitType());
        p.put("status", c.status());
        p.put("nib", c.nib());
        p.put("applicant", c.applicantId());
        p.put("hash", c.contentHash());
        p.put("payload", payloads.seal(c.payload()));
        return p;
    }

    /**
     * Filters of the agencies' list; null = not filtered. {@code applicantIds}: a master and the ids merged into it
     * (a permit keeps the id its applicant had when it was taken).
     */
    public record Filter(String status, String permitType, String regionPrefix, Collection<String> applicantIds,
                         Instant updatedSince) {
    }

    /**
     * One page in (updated_at, id) order after ({@code afterAt}, {@code afterId}) of the permits in the caller's
     * regions (the restriction is part of the query); {@code limit + 1} rows tell whether more follow.
     */
    public List<Stored> page(Filter filter, List<String> visiblePrefixes, Instant afterAt, Long afterId, int limit) {
        if (visiblePrefixes.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM local_permit l WHERE ");
        Map<String, Object> params = new LinkedHashMap<>();
        sql.append(Regions.sqlClause("l.kd_daerah", visiblePrefixes, "visible", params));
        if (filter.status() != null) {
            sql.append(" AND l.status = :status");
            params.put("status", filter.status());
        }
        if (filter.permitType() != null) {
            sql.append(" AND l.permit_type = :type");
            params.put("type", filter.permitType());
        }
        if (filter.regionPrefix() != null) {
            sql.append(" AND l.kd_daerah LIKE :region");
            params.put("region", filter.regionPrefix() + "%");
        }
        if (filter.applicantIds() != null) {
            sql.append(" AND l.applicant_id IN (:applicants)");
            params.put("applicants", List.copyOf(filter.applicantIds()));
        }
        if (filter.updatedSince() != null) {
            sql.append(" AND l.updated_at >= :since");
            params.put("since", Timestamp.from(filter.updatedSince()));
        }
        if (afterAt != null && afterId != null) {
            sql.append(" AND (l.updated_at > :afterAt OR (l.updated_at = :afterAt AND l.id > :afterId))");
            params.put("afterAt", Timestamp.from(afterAt));
            params.put("afterId", afterId);
        }
        sql.append(" ORDER BY l.updated_at, l.id LIMIT :limit");
        params.put("limit", limit + 1);
        return jdbc.sql(sql.toString()).params(params).query(this::row).list();
    }

    /** One permit, if the caller may see its region. */
    public Optional<Stored> visible(String targetId, String localNumber, List<String> visiblePrefixes) {
        if (visiblePrefixes.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("t", targetId);
        params.put("n", localNumber);
        String region = Regions.sqlClause("kd_daerah", visiblePrefixes, "visible", params);
        return jdbc.sql("SELECT " + COLUMNS + " FROM local_permit WHERE target_id = :t AND local_number = :n AND "
                + region).params(params).query(this::row).optional();
    }

    /**
     * The permits filed under any of these master ids in the caller's regions (the restriction is part of the
     * query), newest first. Not paged: one applicant's permits are few.
     */
    public List<Stored> byApplicantIds(Collection<String> applicantIds, List<String> visiblePrefixes) {
        if (applicantIds.isEmpty() || visiblePrefixes.isEmpty()) {
            return List.of();
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("ids", List.copyOf(applicantIds));
        String region = Regions.sqlClause("kd_daerah", visiblePrefixes, "visible", params);
        return jdbc.sql("SELECT " + COLUMNS + " FROM local_permit WHERE applicant_id IN (:ids) AND " + region
                + " ORDER BY updated_at DESC, id DESC").params(params).query(this::row).list();
    }

    /** Every permit filed under any of these master ids, whatever its region (for a split to re-file them). */
    public List<Stored> filedUnder(Collection<String> applicantIds) {
        if (applicantIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM local_permit WHERE applicant_id IN (:ids) ORDER BY id")
                .param("ids", List.copyOf(applicantIds)).query(this::row).list();
    }

    /**
     * Files a permit under another master: its applicant's source record was split off the master it was filed
     * under. Only the column moves, as for the ledger's permits: the stored form keeps the id it was taken with, and
     * neither version nor {@code updated_at} changes (the office's permit did not).
     *
     * @return false when the permit is no longer filed under {@code from} (moved already)
     */
    public boolean reassignApplicant(long id, String from, String to) {
        return jdbc.sql("UPDATE local_permit SET applicant_id = :to WHERE id = :id AND applicant_id = :from")
                .param("to", to).param("from", from).param("id", id).update() == 1;
    }

    /**
     * The staff console's list: every region (staff see all of them), newest first by {@code updated_at}; a null
     * filter is not applied.
     */
    public List<Stored> newest(String targetId, String permitType, String status, int offset, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = staffFilter(targetId, permitType, status, params);
        params.put("limit", limit);
        params.put("offset", offset);
        return jdbc.sql("SELECT " + COLUMNS + " FROM local_permit" + where
                + " ORDER BY updated_at DESC, id DESC LIMIT :limit OFFSET :offset").params(params).query(this::row).list();
    }

    /** How many permits {@link #newest} pages through. */
    public long count(String targetId, String permitType, String status) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = staffFilter(targetId, permitType, status, params);
        return jdbc.sql("SELECT COUNT(*) FROM local_permit" + where).params(params).query(Long.class).single();
    }

    private static String staffFilter(String targetId, String permitType, String status, Map<String, Object> params) {
        List<String> and = new java.util.ArrayList<>();
        if (targetId != null) {
            and.add("target_id = :t");
            params.put("t", targetId);
        }
        if (permitType != null) {
            and.add("permit_type = :type");
            params.put("type", permitType);
        }
        if (status != null) {
            and.add("status = :status");
            params.put("status", status);
        }
        return and.isEmpty() ? "" : " WHERE " + String.join(" AND ", and);
    }

    /** Stored permits per target, for the poll state. */
    public Map<String, Long> countByTarget() {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("SELECT target_id, COUNT(*) AS n FROM local_permit GROUP BY target_id ORDER BY target_id")
                .query(rs -> {
                    counts.put(rs.getString("target_id"), rs.getLong("n"));
                });
        return counts;
    }

    private Stored row(ResultSet rs, int n) throws SQLException {
        return new Stored(rs.getLong("id"), rs.getString("target_id"), rs.getString("local_number"),
                rs.getString("kd_daerah"), rs.getString("permit_type"), rs.getString("status"), rs.getString("nib"),
                rs.getString("applicant_id"), rs.getString("content_hash"), rs.getInt("version"),
                payloads.open(rs.getString("payload")), rs.getTimestamp("first_seen_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
