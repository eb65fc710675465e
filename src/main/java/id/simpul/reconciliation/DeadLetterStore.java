package id.simpul.reconciliation;

import id.simpul.platform.security.StoredPayloads;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads and updates dead-letter records (written by {@link DeadLetters}). */
@Component
public class DeadLetterStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final Clock clock;
    /** The payload and the edits' diffs are sealed at rest (docs/operations.md, "Personal data in the store itself"). */
    private final StoredPayloads payloads;

    public DeadLetterStore(JdbcClient jdbc, JdbcTemplate jdbcTemplate, Clock clock, StoredPayloads payloads) {
        this.payloads = payloads;
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.clock = clock;
    }

    public record Page(List<DeadLetter> items, int page, int size, long total) {
    }

    public Page list(DeadLetterFilter filter, int page, int size) {
        DeadLetterFilter.Sql sql = filter.toSql(clock.instant());
        long total = bind(jdbc.sql("SELECT COUNT(*) FROM dead_letter" + sql.where()), sql.params())
                .query(Long.class).single();
        List<DeadLetter> items = bind(jdbc.sql("SELECT * FROM dead_letter" + sql.where()
                + " ORDER BY id DESC LIMIT :limit OFFSET :offset"), sql.params())
                .param("limit", size).param("offset", (long) page * size)
                .query(this::row).list();
        return new Page(items, page, size, total);
    }

    /**
     * Ids matching the filter, oldest first, after {@code afterId} and up to {@code upToId} (keyset
     * paging for bulk replay; the upper bound keeps a replay from reaching the dead letters its own
     * replays create).
     */
    public List<Long> ids(DeadLetterFilter filter, long afterId, long upToId, int limit) {
        DeadLetterFilter.Sql sql = filter.toSql(clock.instant());
        String range = "id > :afterId AND id <= :upToId";
        String where = sql.where().isEmpty() ? " WHERE " + range : sql.where() + " AND " + range;
        return bind(jdbc.sql("SELECT id FROM dead_letter" + where + " ORDER BY id LIMIT :limit"), sql.params())
                .param("afterId", afterId).param("upToId", upToId).param("limit", limit).query(Long.class).list();
    }

    /** The newest dead letter's id, 0 when there is none. */
    public long maxId() {
        return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM dead_letter").query(Long.class).single();
    }

    public long count(DeadLetterFilter filter) {
        DeadLetterFilter.Sql sql = filter.toSql(clock.instant());
        return bind(jdbc.sql("SELECT COUNT(*) FROM dead_letter" + sql.where()), sql.params()).query(Long.class).single();
    }

    public Optional<DeadLetter> find(long id) {
        return jdbc.sql("SELECT * FROM dead_letter WHERE id = :id").param("id", id).query(this::row)
                .optional();
    }

    public List<DeadLetter> findAll(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM dead_letter WHERE id IN (:ids) ORDER BY id").param("ids", ids)
                .query(this::row).list();
    }

    /**
     * Claims WAITING dead letters for a replay (WAITING to REPLAYED), one conditional update per row
     * in one batch; returns the ids this call claimed (others were handled meanwhile).
     */
    public List<Long> claimForReplay(List<Long> ids, String actor) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Timestamp now = Timestamp.from(clock.instant());
        int[] moved = jdbcTemplate.batchUpdate("""
                UPDATE dead_letter SET state = 'REPLAYED', replayed_at = ?, updated_at = ?, resolved_by = ?,
                       resolution = 'replayed' WHERE id = ? AND state = 'WAITING'""", ids, ids.size(), (ps, id) -> {
            ps.setTimestamp(1, now);
            ps.setTimestamp(2, now);
            ps.setString(3, actor);
            ps.setLong(4, id);
        })[0];
        List<Long> claimed = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            if (moved[i] != 0) {
                claimed.add(ids.get(i));
            }
        }
        return claimed;
    }

    /** Gives claimed dead letters back (the replay could not reach the broker): they wait again. */
    public void release(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("""
                UPDATE dead_letter SET state = 'WAITING', replayed_at = NULL, updated_at = :now, resolved_by = NULL,
                       resolution = NULL WHERE id IN (:ids) AND state = 'REPLAYED'""")
                .param("now", Timestamp.from(clock.instant())).param("ids", ids).update();
    }

    public boolean discard(long id, String actor, String reason) {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.sql("""
                UPDATE dead_letter SET state = 'DISCARDED', updated_at = :now, resolved_by = :actor,
                       resolution = :reason WHERE id = :id AND state = 'WAITING'""")
                .param("now", now).param("actor", actor).param("reason", reason).param("id", id).update() == 1;
    }

    public void updatePayload(long id, String payload) {
        jdbc.sql("UPDATE dead_letter SET payload = :p, updated_at = :now WHERE id = :id")
                .param("p", payloads.seal(payload)).param("now", Timestamp.from(clock.instant())).param("id", id).update();
    }

    public void recordEdit(long id, String actor, String diff) {
        jdbc.sql("INSERT INTO dead_letter_edit (dead_letter_id, actor, diff, at) VALUES (:id, :actor, :diff, :at)")
                .param("id", id).param("actor", actor).param("diff", payloads.seal(diff)).param("at", Timestamp.from(clock.instant()))
                .update();
    }

    public List<Map<String, Object>> edits(long id) {
        List<Map<String, Object>> edits = jdbc.sql("SELECT actor, diff, at FROM dead_letter_edit WHERE dead_letter_id = :id ORDER BY id")
                .param("id", id).query().listOfRows();
        edits.forEach(edit -> edit.computeIfPresent("diff", (column, diff) -> payloads.open((String) diff)));
        return edits;
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, Map<String, Object> params) {
        params.forEach(spec::param);
        return spec;
    }

    private DeadLetter row(ResultSet rs, int n) throws SQLException {
        long ledgerId = rs.getLong("ledger_id");
        Long ledger = rs.wasNull() ? null : ledgerId;
        return new DeadLetter(rs.getLong("id"), ledger, rs.getString("flow"), rs.getString("step"),
                rs.getString("target_id"), rs.getString("nib"), rs.getString("id_izin"), rs.getString("error_class"),
                rs.getString("error_type"), rs.getString("error_message"), rs.getInt("attempts"),
                payloads.open(rs.getString("payload")), rs.getString("headers"), rs.getString("state"), instant(rs, "created_at"),
                instant(rs, "updated_at"), instant(rs, "replayed_at"), rs.getString("resolved_by"),
                rs.getString("resolution"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
