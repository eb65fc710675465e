package id.simpul.applicant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A record that fits two masters merges them; the retired id resolves to the survivor; splits keep history. */
class MergeSplitHistoryTest {

    private static final Map<String, SourceRecord> CASES = RegistryFixture.cases("matcher-cases.jsonl");

    private RegistryFixture fx;
    private String idA;
    private String idB;
    private Resolution bridge;

    @BeforeEach
    void bridgedMasters() {
        fx = new RegistryFixture();
        idA = fx.resolve(CASES.get("case:bridge-a")).applicantId();
        idB = fx.resolve(CASES.get("case:bridge-b")).applicantId();
        bridge = fx.resolve(CASES.get("case:bridge-c"));
    }

    @Test
    void recordMatchingTwoMastersMergesThemIntoTheOlderId() {
        assertThat(idA).isNotEqualTo(idB);
        assertThat(bridge.outcome()).isEqualTo(Resolution.Outcome.LINKED);
        assertThat(bridge.applicantId()).isEqualTo(idA);
        assertThat(bridge.merged()).containsExactly(idB);
        assertThat(fx.registry.applicantOf("case:bridge-b")).contains(idA);
    }

    @Test
    void aRecordFittingThreeMastersDoesNotMergeTwoOfThemThatConflictWithEachOther() {
        // Two women named Rina Marlina, born 1988 and 1990, and a third master without birth date; one record
        // scores >= 16 against all three. It may merge the third with either, never the two women with each other.
        RegistryFixture fresh = new RegistryFixture();
        String mail = fresh.resolve(CASES.get("case:chain-mail")).applicantId();
        String born1988 = fresh.resolve(CASES.get("case:chain-nib-1988")).applicantId();
        String born1990 = fresh.resolve(CASES.get("case:chain-street-1990")).applicantId();
        assertThat(List.of(mail, born1988, born1990)).doesNotHaveDuplicates();

        fresh.resolve(CASES.get("case:chain-bridge"));

        assertThat(fresh.registry.applicantOf("case:chain-nib-1988"))
                .isNotEqualTo(fresh.registry.applicantOf("case:chain-street-1990"));
    }

    @Test
    void retiredIdResolvesToItsSurvivorAlsoAfterARestart() {
        assertThat(fx.registry.resolveId(idB)).contains(idA);

        assertThat(fx.open().resolveId(idB)).contains(idA);
    }

    @Test
    void mergeIsPublishedWithSurvivorAndRetiredId() {
        assertThat(fx.merges).hasSize(1);
        assertThat(fx.merges.get(0).survivorId()).isEqualTo(idA);
        assertThat(fx.merges.get(0).retiredId()).isEqualTo(idB);
        assertThat(fx.merges.get(0).cause()).isEqualTo(MergeEvent.Cause.AUTOMATIC);
    }

    @Test
    void aMergeIsPublishedWithTheCodeOfItsCauseWhileItsHistoryKeepsTheWords() {
        RegistryFixture other = new RegistryFixture();
        String alone = other.resolve(CASES.get("case:bridge-b")).applicantId();
        String withNik = other.resolve(CASES.get("case:bridge-a")).applicantId();
        SourceRecord b = CASES.get("case:bridge-b");
        // OSS re-sends bridge-b, now with the NIK and birth date: it clearly is bridge-a's applicant.
        Resolution resent = other.resolve(new SourceRecord(b.sourceRef(), b.type(), b.name(), "1674021212800005",
                null, null, "1980-12-12", null, "M", null, b.phone(), b.email()));
        other.resolve(CASES.get("case:review-c"));
        Resolution maybe = other.resolve(CASES.get("case:review-d"));
        other.registry.decide(maybe.reviewIds().get(0), true, "siti.operator");

        assertThat(resent.merged()).as("the re-send merged the masters").hasSize(1);
        assertThat(other.merges).extracting(MergeEvent::cause)
                .containsExactly(MergeEvent.Cause.RESEND, MergeEvent.Cause.REVIEW_DECISION);
        assertThat(other.merges.get(0).retiredId()).isIn(alone, withNik);
        assertThat(other.registry.view(resent.applicantId()).orElseThrow().history())
                .extracting(ApplicantViews.History::detail).anySatisfy(d -> assertThat(d).contains("re-sent record"));
    }

    @Test
    void mergeIsRecordedInTheHistoryOfBothMasters() {
        ApplicantViews.Applicant survivor = fx.registry.view(idA).orElseThrow();
        ApplicantViews.Applicant viaRetired = fx.registry.view(idB).orElseThrow();

        assertThat(survivor.records()).extracting(ApplicantViews.Link::sourceRef)
                .containsExactlyInAnyOrder("case:bridge-a", "case:bridge-b", "case:bridge-c");
        assertThat(survivor.history()).extracting(ApplicantViews.History::kind).contains("MERGED_IN");
        assertThat(viaRetired.applicantId()).isEqualTo(idA);
        assertThat(viaRetired.requestedId()).isEqualTo(idB);
    }

    @Test
    void everyLinkExplainsItselfWithEvidenceAndScore() {
        ApplicantViews.Link link = fx.registry.view(idA).orElseThrow().records().stream()
                .filter(l -> l.sourceRef().equals("case:bridge-c")).findFirst().orElseThrow();

        assertThat(link.kind()).isEqualTo(LinkKind.SAME);
        assertThat(link.status()).isEqualTo(LinkStatus.INFERRED);
        assertThat(link.score()).isGreaterThanOrEqualTo(MatchSettings.DEFAULTS.linkThreshold());
        // Equal consistent NIKs: birth date and sex are the NIK's digits and are not scored again.
        assertThat(link.evidence()).extracting(ApplicantViews.Evidence::field).contains("nik", "name")
                .doesNotContain("birthDate", "gender");
    }

    @Test
    void splitMovesRecordsToANewMasterWithAssertedLinksAndHistory() {
        String created = fx.registry.split(idA, List.of("case:bridge-b"), "petugas-1");

        assertThat(created).isNotIn(idA, idB);
        assertThat(fx.registry.applicantOf("case:bridge-b")).contains(created);
        ApplicantViews.Applicant split = fx.registry.view(created).orElseThrow();
        assertThat(split.records()).singleElement().satisfies(l -> {
            assertThat(l.status()).isEqualTo(LinkStatus.ASSERTED);
            assertThat(l.decidedBy()).isEqualTo("petugas-1");
        });
        assertThat(split.history()).extracting(ApplicantViews.History::kind).containsExactly("SPLIT_FROM");
        assertThat(fx.registry.view(idA).orElseThrow().decisions()).extracting(ApplicantViews.Link::sourceRef)
                .containsExactly("case:bridge-b");
    }

    @Test
    void splitRecordStaysApartWhenItArrivesAgainAndAfterRestart() {
        String created = fx.registry.split(idA, List.of("case:bridge-b"), "petugas-1");

        assertThat(fx.resolve(CASES.get("case:bridge-b")).applicantId()).isEqualTo(created);
        fx.registry = fx.open();
        assertThat(fx.resolve(CASES.get("case:bridge-b")).applicantId()).isEqualTo(created);
    }

    @Test
    void splittingEveryRecordOfAMasterIsRefused() {
        assertThatThrownBy(() -> fx.registry.split(idA, List.of("case:bridge-a", "case:bridge-b", "case:bridge-c"), "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownIdsDoNotResolve() {
        assertThat(fx.registry.resolveId("APL-99999999")).isEmpty();
        assertThat(fx.registry.resolveId("not-an-id")).isEmpty();
    }
}
