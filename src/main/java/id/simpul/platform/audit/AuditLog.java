package id.simpul.platform.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Append-only, hash-chained audit log (UU PDP Art. 31: a record of processing). Every operator
 * action and every access to unmasked personal data is one row. {@link #verify()} recomputes the
 * chain; a row changed or removed in the database breaks it from that row on.
 */
@Component
public class AuditLog {

    private final JdbcClient jdbc;
    private final Clock clock;

    public AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One event to record. {@code dataSubject} is a keyed hash of the person's identifier, never the NIK itself. */
    public record Event(String actor, String action, String subjectType, String subjectId, String dataSubject,
                        String details, String before, String after) {
    }

    public record Entry(long id, Instant at, String actor, String action, String subjectType, String subjectId,
                        String dataSubject, String details, String before, String after, String prevHash,
                        String hash) {
    }

    public record Verification(boolean intact, long rows, Long firstBrokenId, String problem) {
    }

    /** Appends in its own transaction, so an audit row is kept even when the audited action then fails. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Entry append(Event event) {
        return write(event);
    }

    /**
     * Appends inside the caller's transaction, which must exist: the row commits with the audited change or
     * not at all. The chain's head stays locked until that transaction ends, so callers append last.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Entry appendInTransaction(Event event) {
        return write(event);
    }

    private Entry write(Event event) {
        Map<String, Object> head = jdbc.sql("SELECT last_id, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE")
                .query().singleRow();
        long id = ((Number) head.get("last_id")).longValue() + 1;
        String prev = (String) head.get("last_hash");
        // Millisecond precision: what both stores keep exactly, so the hash verifies after a read.
        Instant at = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Entry entry = new Entry(id, at, event.actor(), event.action(), event.subjectType(), event.subjectId(),
                event.dataSubject(), truncate(event.details()), event.before(), event.after(), prev, null);
        String hash = hash(entry);
        jdbc.sql("""
                INSERT INTO audit_log (id, at, actor, action, subject_type, subject_id, data_subject, details,
                                       before_value, after_value, prev_hash, hash)
                VALUES (:id, :at, :actor, :action, :st, :sid, :ds, :details, :before, :after, :prev, :hash)""")
                .param("id", id).param("at", Timestamp.from(at)).param("actor", entry.actor())
                .param("action", entry.action()).param("st", entry.subjectType()).param("sid", entry.subjectId())
                .param("ds", entry.dataSubject()).param("details", entry.details()).param("before", entry.before())
                .param("after", entry.after()).param("prev", prev).param("hash", hash)
                .update();
        jdbc.sql("UPDATE audit_chain_head SET last_id = :id, last_hash = :hash WHERE id = 1")
                .param("id", id).param("hash", hash).update();
        return new Entry(id, at, entry.actor(), entry.action(), entry.subjectType(), entry.subjectId(),
                entry.dataSubject(), entry.details(), entry.before(), entry.after(), prev, hash);
    }

    /** Rows read at a time while verifying. */
    private static final int VERIFY_PAGE = 500;

    /**
     * Recomputes the whole chain from the first row, a page of rows at a time by id: the chain only grows (a
     * row per G2G request and per unmasked view), and holding all of it at once ran the hub out of heap
     * (LongAuditChainTest), which ends the process in the Docker image.
     */
    public Verification verify() {
        String prev = "0".repeat(64);
        long after = 0;
        while (true) {
            List<Entry> page = page(after);
            if (page.isEmpty()) {
                String head = jdbc.sql("SELECT last_hash FROM audit_chain_head WHERE id = 1").query(String.class).single();
                if (head.equals(prev)) {
                    return new Verification(true, after, null, null);
                }
                // Rows appended since the last page move the head on: read on. None: the newest rows are gone.
                if (!page(after).isEmpty()) {
                    continue;
                }
                return new Verification(false, after, null, "the newest rows were removed");
            }
            for (Entry row : page) {
                long expectedId = after + 1;
                if (row.id() != expectedId) {
                    return new Verification(false, after, row.id(), "row " + expectedId + " is missing");
                }
                if (!row.prevHash().equals(prev)) {
                    return new Verification(false, after, row.id(), "row " + row.id() + " does not follow row "
                            + (row.id() - 1));
                }
                if (!hash(row).equals(row.hash())) {
                    return new Verification(false, after, row.id(), "row " + row.id() + " was altered");
                }
                prev = row.hash();
                after = row.id();
            }
        }
    }

    private List<Entry> page(long after) {
        return jdbc.sql("SELECT * FROM audit_log WHERE id > :after ORDER BY id LIMIT :n").param("after", after)
                .param("n", VERIFY_PAGE).query(AuditLog::row).list();
    }

    public List<Entry> bySubject(String dataSubject) {
        return jdbc.sql("SELECT * FROM audit_log WHERE data_subject = :ds ORDER BY id").param("ds", dataSubject)
                .query(AuditLog::row).list();
    }

    public List<Entry> recent(int limit) {
        return jdbc.sql("SELECT * FROM audit_log ORDER BY id DESC LIMIT :n").param("n", limit)
                .query(AuditLog::row).list();
    }

    static String hash(Entry e) {
        String canonical = String.join("\u001f", String.valueOf(e.id()), e.at().toString(), nz(e.actor()),
                nz(e.action()), nz(e.subjectType()), nz(e.subjectId()), nz(e.dataSubject()), nz(e.details()),
                nz(e.before()), nz(e.after()), e.prevHash());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String nz(String s) {
        return s == null ? "\u0000" : s;
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 4000 ? s : s.substring(0, 3999) + "…";
    }

    private static Entry row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Entry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                rs.getString("action"), rs.getString("subject_type"), rs.getString("subject_id"),
                rs.getString("data_subject"), rs.getString("details"), rs.getString("before_value"),
                rs.getString("after_value"), rs.getString("prev_hash"), rs.getString("hash"));
    }
}
