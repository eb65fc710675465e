package id.simpul.applicant.store;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import id.simpul.applicant.ApplicantRegistry;
import id.simpul.applicant.ApplicantViews;
import id.simpul.applicant.RegistryFixture;
import id.simpul.applicant.Resolution;
import id.simpul.applicant.SourceRecord;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A store written before V53 holds 16-digit NPWPs (residents' NIKs) in clear: the registry seals them when it
 * starts (the key comes from the environment, so SQL alone cannot), and they still match afterwards.
 */
class ClearNpwpResealTest {

    private static final Map<String, SourceRecord> CASES = RegistryFixture.cases("nik-npwp-cases.jsonl");
    private static final String SOLE_TRADER_NPWP = "1607041212800001";
    private static final String PERSON_NPWP = "1671010707850005";

    private final Logger registryLog = (Logger) LoggerFactory.getLogger(ApplicantRegistry.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private RegistryFixture fx;

    @BeforeEach
    void upgradeAStoreWithClearNpwps() {
        logged.start();
        registryLog.addAppender(logged);
        fx = RegistryFixture.upgradedFrom("52", "v52-clear-npwp.sql");
    }

    @AfterEach
    void detachLog() {
        registryLog.detachAppender(logged);
    }

    @Test
    void clearSixteenDigitNpwpsAreGoneOnceTheRegistryHasStarted() {
        List<String[]> rows = sourceRows();

        assertThat(rows).extracting(r -> r[1]).containsExactly(null, "012345678901000", null);
        assertThat(rows.get(0)[2]).isEqualTo(RegistryFixture.PII.hmac(SOLE_TRADER_NPWP));
        assertThat(RegistryFixture.PII.decrypt(rows.get(0)[3])).isEqualTo(SOLE_TRADER_NPWP);
        assertThat(rows.get(2)[2]).isEqualTo(RegistryFixture.PII.hmac(PERSON_NPWP));
        assertThat(RegistryFixture.PII.decrypt(rows.get(2)[3])).isEqualTo(PERSON_NPWP);
        assertThat(rows.get(1)[2]).isNull();
        assertThat(rows.get(1)[3]).isNull();
    }

    @Test
    void resealedNpwpStillLinksTheSoleTraderSentAgain() {
        Resolution again = fx.resolve(CASES.get("npwp:sole-trader-again"));

        assertThat(again.outcome()).isEqualTo(Resolution.Outcome.LINKED);
        assertThat(again.applicantId()).isEqualTo("APL-00000001");
        ApplicantViews.Link link = fx.registry.view("APL-00000001").orElseThrow().records().stream()
                .filter(l -> l.sourceRef().equals("npwp:sole-trader-again")).findFirst().orElseThrow();
        assertThat(link.evidence()).contains(new ApplicantViews.Evidence("npwp", "EXACT", 12));
    }

    @Test
    void aSecondStartFindsNothingLeftToSealAndChangesNothing() {
        List<String[]> first = sourceRows();
        logged.list.clear();

        fx.registry = fx.open();

        List<String[]> second = sourceRows();
        assertThat(second).usingRecursiveFieldByFieldElementComparator().isEqualTo(first);
        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).noneMatch(m -> m.contains("NPWP"));
    }

    @Test
    void theLogCountsTheSealedNpwpsAndNamesNoneOfThem() {
        List<String> messages = logged.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("NPWP")).toList();

        assertThat(messages).hasSize(1);
        assertThat(messages.get(0)).contains(" 2 ").doesNotContain(SOLE_TRADER_NPWP).doesNotContain(PERSON_NPWP);
    }

    @Test
    void storeSealsBatchByBatchUntilNoClearNpwpIsLeft() throws SQLException {
        try (Connection c = fx.dataSource.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE applicant_source SET npwp = '" + SOLE_TRADER_NPWP + "', npwp_hmac = NULL, "
                    + "npwp_cipher = NULL WHERE ordinal = 0");
            st.executeUpdate("UPDATE applicant_source SET npwp = '" + PERSON_NPWP + "', npwp_hmac = NULL, "
                    + "npwp_cipher = NULL WHERE ordinal = 2");
        }
        List<String> sealedValues = new ArrayList<>();

        int sealed = new RegistryStore(fx.dataSource, RegistryFixture.PII.payloadSeal()).sealClearNpwps(npwp -> {
            sealedValues.add(npwp);
            return RegistryFixture.PII.seal(npwp);
        }, 1);

        assertThat(sealed).isEqualTo(2);
        assertThat(sealedValues).containsExactly(SOLE_TRADER_NPWP, PERSON_NPWP);
        assertThat(sourceRows()).extracting(r -> r[1]).containsExactly(null, "012345678901000", null);
        assertThat(RegistryFixture.PII.decrypt(sourceRows().get(2)[3])).isEqualTo(PERSON_NPWP);
    }

    /** ordinal, npwp, npwp_hmac, npwp_cipher of each source row, by ordinal. */
    private List<String[]> sourceRows() {
        List<String[]> out = new ArrayList<>();
        try (Connection c = fx.dataSource.getConnection();
             var ps = c.prepareStatement("SELECT ordinal, npwp, npwp_hmac, npwp_cipher FROM applicant_source ORDER BY ordinal");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)});
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
