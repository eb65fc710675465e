package id.simpul.platform.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.canonical.PermitMessage;
import id.simpul.platform.json.Json;
import id.simpul.platform.metrics.FlowMetrics;
import id.simpul.platform.security.StoredPayloads;
import id.simpul.support.Fixtures;
import id.simpul.support.TestPayloads;
import id.simpul.support.TestStores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
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

    @Test
    void aFormsPermitTypeAndWhetherItWithdrawsThePermitAreKeptInClearBesideItAndFollowItWhenConvertedAgain() {
        PermitMessage form = Json.read(Fixtures.text("delivery/canonical-permit-banyuasin.json"), PermitMessage.class);
        long id = ledger.recordIncoming("oss-nib", "9120301234567", "I-5", "P-1", "1607112003", IncomingContent.of("h5"))
                .entry().id();

        ledger.attachCanonical(id, form, Json.write(form));
        assertThat(slaColumns(id)).containsExactly("011000000001", false);

        PermitMessage revoked = form.withSource(new PermitMessage.Source("OSS-RBA", "receiveNIB", "push", "9120301234567",
                "I-5", "P-1", "4.3.22", "2026-11-29T01:00:00Z", "h5", 1, "REVOCATION"));
        ledger.attachCanonical(id, revoked, Json.write(revoked));
        assertThat(slaColumns(id)).containsExactly("011000000001", true);
    }

    @Test
    void aPermitTypeLongerThanItsColumnIsLeftToTheFormInsteadOfFailingTheConversion() {
        PermitMessage form = Json.read(Fixtures.text("delivery/canonical-permit-banyuasin.json"), PermitMessage.class);
        PermitMessage.PermitApplication p = form.permit();
        String longType = "9".repeat(SlaFacts.KD_IZIN_MAX + 1);
        PermitMessage odd = new PermitMessage(form.schema(), form.schemaVersion(), form.source(), form.business(),
                form.applicant(), form.project(), withKdIzin(p, longType), null, false);
        long id = ledger.recordIncoming("oss-nib", "9120301234567", "I-6", "P-1", "1607112003", IncomingContent.of("h6"))
                .entry().id();

        ledger.attachCanonical(id, odd, Json.write(odd));

        assertThat(slaColumns(id)).containsExactly(null, null);
        assertThat(ledger.canonical(id)).get().asString().contains(longType);
    }

    /** [kd_izin, withdraws], a SQL NULL as null. */
    private List<Object> slaColumns(long id) {
        return jdbc.sql("SELECT kd_izin, withdraws FROM sync_ledger WHERE id = :id").param("id", id)
                .query((rs, n) -> Arrays.asList(rs.getObject("kd_izin"), rs.getObject("withdraws"))).single();
    }

    private static PermitMessage.PermitApplication withKdIzin(PermitMessage.PermitApplication p, String kdIzin) {
        return new PermitMessage.PermitApplication(p.idIzin(), kdIzin, p.name(), p.permitType(), p.authority(),
                p.kdDaerah(), p.agency(), p.checklistFlag(), p.requirements());
    }
}
