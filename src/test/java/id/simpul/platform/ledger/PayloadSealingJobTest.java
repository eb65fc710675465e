package id.simpul.platform.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.platform.lock.LockConfig;
import id.simpul.platform.security.StoredPayloads;
import id.simpul.support.LegacyRows;
import id.simpul.support.TestPayloads;
import id.simpul.support.TestStores;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** Rows an earlier build stored in clear are sealed at start, in batches, once, and read back the same. */
class PayloadSealingJobTest {

    private static final String NIK = "1607111204780003";
    private static final String FORM = "{\"applicant\":{\"identityNumber\":\"" + NIK + "\",\"phone\":\"081277889900\"}}";

    private final DataSource store = TestStores.migratedH2("payload-sealing");
    private final JdbcClient jdbc = JdbcClient.create(store);
    private final StoredPayloads payloads = TestPayloads.sealed();
    private final PayloadSealingJob job = new PayloadSealingJob(jdbc, new DataSourceTransactionManager(store), payloads,
            new DefaultLockingTaskExecutor(LockConfig.jdbcLockProvider(store)), Clock.systemUTC());

    @Test
    void clearRowsOfAnEarlierBuildAreSealedInBatchesIndexedAndReadBackTheSame() {
        int rows = PayloadSealingJob.BATCH + 7;
        for (int i = 0; i < rows; i++) {
            LegacyRows.ledgerVersion(jdbc, "I-OLD-" + i, 1, "DELIVERED", FORM.replace("}}", ",\"n\":" + i + "}}"));
        }
        long unconverted = LegacyRows.ledgerVersion(jdbc, "I-OLD-RECEIVED", "RECEIVED");
        long ledgerId = jdbc.sql("SELECT MIN(id) FROM sync_ledger").query(Long.class).single();
        jdbc.sql("""
                INSERT INTO dead_letter (ledger_id, flow, step, error_class, attempts, payload, state, created_at, updated_at)
                VALUES (:l, 'oss-nib', 'delivery-push-permit', 'PERMANENT', 1, :p, 'WAITING', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""")
                .param("l", ledgerId).param("p", FORM).update();
        jdbc.sql("""
                INSERT INTO manual_entry (ledger_id, target_id, id_izin, version, fields, state, created_at)
                VALUES (:l, 'oki', 'I-OLD-0', 1, :f, 'WAITING', CURRENT_TIMESTAMP)""")
                .param("l", ledgerId).param("f", "{\"pemohon\":{\"no_identitas\":\"" + NIK + "\"}}").update();

        Map<String, Integer> sealed = job.sealClearRows();

        assertThat(sealed).containsEntry("sync_ledger.canonical", rows).containsEntry("dead_letter.payload", 1)
                .containsEntry("manual_entry.fields", 1).containsEntry("dead_letter_edit.diff", 0);
        List<String> stored = jdbc.sql("SELECT canonical FROM sync_ledger WHERE canonical IS NOT NULL ORDER BY id")
                .query(String.class).list();
        assertThat(stored).hasSize(rows).allSatisfy(v -> assertThat(v).startsWith("sealed:v1:").doesNotContain(NIK));
        assertThat(payloads.open(stored.get(3))).isEqualTo(FORM.replace("}}", ",\"n\":3}}"));
        assertThat(payloads.open(jdbc.sql("SELECT payload FROM dead_letter").query(String.class).single())).isEqualTo(FORM);
        assertThat(jdbc.sql("SELECT fields FROM manual_entry").query(String.class).single()).startsWith("sealed:v1:");
        assertThat(jdbc.sql("SELECT canonical FROM sync_ledger WHERE id = :id").param("id", unconverted)
                .query(String.class).optional()).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(DISTINCT ledger_id) FROM ledger_subject WHERE subject_hash = :h")
                .param("h", payloads.subjectHash(NIK)).query(Long.class).single()).isEqualTo(rows);
    }

    @Test
    void clearApplicantRegistryRowsAreSealedByOrdinalFromTheFirstAndReadBackTheSame() {
        // Ordinals start at 0; the registry's first row is sealed too.
        for (int ordinal = 0; ordinal < 3; ordinal++) {
            jdbc.sql("""
                    INSERT INTO applicant_source (ordinal, source_ref, type, name, nik_quality, address_line, regency,
                                                  phone, email, received_at, updated_at)
                    VALUES (:o, :r, 'PERSON', 'Muhammad Yusuf', 'ABSENT', 'Jl. Merdeka No. 12', 'Kabupaten Banyuasin',
                            '081277889900', 'm.yusuf.usaha@gmail.com', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""")
                    .param("o", ordinal).param("r", "oss:" + ordinal).update();
        }
        jdbc.sql("UPDATE applicant_source SET email = NULL WHERE ordinal = 2").update();
        jdbc.sql("""
                INSERT INTO applicant_master (id, applicant_id, type, state, display_name, created_at, updated_at)
                VALUES (1, 'APL-1', 'PERSON', 'ACTIVE', 'Muhammad Yusuf', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""")
                .update();

        Map<String, Integer> sealed = job.sealClearRows();

        assertThat(sealed).containsEntry("applicant_source.name", 3).containsEntry("applicant_source.address_line", 3)
                .containsEntry("applicant_source.phone", 3).containsEntry("applicant_source.email", 2)
                .containsEntry("applicant_master.display_name", 1);
        List<Map<String, Object>> rows = jdbc.sql("SELECT name, address_line, phone, email, regency FROM applicant_source "
                + "ORDER BY ordinal").query().listOfRows();
        assertThat(rows.get(0).get("phone")).asString().startsWith("sealed:v1:");
        assertThat(payloads.open((String) rows.get(0).get("phone"))).isEqualTo("081277889900");
        assertThat(payloads.open((String) rows.get(1).get("email"))).isEqualTo("m.yusuf.usaha@gmail.com");
        assertThat(payloads.open((String) rows.get(2).get("address_line"))).isEqualTo("Jl. Merdeka No. 12");
        assertThat(rows.get(2).get("email")).isNull();
        assertThat(rows.get(2).get("regency")).as("an administrative area stays clear").isEqualTo("Kabupaten Banyuasin");
        assertThat(payloads.open(jdbc.sql("SELECT display_name FROM applicant_master").query(String.class).single()))
                .isEqualTo("Muhammad Yusuf");
        assertThat(job.sealClearRows()).containsEntry("applicant_source.phone", 0);
    }

    @Test
    void runningAgainLeavesSealedRowsAndSealsOnlyClearRowsWrittenSince() {
        for (int i = 0; i < 3; i++) {
            LegacyRows.ledgerVersion(jdbc, "I-AGAIN-" + i, 1, "DELIVERED", FORM);
        }
        job.sealClearRows();
        String first = jdbc.sql("SELECT canonical FROM sync_ledger ORDER BY id LIMIT 1").query(String.class).single();
        // An older build run again (or an older backup restored) writes after the progress: found at the next start.
        LegacyRows.ledgerVersion(jdbc, "I-AGAIN-LATER", 1, "DELIVERED", FORM);

        Map<String, Integer> again = job.sealClearRows();

        assertThat(again).containsEntry("sync_ledger.canonical", 1);
        assertThat(jdbc.sql("SELECT canonical FROM sync_ledger ORDER BY id LIMIT 1").query(String.class).single())
                .as("a sealed row is left as it is").isEqualTo(first);
        assertThat(job.sealClearRows()).containsEntry("sync_ledger.canonical", 0);
    }
}
