package id.simpul.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The audit chain is keyed (HMAC-SHA256 under the audit key, docs/adr/0008): with plain SHA-256 a DBA could change a
 * row, recompute the chain after it and {@code verify()} said "intact". Real H2 with the hub's migrations.
 */
class AuditChainKeyTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T03:04:05Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    JdbcClient jdbc;
    AuditLog audit;

    /** The migrated store; {@link AuditChainKeyIT} gives PostgreSQL. */
    DataSource store() {
        DataSource store = new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:file:" + dir.resolve("simpul")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "simpul", "");
        Flyway.configure().dataSource(store).locations("classpath:db/migration").load().migrate();
        return store;
    }

    @BeforeEach
    void setUp() {
        jdbc = JdbcClient.create(store());
        audit = new AuditLog(jdbc, CLOCK, TestAuditKeys.KEY);
    }

    @Test
    void aChainRewrittenWithPlainSha256FailsAtTheFirstRewrittenRow() {
        append(4);
        // A DBA without the key hides row 3's actor and recomputes the chain from there with plain SHA-256.
        jdbc.sql("UPDATE audit_log SET actor = 'someone.else' WHERE id = 3").update();
        rechainWithSha256(3, false);

        AuditLog.Verification v = audit.verify();

        assertThat(v.intact()).as(v.toString()).isFalse();
        assertThat(v.firstBrokenId()).isEqualTo(3L);
        assertThat(v.problem()).isEqualTo("row 3 was altered");
    }

    @Test
    void rowsRewrittenAsPlainSha256AfterAKeyedRowAreADowngrade() {
        append(4);
        jdbc.sql("UPDATE audit_log SET actor = 'someone.else' WHERE id = 3").update();
        rechainWithSha256(3, true);

        AuditLog.Verification v = audit.verify();

        assertThat(v.intact()).as(v.toString()).isFalse();
        assertThat(v.firstBrokenId()).isEqualTo(3L);
        assertThat(v.problem()).contains("plain SHA-256 after keyed row 1").contains("without the audit key");
    }

    @Test
    void aChainHeadDowngradedToPlainSha256IsCaught() {
        append(2);
        jdbc.sql("UPDATE audit_chain_head SET hash_alg = 'SHA-256'").update();

        AuditLog.Verification v = audit.verify();

        assertThat(v.intact()).isFalse();
        assertThat(v.problem()).contains("head was downgraded");
    }

    @Test
    void legacyRowsFollowedByKeyedRowsVerifyEachByItsOwnAlgorithm() {
        legacyRows(3);
        append(2);

        AuditLog.Verification v = audit.verify();

        assertThat(v.intact()).as(v.toString()).isTrue();
        assertThat(v.rows()).isEqualTo(5);
        assertThat(v.keyedFrom()).isEqualTo(4L);
        assertThat(jdbc.sql("SELECT hash_alg FROM audit_log ORDER BY id").query(String.class).list())
                .containsExactly("SHA-256", "SHA-256", "SHA-256", "HMAC-SHA256", "HMAC-SHA256");
        assertThat(jdbc.sql("SELECT hash_alg FROM audit_chain_head").query(String.class).single())
                .isEqualTo("HMAC-SHA256");
    }

    @Test
    void aLegacyRowAlteredBeforeTheKeyedRowsIsStillCaught() {
        legacyRows(3);
        append(2);
        jdbc.sql("UPDATE audit_log SET details = 'nothing happened' WHERE id = 2").update();

        AuditLog.Verification v = audit.verify();

        assertThat(v.intact()).isFalse();
        assertThat(v.firstBrokenId()).isEqualTo(2L);
    }

    @Test
    void aLegacyChainWithNoKeyedRowYetVerifiesWithoutTheKey() {
        legacyRows(3);

        AuditLog.Verification v = new AuditLog(jdbc, CLOCK, (AuditKey) null).verify();

        assertThat(v.intact()).isTrue();
        assertThat(v.keyedFrom()).isNull();
    }

    @Test
    void withoutTheKeyTheKeyedRowsAreReportedUnverifiedNotIntact() {
        legacyRows(2);
        append(2);

        AuditLog.Verification v = new AuditLog(jdbc, CLOCK, (AuditKey) null).verify();

        assertThat(v.intact()).isFalse();
        assertThat(v.keyMissing()).isTrue();
        assertThat(v.keyedFrom()).isEqualTo(3L);
        assertThat(v.firstBrokenId()).isNull();
        assertThat(v.problem()).contains("rows from 3 on").contains("cannot be verified without it")
                .contains(AuditKey.ENV).contains("2 row(s) before them verify");
    }

    @Test
    void aWrongKeyFailsAtTheFirstKeyedRowAndSaysTheKeyMayBeWrong() {
        legacyRows(1);
        append(3);

        AuditLog.Verification v = new AuditLog(jdbc, CLOCK, TestAuditKeys.OTHER).verify();

        assertThat(v.intact()).isFalse();
        assertThat(v.keyMissing()).isFalse();
        assertThat(v.firstBrokenId()).isEqualTo(2L);
        assertThat(v.problem()).contains("does not verify under this audit key")
                .contains("not the one that chained the log");
    }

    private void append(int n) {
        for (int i = 1; i <= n; i++) {
            audit.append(new AuditLog.Event("siti.operator", "DEAD_LETTER_REPLAYED", "dead-letter", "dl-" + i, null,
                    "replay " + i, null, null));
        }
    }

    private void legacyRows(int n) {
        legacyRows(jdbc, n);
    }

    /** Rows as a build before V67 wrote them: plain SHA-256, hash_alg left to the migration's default. */
    static void legacyRows(JdbcClient jdbc, int n) {
        String prev = "0".repeat(64);
        for (long id = 1; id <= n; id++) {
            AuditLog.Entry row = new AuditLog.Entry(id, CLOCK.instant().minusSeconds(100 - id), "old.operator",
                    "ACCOUNT_CREATED", "user", "u" + id, null, "before the upgrade", null, null, prev, null, null);
            String hash = AuditLog.hash(row);
            jdbc.sql("""
                    INSERT INTO audit_log (id, at, actor, action, subject_type, subject_id, details, prev_hash, hash)
                    VALUES (:id, :at, :actor, :action, :st, :sid, :details, :prev, :hash)""")
                    .param("id", id).param("at", Timestamp.from(row.at())).param("actor", row.actor())
                    .param("action", row.action()).param("st", row.subjectType()).param("sid", row.subjectId())
                    .param("details", row.details()).param("prev", prev).param("hash", hash).update();
            prev = hash;
        }
        jdbc.sql("UPDATE audit_chain_head SET last_id = :id, last_hash = :h").param("id", n).param("h", prev).update();
    }

    /** What someone who can write the database but has no key can do: recompute with plain SHA-256 from a row on. */
    private void rechainWithSha256(long from, boolean relabel) {
        String prev = jdbc.sql("SELECT hash FROM audit_log WHERE id = :id").param("id", from - 1)
                .query(String.class).single();
        List<AuditLog.Entry> rows = jdbc.sql("SELECT id FROM audit_log WHERE id >= :id ORDER BY id").param("id", from)
                .query(Long.class).list().stream().map(this::entry).toList();
        for (AuditLog.Entry row : rows) {
            String hash = AuditLog.hash(new AuditLog.Entry(row.id(), row.at(), row.actor(), row.action(),
                    row.subjectType(), row.subjectId(), row.dataSubject(), row.details(), row.before(), row.after(),
                    prev, null, null));
            jdbc.sql("UPDATE audit_log SET prev_hash = :p, hash = :h" + (relabel ? ", hash_alg = 'SHA-256'" : "")
                    + " WHERE id = :id").param("p", prev).param("h", hash).param("id", row.id()).update();
            prev = hash;
        }
        jdbc.sql("UPDATE audit_chain_head SET last_hash = :h" + (relabel ? ", hash_alg = 'SHA-256'" : ""))
                .param("h", prev).update();
    }

    private AuditLog.Entry entry(long id) {
        return audit.recent(1000).stream().filter(e -> e.id() == id).findFirst().orElseThrow();
    }
}
