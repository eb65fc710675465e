package id.simpul.platform.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.platform.metrics.FlowMetrics;
import id.simpul.platform.security.StoredPayloads;
import id.simpul.support.TestPayloads;
import id.simpul.support.TestStores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The canonical forms in the ledger, sealed at rest and found by a person's keyed NIK hash instead of by reading them. */
class LedgerSealingTest {

    private static final String NIK = "1607111204780003";
    private static final String FORM = "{\"applicant\":{\"identityNumber\":\"" + NIK + "\",\"npwp\":\"" + NIK
            + "\",\"phone\":\"081277889900\"},\"business\":{\"npwp\":\"092542943312000\"},\"other\":{\"npwp\":\"1607115506850002\"}}";

    private final JdbcClient jdbc = JdbcClient.create(TestStores.migratedH2("ledger-seal"));
    private final StoredPayloads payloads = TestPayloads.sealed();
    private final SyncLedger ledger = new SyncLedger(jdbc, Clock.systemUTC(), new FlowMetrics(new SimpleMeterRegistry()),
            event -> { }, payloads);

    @Test
    void theCanonicalFormIsStoredSealedAndReadBackOpened() {
        long id = ledger.recordIncoming("oss-nib", "9120301234567", "I-1", "P-1", "1607112003", IncomingContent.of("h1"))
                .entry().id();

        ledger.attachCanonical(id, null, FORM);

        String stored = jdbc.sql("SELECT canonical FROM sync_ledger WHERE id = :id").param("id", id).query(String.class).single();
        assertThat(stored).startsWith("sealed:v1:").doesNotContain(NIK).doesNotContain("081277889900");
        assertThat(ledger.canonical(id)).contains(FORM);
    }

    @Test
    void eachNikTheFormCarriesAsIdentityNumberOrSixteenDigitNpwpIsIndexedOnceByTheRegistrysKeyedHash() {
        long id = ledger.recordIncoming("oss-nib", "9120301234567", "I-2", "P-1", "1607112003", IncomingContent.of("h2"))
                .entry().id();

        ledger.attachCanonical(id, null, FORM);

        assertThat(jdbc.sql("SELECT subject_hash FROM ledger_subject WHERE ledger_id = :id").param("id", id)
                .query(String.class).list()).containsExactlyInAnyOrder(TestPayloads.PII.hmac(NIK),
                TestPayloads.PII.hmac("1607115506850002"));
    }

    @Test
    void aVersionConvertedAgainIsIndexedByItsNewFormOnly() {
        long id = ledger.recordIncoming("oss-nib", "9120301234567", "I-4", "P-1", "1607112003", IncomingContent.of("h4"))
                .entry().id();
        ledger.attachCanonical(id, null, FORM);

        ledger.attachCanonical(id, null, "{\"applicant\":{\"identityNumber\":\"1607114101900001\"}}");

        assertThat(jdbc.sql("SELECT subject_hash FROM ledger_subject WHERE ledger_id = :id").param("id", id)
                .query(String.class).list()).containsExactly(TestPayloads.PII.hmac("1607114101900001"));
        assertThat(ledger.canonical(id)).contains("{\"applicant\":{\"identityNumber\":\"1607114101900001\"}}");
    }

    @Test
    void aFormStoredInClearByAnEarlierBuildIsReadAsItIs() {
        long id = ledger.recordIncoming("oss-nib", "9120301234567", "I-3", "P-1", "1607112003", IncomingContent.of("h3"))
                .entry().id();
        jdbc.sql("UPDATE sync_ledger SET canonical = :c WHERE id = :id").param("c", FORM).param("id", id).update();

        assertThat(ledger.canonical(id)).contains(FORM);
    }
}
