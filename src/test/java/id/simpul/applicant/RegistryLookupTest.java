package id.simpul.applicant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The counter's questions to the registry: who carries this identifier, and was this record sent before as is. */
class RegistryLookupTest {

    private static final Map<String, SourceRecord> CASES = RegistryFixture.cases("counter/lookup-cases.jsonl");

    private RegistryFixture fx;

    @BeforeEach
    void registry() {
        fx = new RegistryFixture();
    }

    @Test
    void aNikFindsThePersonWhoseRecordCarriesItAsTheirSixteenDigitNpwp() {
        String id = fx.resolve(CASES.get("lookup:person-by-npwp")).applicantId();

        assertThat(fx.registry.mastersWith(ApplicantRegistry.Identifier.NIK, "1671 0107 0785 0005")).containsExactly(id);
        assertThat(fx.registry.mastersWith(ApplicantRegistry.Identifier.NIK, "1671010707850013")).isEmpty();
    }

    @Test
    void anNibOrACompanysNpwpFindsTheOrganisationAndNoOneElse() {
        String firm = fx.resolve(CASES.get("lookup:firm")).applicantId();
        fx.resolve(CASES.get("lookup:person-by-npwp"));

        assertThat(fx.registry.mastersWith(ApplicantRegistry.Identifier.NIB, "8120001234567")).containsExactly(firm);
        assertThat(fx.registry.mastersWith(ApplicantRegistry.Identifier.NPWP, "012345678301000")).containsExactly(firm);
        assertThat(fx.registry.mastersWith(ApplicantRegistry.Identifier.NIB, "8120001234568")).isEmpty();
    }

    @Test
    void aRecordSentAgainAsIsIsNotWrittenAgainWhileAChangedOneIsUpdated() {
        SourceRecord record = CASES.get("counter:LKT-1");
        ApplicantRegistry.Registration first = fx.registry.register(fx.registry.prepare(record));

        ApplicantRegistry.Registration again = fx.registry.register(fx.registry.prepare(record));
        ApplicantRegistry.Registration moved = fx.registry.register(fx.registry.prepare(new SourceRecord(record.sourceRef(),
                record.type(), record.name(), record.nik(), null, null, record.birthDate(), record.birthPlace(),
                record.gender(), record.address(), "081234500099", record.email())));

        assertThat(first.unchanged()).isFalse();
        assertThat(first.resolution().outcome()).isEqualTo(Resolution.Outcome.NEW);
        assertThat(again.unchanged()).isTrue();
        assertThat(again.resolution().applicantId()).isEqualTo(first.resolution().applicantId());
        assertThat(moved.unchanged()).isFalse();
        assertThat(moved.resolution().outcome()).isEqualTo(Resolution.Outcome.KNOWN);
        assertThat(fx.registry.stats().records()).isEqualTo(1);
        assertThat(fx.registry.recordsOf(first.resolution().applicantId())).singleElement()
                .satisfies(r -> assertThat(r.record().phone()).isEqualTo("6281234500099"));
    }
}
