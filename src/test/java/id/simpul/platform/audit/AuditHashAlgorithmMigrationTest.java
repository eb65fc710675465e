package id.simpul.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.support.MigratingStore;
import id.simpul.support.TestStores;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V67: the audit rows and chain head a build before it wrote are marked plain SHA-256, so the chain still verifies
 * after the upgrade, and the rows appended after it are keyed.
 */
class AuditHashAlgorithmMigrationTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T08:00:00Z"), ZoneOffset.UTC);

    /** The store, empty; {@code AuditHashAlgorithmMigrationIT} runs the test on PostgreSQL. */
    MigratingStore emptyStore() {
        return TestStores.emptyH2("audit-alg");
    }

    @Test
    void aChainWrittenBeforeTheKeyVerifiesAfterTheUpgradeAndGoesOnKeyed() {
        MigratingStore store = emptyStore().migrateTo("66");
        JdbcClient jdbc = store.jdbc();
        AuditChainKeyTest.legacyRows(jdbc, 3);

        store.migrate();

        assertThat(jdbc.sql("SELECT hash_alg FROM audit_log ORDER BY id").query(String.class).list())
                .containsExactly("SHA-256", "SHA-256", "SHA-256");
        assertThat(jdbc.sql("SELECT hash_alg FROM audit_chain_head").query(String.class).single()).isEqualTo("SHA-256");
        AuditLog audit = new AuditLog(jdbc, CLOCK, TestAuditKeys.KEY);
        assertThat(audit.verify().intact()).as(audit.verify().toString()).isTrue();
        audit.append(new AuditLog.Event("siti.operator", "DEAD_LETTER_REPLAYED", "dead-letter", "dl-1", null,
                "after the upgrade", null, null));
        AuditLog.Verification v = audit.verify();
        assertThat(v.intact()).as(v.toString()).isTrue();
        assertThat(v.keyedFrom()).isEqualTo(4L);
    }
}
