package id.simpul.applicant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Decisions on review items write ASSERTED links, and later matching respects them. */
class ReviewDecisionTest {

    private static final Map<String, SourceRecord> CASES = RegistryFixture.cases("matcher-cases.jsonl");

    private RegistryFixture fx;
    private String idA;
    private Resolution b;

    @BeforeEach
    void pairInReview() {
        fx = new RegistryFixture();
        idA = fx.resolve(CASES.get("case:review-a")).applicantId();
        b = fx.resolve(CASES.get("case:review-b"));
    }

    @Test
    void reviewQueueListsTheMaybePairWithItsEvidence() {
        assertThat(fx.registry.reviews(0, 10)).singleElement().satisfies(item -> {
            assertThat(item.reviewId()).isEqualTo(b.reviewIds().get(0));
            assertThat(item.sourceRef()).isEqualTo("case:review-b");
            assertThat(item.candidateApplicantId()).isEqualTo(idA);
            assertThat(item.evidence()).extracting(ApplicantViews.Evidence::field).contains("name");
        });
    }

    @Test
    void decidingSameMergesAndTheRecordStaysThereWhenItArrivesAgain() {
        ApplicantRegistry.Decision d = fx.registry.decide(b.reviewIds().get(0), true, "petugas-2");

        assertThat(d.applicantId()).isEqualTo(idA);
        assertThat(fx.registry.applicantOf("case:review-b")).contains(idA);
        assertThat(fx.registry.resolveId(b.applicantId())).contains(idA);
        assertThat(fx.resolve(CASES.get("case:review-b")).applicantId()).isEqualTo(idA);
        assertThat(fx.registry.reviews(0, 10)).isEmpty();
        assertThat(fx.registry.view(idA).orElseThrow().records()).filteredOn(l -> l.sourceRef().equals("case:review-b"))
                .singleElement().satisfies(l -> assertThat(l.status()).isEqualTo(LinkStatus.ASSERTED));
    }

    @Test
    void decidingDifferentKeepsThemApartAndOpensNoNewReviewOnRematch() {
        fx.registry.decide(b.reviewIds().get(0), false, "petugas-2");

        Resolution again = fx.resolve(CASES.get("case:review-b"));
        fx.registry = fx.open();
        Resolution afterRestart = fx.resolve(CASES.get("case:review-b"));

        assertThat(again.applicantId()).isEqualTo(b.applicantId()).isNotEqualTo(idA);
        assertThat(afterRestart.applicantId()).isEqualTo(b.applicantId());
        assertThat(fx.registry.reviews(0, 10)).isEmpty();
        assertThat(fx.registry.view(idA).orElseThrow().decisions()).singleElement()
                .satisfies(l -> assertThat(l.kind()).isEqualTo(LinkKind.DIFFERENT));
    }

    @Test
    void withoutADecisionARecordFittingBothMastersMergesThem() {
        Pair p = decidedPair();

        Resolution c = fx.resolve(CASES.get("case:decided-c"));

        assertThat(c.merged()).containsExactly(p.b().applicantId());
    }

    @Test
    void differentDecisionBlocksTheAutomaticMergeOfTheTwoMasters() {
        Pair p = decidedPair();
        fx.registry.decide(p.b().reviewIds().get(0), false, "petugas-2");

        Resolution c = fx.resolve(CASES.get("case:decided-c"));

        assertThat(c.merged()).isEmpty();
        assertThat(fx.registry.resolveId(p.b().applicantId())).contains(p.b().applicantId());
        assertThat(fx.registry.applicantOf("case:decided-b")).isNotEqualTo(fx.registry.applicantOf("case:decided-a"));
    }

    private record Pair(Resolution a, Resolution b) {
    }

    /** Two records of one name with nothing else in common: a review item. */
    private Pair decidedPair() {
        Resolution a = fx.resolve(CASES.get("case:decided-a"));
        Resolution b2 = fx.resolve(CASES.get("case:decided-b"));
        assertThat(b2.outcome()).isEqualTo(Resolution.Outcome.NEW_WITH_REVIEW);
        return new Pair(a, b2);
    }

    @Test
    void aDecidedItemCannotBeDecidedTwiceAndUnknownItemsAreReported() {
        long id = b.reviewIds().get(0);
        fx.registry.decide(id, true, "petugas-2");

        assertThatThrownBy(() -> fx.registry.decide(id, false, "petugas-3")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> fx.registry.decide(987654, true, "x")).isInstanceOf(NoSuchElementException.class);
    }
}
