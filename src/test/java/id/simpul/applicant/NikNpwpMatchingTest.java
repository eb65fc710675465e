package id.simpul.applicant;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.applicant.normalise.Identifiers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A 16-digit NPWP (a resident's NIK, since 2024) is matched through its keyed hash, not its digits: it must block,
 * link and conflict exactly as an NPWP compared in clear did, also after a restart rebuilt the index from the store.
 */
class NikNpwpMatchingTest {

    private static final Map<String, SourceRecord> CASES = RegistryFixture.cases("nik-npwp-cases.jsonl");

    private RegistryFixture fx;

    @BeforeEach
    void registry() {
        fx = new RegistryFixture();
    }

    private Resolution resolve(String ref) {
        return fx.resolve(CASES.get(ref));
    }

    @Test
    void soleTraderSentAgainUnderThe16DigitNpwpWrittenAnotherWayLinksOnIt() {
        Resolution first = resolve("npwp:sole-trader");
        Resolution again = resolve("npwp:sole-trader-again");

        assertLinkedOnTheNpwp(again, first);
    }

    @Test
    void aRestartedRegistryStillLinksOnASealedNpwp() {
        Resolution first = resolve("npwp:sole-trader");
        fx.registry = fx.open();

        Resolution again = resolve("npwp:sole-trader-again");

        assertLinkedOnTheNpwp(again, first);
    }

    @Test
    void namesakeSoleTraderUnderAnother16DigitNpwpIsAnotherApplicant() {
        Resolution first = resolve("npwp:sole-trader");
        fx.registry = fx.open();

        Resolution namesake = resolve("npwp:sole-trader-namesake");

        assertThat(namesake.applicantId()).isNotEqualTo(first.applicantId());
        assertThat(namesake.outcome()).isEqualTo(Resolution.Outcome.NEW);
    }

    @Test
    void wifeReportingUnderHerHusbands16DigitNpwpStaysHerOwnApplicant() {
        Resolution husband = resolve("npwp:person-a");
        Resolution wife = resolve("npwp:wife");

        assertThat(wife.applicantId()).isNotEqualTo(husband.applicantId());
    }

    @Test
    void sixteenDigitNpwpsBlockLinkAndConflictExactlyLikeFifteenDigitOnes() {
        // The labelled file's NPWPs have 15 digits (kept as numbers); "3" + those 15 digits is an equally distinct
        // 16-digit NPWP (kept only as an HMAC). Every decision must come out the same, record by record.
        List<SourceRecord> fifteen = RegistryFixture.records("applicants-seed7.jsonl");
        List<SourceRecord> sixteen = fifteen.stream().map(NikNpwpMatchingTest::withSixteenDigitNpwp).toList();
        assertThat(sixteen.stream().filter(r -> r.npwp() != null && r.npwp().length() == 16).count()).isGreaterThan(400);

        RegistryFixture other = new RegistryFixture();
        List<Resolution> asFifteen = fifteen.stream().map(fx::resolve).toList();
        List<Resolution> asSixteen = sixteen.stream().map(other::resolve).toList();

        assertThat(asSixteen).isEqualTo(asFifteen);
        assertThat(asFifteen.stream().map(Resolution::outcome)).contains(Resolution.Outcome.LINKED,
                Resolution.Outcome.NEW_WITH_REVIEW);
    }

    private static SourceRecord withSixteenDigitNpwp(SourceRecord r) {
        String npwp = Identifiers.npwp(r.npwp());
        if (npwp.length() != 15) {
            return r;
        }
        return new SourceRecord(r.sourceRef(), r.type(), r.name(), r.nik(), "3" + npwp, r.nib(), r.birthDate(),
                r.birthPlace(), r.gender(), r.address(), r.phone(), r.email());
    }

    /** Linked automatically to the first record's master, the NPWP agreeing exactly among the evidence. */
    private void assertLinkedOnTheNpwp(Resolution again, Resolution first) {
        assertThat(again.outcome()).isEqualTo(Resolution.Outcome.LINKED);
        assertThat(again.applicantId()).isEqualTo(first.applicantId());
        ApplicantViews.Link link = fx.registry.view(again.applicantId()).orElseThrow().records().stream()
                .filter(l -> l.sourceRef().equals("npwp:sole-trader-again")).findFirst().orElseThrow();
        assertThat(link.evidence()).filteredOn(e -> e.field().equals("npwp")).extracting(ApplicantViews.Evidence::level)
                .containsExactly("EXACT");
    }
}
