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
import com.fasterxml.jackson.annotation.JsonProperty;
import id.simpul.platform.SimpulProperties;
import id.simpul.platform.security.KeyFiles;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Append-only, hash-chained audit log (UU PDP Art. 31: a record of processing). Every operator
 * action and every access to unmasked personal data is one row. {@link #verify()} recomputes the
 * chain; a row changed or removed in the database breaks it from that row on.
 * <p>
 * Rows are chained with HMAC-SHA256 under the {@link AuditKey}, which the database does not hold: with plain
 * SHA-256 anyone who can write the database could change a row and recompute the rest of the chain. Rows
 * written before V67 keep their plain SHA-256 ({@code hash_alg}); each row is verified by its own algorithm,
 * and a plain row after the first keyed one is a downgrade, i.e. tampering (docs/adr/0008-keyed-audit-chain.md).
 */
@Component
public class AuditLog {

    /** How rows written before V67 were chained. */
    public static final String SHA256 = "SHA-256";
    /** How rows are chained since V67: under the audit key. */
    public static final String KEYED = "HMAC-SHA256";

    private final JdbcClient jdbc;
    private final Clock clock;
    /** Null only for a check that has no key ({@code verify-audit} without it): it then cannot append. */
    private final AuditKey key;

    @Autowired
    public AuditLog(JdbcClient jdbc, Clock clock, SimpulProperties properties, Environment environment) {
        this(jdbc, clock, AuditKey.load(KeyFiles.variable(environment, AuditKey.ENV), properties.dataDir()));
    }

    public AuditLog(JdbcClient jdbc, Clock clock, AuditKey key) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.key = key;
    }

    /** One event to record. {@code dataSubject} is a keyed hash of the person's identifier, never the NIK itself. */
    public record Event(String actor, String action, String subjectType, String subjectId, String dataSubject,
                        String details, String before, String after) {
    }

    public record Entry(long id, Instant at, String actor, String action, String subjectType, String subjectId,
                        String dataSubject, String details, String before, String after, String prevHash,
                        String hash, String hashAlg) {

        /**
         * The subject as people name it, the same in the API and on the console: "account budi", "dead-letter #7"
         * (a number reads as one), "data-subject". Only shown: the chain hashes the type and the id as written, so
         * rows of any age read so and still verify.
         */
        @JsonProperty("subject")
        public String subject() {
            if (subjectId == null || subjectId.isEmpty()) {
                return subjectType;
            }
            return subjectType + (subjectId.chars().allMatch(Character::isDigit) ? " #" : " ") + subjectId;
        }
    }

    /**
     * @param keyedFrom  the first row chained under the audit key (null: none yet); a later one than the last
     *                   check reported means the chain was rewritten
     * @param keyMissing the check had no audit key, so the keyed rows from {@code keyedFrom} on were not verified
     */
    public record Verification(boolean intact, long rows, Long firstBrokenId, String problem, Long keyedFrom,
                               boolean keyMissing) {
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
        if (key == null) {
            throw new IllegalStateException("no audit key: this audit log can only be verified");
        }
        Map<String, Object> head = jdbc.sql("SELECT last_id, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE")
                .query().singleRow();
        long id = ((Number) head.get("last_id")).longValue() + 1;
        String prev = (String) head.get("last_hash");
        // Millisecond precision: what both stores keep exactly, so the hash verifies after a read.
        Instant at = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        // Cut to the columns (V3): a subject named by the caller (a path id of 4,000 characters) is recorded, not
        // refused by the store, which failed the call with a 500 (and withheld a G2G answer) when it did not fit.
        Entry entry = new Entry(id, at, truncate(event.actor(), 120), truncate(event.action(), 80),
                truncate(event.subjectType(), 40), truncate(event.subjectId(), 120), event.dataSubject(),
                truncate(event.details(), 4000), event.before(), event.after(), prev, null, KEYED);
        String hash = key.mac(canonical(entry));
        jdbc.sql("""
                INSERT INTO audit_log (id, at, actor, action, subject_type, subject_id, data_subject, details,
                                       before_value, after_value, prev_hash, hash, hash_alg)
                VALUES (:id, :at, :actor, :action, :st, :sid, :ds, :details, :before, :after, :prev, :hash, :alg)""")
                .param("id", id).param("at", Timestamp.from(at)).param("actor", entry.actor())
                .param("action", entry.action()).param("st", entry.subjectType()).param("sid", entry.subjectId())
                .param("ds", entry.dataSubject()).param("details", entry.details()).param("before", entry.before())
                .param("after", entry.after()).param("prev", prev).param("hash", hash).param("alg", KEYED)
                .update();
        // The head holds the newest row's keyed hash: a head set to any other value does not verify.
        jdbc.sql("UPDATE audit_chain_head SET last_id = :id, last_hash = :hash, hash_alg = :alg WHERE id = 1")
                .param("id", id).param("hash", hash).param("alg", KEYED).update();
        return new Entry(id, at, entry.actor(), entry.action(), entry.subjectType(), entry.subjectId(),
                entry.dataSubject(), entry.details(), entry.before(), entry.after(), prev, hash, KEYED);
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
        Long keyedFrom = null;
        while (true) {
            List<Entry> page = page(after);
            if (page.isEmpty()) {
                Map<String, Object> head = jdbc.sql("SELECT last_hash, hash_alg FROM audit_chain_head WHERE id = 1")
                        .query().singleRow();
                if (head.get("last_hash").equals(prev)) {
                    if (keyedFrom != null && !KEYED.equals(head.get("hash_alg"))) {
                        return new Verification(false, after, null, "the chain head was downgraded to "
                                + head.get("hash_alg") + " after keyed rows", keyedFrom, false);
                    }
                    return new Verification(true, after, null, null, keyedFrom, false);
                }
                // Rows appended since the last page move the head on: read on. None: the newest rows are gone.
                if (!page(after).isEmpty()) {
                    continue;
                }
                return new Verification(false, after, null, "the newest rows were removed", keyedFrom, false);
            }
            for (Entry row : page) {
                long expectedId = after + 1;
                if (row.id() != expectedId) {
                    return new Verification(false, after, row.id(), "row " + expectedId + " is missing", keyedFrom,
                            false);
                }
                if (!row.prevHash().equals(prev)) {
                    return new Verification(false, after, row.id(), "row " + row.id() + " does not follow row "
                            + (row.id() - 1), keyedFrom, false);
                }
                if (KEYED.equals(row.hashAlg())) {
                    if (key == null) {
                        return new Verification(false, after, null, "rows from " + row.id() + " on are chained with"
                                + " the audit key (HMAC-SHA256) and cannot be verified without it: set "
                                + AuditKey.ENV + " or give the hub's data folder, which holds keys/audit.key ("
                                + after + " row(s) before them verify)", row.id(), true);
                    }
                    if (!key.mac(canonical(row)).equals(row.hash())) {
                        // Before any keyed row has verified, a wrong key and a rewritten row look alike.
                        return new Verification(false, after, row.id(), keyedFrom == null
                                ? "row " + row.id() + " does not verify under this audit key: the key is not the one"
                                        + " that chained the log (" + AuditKey.ENV + " or keys/audit.key), or the row"
                                        + " was altered"
                                : "row " + row.id() + " was altered", keyedFrom == null ? row.id() : keyedFrom,
                                false);
                    }
                    if (keyedFrom == null) {
                        keyedFrom = row.id();
                    }
                } else if (SHA256.equals(row.hashAlg())) {
                    if (keyedFrom != null) {
                        return new Verification(false, after, row.id(), "row " + row.id() + " is chained with plain"
                                + " SHA-256 after keyed row " + keyedFrom + ": it was rewritten without the audit key",
                                keyedFrom, false);
                    }
                    if (!hash(row).equals(row.hash())) {
                        return new Verification(false, after, row.id(), "row " + row.id() + " was altered", null,
                                false);
                    }
                } else {
                    return new Verification(false, after, row.id(), "row " + row.id() + " names no known chain"
                            + " algorithm", keyedFrom, false);
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

    /** A row's plain SHA-256, as rows were chained before V67. */
    static String hash(Entry e) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical(e).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String canonical(Entry e) {
        return String.join("\u001f", String.valueOf(e.id()), e.at().toString(), nz(e.actor()),
                nz(e.action()), nz(e.subjectType()), nz(e.subjectId()), nz(e.dataSubject()), nz(e.details()),
                nz(e.before()), nz(e.after()), e.prevHash());
    }

    private static String nz(String s) {
        return s == null ? "\u0000" : s;
    }

    private static String truncate(String s, int column) {
        return s == null || s.length() <= column ? s : s.substring(0, column - 1) + "…";
    }

    private static Entry row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Entry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                rs.getString("action"), rs.getString("subject_type"), rs.getString("subject_id"),
                rs.getString("data_subject"), rs.getString("details"), rs.getString("before_value"),
                rs.getString("after_value"), rs.getString("prev_hash"), rs.getString("hash"), rs.getString("hash_alg"));
    }
}
