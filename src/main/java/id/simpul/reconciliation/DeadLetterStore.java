package id.simpul.reconciliation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads and updates dead-letter records (written by {@link DeadLetters}). */
@Component
public class DeadLetterStore {

    private final JdbcClient jdbc;
    private final Clock clock;

    public DeadLetterStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
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
                .query(DeadLetterStore::row).list();
        return new Page(items, page, size, total);
    }

    /** Ids matching the filter, oldest first, after {@code afterId} (keyset paging for bulk replay). */
    public List<Long> ids(DeadLetterFilter filter, long afterId, int limit) {
        DeadLetterFilter.Sql sql = filter.toSql(clock.instant());
        String where = sql.where().isEmpty() ? " WHERE id > :afterId" : sql.where() + " AND id > :afterId";
        return bind(jdbc.sql("SELECT id FROM dead_letter" + where + " ORDER BY id LIMIT :limit"), sql.params())
                .param("afterId", afterId).param("limit", limit).query(Long.class).list();
    }

    public long count(DeadLetterFilter filter) {
        DeadLetterFilter.Sql sql = filter.toSql(clock.instant());
        return bind(jdbc.sql("SELECT COUNT(*) FROM dead_letter" + sql.where()), sql.params()).query(Long.class).single();
    }

    public Optional<DeadLetter> find(long id) {
        return jdbc.sql("SELECT * FROM dead_letter WHERE id = :id").param("id", id).query(DeadLetterStore::row)
                .optional();
    }

    public List<DeadLetter> findAll(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM dead_letter WHERE id IN (:ids) ORDER BY id").param("ids", ids)
                .query(DeadLetterStore::row).list();
    }

    /** Moves WAITING dead letters to REPLAYED; returns how many moved (others were handled meanwhile). */
    public int markReplayed(List<Long> ids, String actor) {
        if (ids.isEmpty()) {
            return 0;
        }
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.sql("""
                UPDATE dead_letter SET state = 'REPLAYED', replayed_at = :now, updated_at = :now, resolved_by = :actor,
                       resolution = 'replayed' WHERE id IN (:ids) AND state = 'WAITING'""")
                .param("now", now).param("actor", actor).param("ids", ids).update();
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
                .param("p", payload).param("now", Timestamp.from(clock.instant())).param("id", id).update();
    }

    public void recordEdit(long id, String actor, String diff) {
        jdbc.sql("INSERT INTO dead_letter_edit (dead_letter_id, actor, diff, at) VALUES (:id, :actor, :diff, :at)")
                .param("id", id).param("actor", actor).param("diff", diff).param("at", Timestamp.from(clock.instant()))
                .update();
    }

    public List<Map<String, Object>> edits(long id) {
        return jdbc.sql("SELECT actor, diff, at FROM dead_letter_edit WHERE dead_letter_id = :id ORDER BY id")
                .param("id", id).query().listOfRows();
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, Map<String, Object> params) {
        params.forEach(spec::param);
        return spec;
    }

    static DeadLetter row(ResultSet rs, int n) throws SQLException {
        long ledgerId = rs.getLong("ledger_id");
        Long ledger = rs.wasNull() ? null : ledgerId;
        return new DeadLetter(rs.getLong("id"), ledger, rs.getString("flow"), rs.getString("step"),
                rs.getString("target_id"), rs.getString("nib"), rs.getString("id_izin"), rs.getString("error_class"),
                rs.getString("error_type"), rs.getString("error_message"), rs.getInt("attempts"),
                rs.getString("payload"), rs.getString("headers"), rs.getString("state"), instant(rs, "created_at"),
                instant(rs, "updated_at"), instant(rs, "replayed_at"), rs.getString("resolved_by"),
                rs.getString("resolution"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
