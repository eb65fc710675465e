package id.simpul.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import id.simpul.delivery.HeldStatuses;
import id.simpul.delivery.StatusReports;
import id.simpul.platform.audit.AuditLog;
import id.simpul.platform.audit.TestAuditKeys;
import id.simpul.platform.json.Json;
import id.simpul.platform.ledger.IncomingContent;
import id.simpul.platform.ledger.LedgerEntry;
import id.simpul.platform.ledger.SyncLedger;
import id.simpul.platform.ledger.TrailEvent;
import id.simpul.platform.metrics.FlowMetrics;
import id.simpul.platform.security.PersonalData;
import id.simpul.support.CapturedLog;
import id.simpul.support.Fixtures;
import id.simpul.support.TestStores;
import id.simpul.support.TestPayloads;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.transaction.support.TransactionTemplate;

/** Dead-letter operations over a fresh in-memory store (the real migrations); the broker is left out. */
class DeadLetterOperationsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T08:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dataDir;

    private final JdbcDataSource dataSource = TestStores.migratedH2("dead-letters");
    private final JdbcClient jdbc = JdbcClient.create(dataSource);
    private final DeadLetterStore store = new DeadLetterStore(jdbc, new JdbcTemplate(dataSource), CLOCK, TestPayloads.sealed());

    @Test
    void aBulkReplayTakesOnlyTheDeadLettersThatMatchedWhenItStartedNotThoseItsReplaysCreate() {
        for (int i = 0; i < 3; i++) {
            insertWaiting("kode izin belum dipetakan");
        }
        // A replayed message fails again at once and comes back as a new WAITING dead letter of the same class
        // (once: a failure of the second replay would be a new one, so the test ends even where paging is unbounded).
        DeadLetterReplayer failingAgain = new DeadLetterReplayer(null, store, new JdbcTemplate(dataSource), CLOCK, 2000) {
            @Override
            public int replay(List<DeadLetter> deadLetters, String actor) {
                List<Long> claimed = store.claimForReplay(deadLetters.stream().map(DeadLetter::id).toList(), actor);
                deadLetters.stream().filter(d -> claimed.contains(d.id()) && !d.errorMessage().endsWith("(again)"))
                        .forEach(d -> insertWaiting(d.errorMessage() + " (again)"));
                return claimed.size();
            }
        };
        DeadLetterOperations operations = operations(failingAgain);

        DeadLetterOperations.BulkResult result = operations.replayAll(
                new DeadLetterFilter(null, null, "PERMANENT", null, null, null, DeadLetter.WAITING),
                new TestingAuthenticationToken("siti.operator", null));

        assertThat(result.matched()).isEqualTo(3);
        assertThat(result.replayed()).isEqualTo(3);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM dead_letter WHERE state = 'WAITING'").query(Long.class).single())
                .as("the replays' own failures wait for the next replay").isEqualTo(3);
    }

    @Test
    void aDeadLetterIsClaimedForReplayOnceAndAReleasedOneWaitsAgain() {
        long first = insertWaiting("gangguan");
        long second = insertWaiting("gangguan");

        assertThat(store.claimForReplay(List.of(first, second), "siti.operator")).containsExactly(first, second);
        assertThat(store.claimForReplay(List.of(first, second), "budi.operator")).as("already claimed").isEmpty();

        store.release(List.of(second));
        assertThat(store.claimForReplay(List.of(first, second), "budi.operator")).containsExactly(second);
    }

    @Test
    void aDiscardWhoseAuditRowCannotBeWrittenIsUndone() {
        long id = insertWaiting("kode izin belum dipetakan");
        DeadLetterOperations operations = operations(
                new DeadLetterReplayer(null, store, new JdbcTemplate(dataSource), CLOCK, 2000));
        jdbc.sql("DELETE FROM audit_chain_head").update();

        assertThatThrownBy(() -> operations.discard(id, "sudah diurus di loket",
                new TestingAuthenticationToken("siti.operator", null))).isInstanceOf(RuntimeException.class);

        assertThat(jdbc.sql("SELECT state FROM dead_letter WHERE id = :id").param("id", id).query(String.class).single())
                .as("no discard the audit log does not show").isEqualTo("WAITING");
    }

    @Test
    void aDiscardReasonIsKeptWithTheNikAndPhoneItQuotesMaskedSinceEveryRoleSeesItInTheTrail() {
        SyncLedger ledger = ledger();
        LedgerEntry entry = ledger.recordIncoming("oss-nib", "9120301234567", "I-DISCARD", "P-1", "1607112003",
                IncomingContent.of("h-discard")).entry();
        long id = insertWaiting("kode izin belum dipetakan", "{}", entry.id());
        DeadLetterOperations operations = operations(
                new DeadLetterReplayer(null, store, new JdbcTemplate(dataSource), CLOCK, 2000));

        operations.discard(id, "pemohon NIK 1607111204780003 minta batal, hubungi 0812-3456-7890",
                new TestingAuthenticationToken("siti.operator", null, "operator"));

        String kept = "pemohon NIK 1607**********03 minta batal, hubungi *********890";
        assertThat(jdbc.sql("SELECT resolution FROM dead_letter WHERE id = :id").param("id", id).query(String.class)
                .single()).isEqualTo(kept);
        assertThat(ledger.events(entry.id())).extracting(TrailEvent::detail)
                .contains("dead letter #" + id + " discarded by siti.operator: " + kept);
        assertThat(jdbc.sql("SELECT details FROM audit_log WHERE action = 'DEAD_LETTER_DISCARDED'").query(String.class)
                .single()).isEqualTo(kept);
    }

    /** A report's dead letter has no ledger row of its own; the discard is told in the trail of the report's version. */
    @Test
    void aDiscardOfAReportToOssIsToldInTheTrailOfTheVersionTheReportIsAbout() {
        SyncLedger ledger = ledger();
        LedgerEntry entry = ledger.recordIncoming("oss-nib", "9120301234567", "I-REPORT", "P-1", "1607112003",
                IncomingContent.of("h-report")).entry();
        StatusReports reports = new StatusReports(jdbc, CLOCK);
        long reportId = reports.recordIfNew(entry, "banyuasin", "SCL-1", StatusReports.STATUS, "50", "Selesai",
                Json.tree("{\"IZINSTATUS\":{\"kd_status\":\"50\"}}")).orElseThrow();
        reports.deadLettered(reportId, null, "OSS receiveLicenseStatus answered kode 400: Data izin tidak ditemukan");
        Timestamp now = Timestamp.from(CLOCK.instant());
        jdbc.sql("""
                INSERT INTO dead_letter (flow, step, target_id, nib, id_izin, error_class, error_message, attempts,
                                         payload, state, created_at, updated_at)
                VALUES ('oss-status', 'delivery-report-status', 'banyuasin', '9120301234567', 'I-REPORT', 'PERMANENT',
                        'OSS receiveLicenseStatus answered kode 400', 1, :p, 'WAITING', :now, :now)""")
                .param("p", "{\"reportId\":" + reportId + "}").param("now", now).update();
        long id = jdbc.sql("SELECT MAX(id) FROM dead_letter").query(Long.class).single();
        DeadLetterOperations operations = operations(
                new DeadLetterReplayer(null, store, new JdbcTemplate(dataSource), CLOCK, 2000));

        operations.discard(id, "OSS sudah mencatat status ini", new TestingAuthenticationToken("siti.operator", null));

        assertThat(ledger.events(entry.id())).extracting(TrailEvent::kind, TrailEvent::detail).contains(
                tuple("DISCARDED", "dead letter #" + id + " discarded by siti.operator: OSS sudah mencatat status ini"));
        assertThat(ledger.orphanEvents("9120301234567", null)).isEmpty();
    }

    @Test
    void aDeadLetterWhoseCauseQuotesANikAndAPhoneIsStoredShownInTheLedgerAndTheTrailAndLoggedWithThemMasked() {
        SyncLedger ledger = ledger();
        LedgerEntry entry = ledger.recordIncoming("oss-nib", "9120301234567", "I-QUOTED", "P-1", "1607112003",
                IncomingContent.of("h-quoted")).entry();
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader("SimpulLedgerId", entry.id());
        exchange.getMessage().setBody("{}");
        // A JSLT or Jackson error quotes the value it failed on; a constraint violation the row.
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new IllegalArgumentException(
                "mapping failed at .applicant: \"1607111204780003\" is not a valid no_hp (0812-7788-9900)"));
        DeadLetters deadLetters = new DeadLetters(jdbc, ledger, CLOCK, new SimpleMeterRegistry(), TestPayloads.sealed());

        try (CapturedLog log = CapturedLog.start()) {
            deadLetters.record(exchange);

            String kept = "mapping failed at .applicant: \"1607**********03\" is not a valid no_hp (*********900)";
            assertThat(jdbc.sql("SELECT error_message FROM dead_letter WHERE ledger_id = :id").param("id", entry.id())
                    .query(String.class).single()).isEqualTo(kept);
            assertThat(ledger.get(entry.id()).lastError()).isEqualTo(kept);
            assertThat(ledger.events(entry.id())).extracting(TrailEvent::detail).contains("UNEXPECTED: " + kept);
            assertThat(log.lines()).anyMatch(line -> line.contains(kept))
                    .noneMatch(line -> line.contains("1607111204780003") || line.contains("7788-9900"));
        }
    }

    @Test
    void anUnmaskedViewOfARawPushIsAuditedUnderThePersonWhoseNikItCarriesWhateverTheOperation() {
        DeadLetterOperations operations = operations(
                new DeadLetterReplayer(null, store, new JdbcTemplate(dataSource), CLOCK, 2000));
        PersonalData personalData = personalData();
        TestingAuthenticationToken auditor = new TestingAuthenticationToken("dewi.auditor", null, "auditor");
        // OSS's push as it came (receiveNIB: dataNIB/penanggung_jwb; receiveNIBSTPW: no_id_user_proses),
        // dead-lettered before conversion, so neither the canonical nor the intake input's pointer fits.
        long nib = insertWaiting("kode izin belum dipetakan", Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json"));
        long stpw = insertWaiting("kode izin belum dipetakan",
                Fixtures.text("platform/security/receiveNIBSTPW-personal.json"));

        operations.view(nib, auditor);
        operations.view(stpw, auditor);

        assertThat(viewedSubject(nib)).isEqualTo(personalData.subjectKey("1607111204780003"));
        assertThat(viewedSubject(stpw)).isEqualTo(personalData.subjectKey("1607111204780003"));
    }

    private String viewedSubject(long deadLetter) {
        return jdbc.sql("SELECT data_subject FROM audit_log WHERE action = 'PERSONAL_DATA_VIEWED' AND subject_id = :id")
                .param("id", String.valueOf(deadLetter)).query(String.class).single();
    }

    private PersonalData personalData() {
        return new PersonalData(Base64.getEncoder().encodeToString(new byte[32]), dataDir);
    }

    private DeadLetterOperations operations(DeadLetterReplayer replayer) {
        return new DeadLetterOperations(store, replayer, new AuditLog(jdbc, CLOCK, TestAuditKeys.KEY),
                personalData(), ledger(),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                new HeldStatuses(new StatusReports(jdbc, CLOCK), ledger(), null));
    }

    private SyncLedger ledger() {
        return new SyncLedger(jdbc, CLOCK, new FlowMetrics(new SimpleMeterRegistry()), event -> { }, TestPayloads.sealed());
    }

    private long insertWaiting(String error) {
        return insertWaiting(error, "{}");
    }

    private long insertWaiting(String error, String payload) {
        return insertWaiting(error, payload, null);
    }

    private long insertWaiting(String error, String payload, Long ledgerId) {
        Timestamp now = Timestamp.from(CLOCK.instant());
        jdbc.sql("""
                INSERT INTO dead_letter (ledger_id, flow, step, error_class, error_message, attempts, payload, state,
                                         created_at, updated_at)
                VALUES (:ledger, 'oss-nib', 'delivery-push-permit', 'PERMANENT', :e, 1, :p, 'WAITING', :now, :now)""")
                .param("ledger", ledgerId).param("e", error).param("p", payload).param("now", now).update();
        return jdbc.sql("SELECT MAX(id) FROM dead_letter").query(Long.class).single();
    }
}
