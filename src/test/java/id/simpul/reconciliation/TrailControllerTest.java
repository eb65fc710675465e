package id.simpul.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.platform.audit.AuditLog;
import id.simpul.platform.audit.TestAuditKeys;
import id.simpul.platform.ledger.IncomingContent;
import id.simpul.platform.ledger.LedgerEntry;
import id.simpul.platform.ledger.SyncLedger;
import id.simpul.platform.ledger.TrailEvent;
import id.simpul.platform.metrics.FlowMetrics;
import id.simpul.platform.security.PersonalData;
import id.simpul.support.TestStores;
import id.simpul.support.TestPayloads;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.TestingAuthenticationToken;

/** The trail API over a fresh in-memory store (the real migrations). */
class TrailControllerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T08:00:00Z"), ZoneOffset.UTC);
    private static final String NIK = "1607111204780003";
    private static final String NOTES = "dinas-lh-banyuasin (budi) more info recommendation 7: Pemohon (NIK " + NIK
            + ", HP 0812-7788-9900) lampirkan UKL-UPL";

    @TempDir
    Path dataDir;

    private final JdbcDataSource dataSource = TestStores.migratedH2("trail");
    private final JdbcClient jdbc = JdbcClient.create(dataSource);
    private final SyncLedger ledger = new SyncLedger(jdbc, CLOCK, new FlowMetrics(new SimpleMeterRegistry()), e -> { }, TestPayloads.sealed());

    @Test
    void anAgencysNotesInTheTrailAreMaskedForARoleWithoutPersonalDataAndAuditedForOneWithIt() {
        LedgerEntry entry = ledger.recordIncoming("oss-nib", "9120301234567", "I-NOTES", "P-1", "1607112003",
                IncomingContent.of("h-notes")).entry();
        ledger.event(entry, "DELIVERED", "target banyuasin registered it as 2026113062206675");
        ledger.event(entry, "RECOMMENDATION_MORE_INFO", NOTES);
        PersonalData personalData = new PersonalData(Base64.getEncoder().encodeToString(new byte[32]), dataDir);
        TrailController trail = new TrailController(ledger, new AuditLog(jdbc, CLOCK, TestAuditKeys.KEY), personalData);

        List<String> operatorSees = details(trail, new TestingAuthenticationToken("siti.operator", null, "operator"));
        List<String> auditorSees = details(trail, new TestingAuthenticationToken("dewi.auditor", null, "auditor"));

        assertThat(operatorSees).contains("dinas-lh-banyuasin (budi) more info recommendation 7: Pemohon (NIK "
                        + "1607**********03, HP *********900) lampirkan UKL-UPL")
                .as("the target's number is no NIK").contains("target banyuasin registered it as 2026113062206675");
        assertThat(auditorSees).contains(NOTES);
        assertThat(jdbc.sql("SELECT data_subject FROM audit_log WHERE action = 'PERSONAL_DATA_VIEWED' AND actor = :a")
                .param("a", "dewi.auditor").query(String.class).list()).containsExactly(personalData.subjectKey(NIK));
    }

    private static List<String> details(TrailController trail, TestingAuthenticationToken auth) {
        TrailController.Trail body = (TrailController.Trail) trail.trail(null, "I-NOTES", null, 20, auth).getBody();
        return body.entries().get(0).events().stream().map(TrailEvent::detail).toList();
    }
}
