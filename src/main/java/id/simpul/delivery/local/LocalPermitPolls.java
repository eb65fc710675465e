package id.simpul.delivery.local;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Where the poll of each office's list stands ({@code local_permit_poll}): its cursor, last error and counts. */
@Component
public class LocalPermitPolls {

    private final JdbcClient jdbc;
    private final Clock clock;

    public LocalPermitPolls(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One target's poll state. */
    public record PollState(String targetId, String cursor, Instant lastPolledAt, Instant lastSuccessAt,
                            String lastError, Instant lastErrorAt, long itemsRead, long itemsStored,
                            long itemsUnchanged, long itemsFailed) {
    }

    /** The office's cursor to ask from; empty before the first read. */
    public String cursor(String targetId) {
        return jdbc.sql("SELECT next_cursor FROM local_permit_poll WHERE target_id = :t").param("t", targetId)
                .query(String.class).optional().orElse("");
    }

    /** A page was read and its items queued: the cursor moves on. */
    public void advanced(String targetId, String cursor, int items) {
        ensure(targetId);
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                UPDATE local_permit_poll SET next_cursor = :c, last_polled_at = :now, last_success_at = :now,
                       items_read = items_read + :items WHERE target_id = :t""")
                .param("c", cursor == null ? "" : cursor).param("now", now).param("items", items).param("t", targetId)
                .update();
    }

    /** A read failed: the cursor stays, the error (already free of personal data) is kept for IT staff. */
    public void failed(String targetId, String error) {
        ensure(targetId);
        Timestamp now = Timestamp.from(clock.instant());
        String text = error == null ? "unknown" : error.length() > 1000 ? error.substring(0, 999) + "…" : error;
        jdbc.sql("""
                UPDATE local_permit_poll SET last_polled_at = :now, last_error = :e, last_error_at = :now
                 WHERE target_id = :t""")
                .param("now", now).param("e", text).param("t", targetId).update();
    }

    /** Counts what became of one item: {@code items_stored}, {@code items_unchanged} or {@code items_failed}. */
    public void counted(String targetId, Outcome outcome) {
        ensure(targetId);
        jdbc.sql("UPDATE local_permit_poll SET " + outcome.column + " = " + outcome.column + " + 1 WHERE target_id = :t")
                .param("t", targetId).update();
    }

    /** What became of one item the office listed. */
    public enum Outcome {
        NEW("items_stored"), CHANGED("items_stored"), UNCHANGED("items_unchanged"), FAILED("items_failed");

        private final String column;

        Outcome(String column) {
            this.column = column;
        }
    }

    public List<PollState> all() {
        return jdbc.sql("SELECT * FROM local_permit_poll ORDER BY target_id").query((rs, n) -> new PollState(
                rs.getString("target_id"), rs.getString("next_cursor"), instant(rs.getTimestamp("last_polled_at")),
                instant(rs.getTimestamp("last_success_at")), rs.getString("last_error"),
                instant(rs.getTimestamp("last_error_at")), rs.getLong("items_read"), rs.getLong("items_stored"),
                rs.getLong("items_unchanged"), rs.getLong("items_failed"))).list();
    }

    private void ensure(String targetId) {
        Integer known = jdbc.sql("SELECT COUNT(*) FROM local_permit_poll WHERE target_id = :t").param("t", targetId)
                .query(Integer.class).single();
        if (known == 0) {
            try {
                jdbc.sql("INSERT INTO local_permit_poll (target_id, next_cursor) VALUES (:t, '')").param("t", targetId)
                        .update();
            } catch (org.springframework.dao.DuplicateKeyException e) {
                // The poller and the item consumer met at the first item: the row is there, which is all we need.
            }
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
