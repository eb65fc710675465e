package id.simpul.canonical;

import static id.simpul.canonical.StatusProgress.Order.AHEAD;
import static id.simpul.canonical.StatusProgress.Order.BEHIND;
import static id.simpul.canonical.StatusProgress.Order.SAME;
import static id.simpul.canonical.StatusProgress.Order.UNORDERED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which permit status is ahead of which, read from PIA Lampiran 10 (docs/operations.md). */
class StatusProgressTest {

    @Test
    void issuedAtOssIsAheadOfTheApprovalsItFollows() {
        assertThat(StatusProgress.compare("58", "50")).isEqualTo(AHEAD);
        assertThat(StatusProgress.compare("50", "58")).isEqualTo(BEHIND);
        assertThat(StatusProgress.compare("52", "58")).isEqualTo(BEHIND);
        assertThat(StatusProgress.compare("57", "58")).isEqualTo(BEHIND);
        assertThat(StatusProgress.movesForward("50", "58")).isFalse();
    }

    @Test
    void everyDecisionIsAheadOfEveryApplicationStep() {
        for (String decision : new String[] {"50", "52", "57", "58", "90", "93"}) {
            for (String step : new String[] {"05", "09", "11", "20", "34", "43", "45", "49"}) {
                assertThat(StatusProgress.compare(decision, step)).as(decision + " vs " + step).isEqualTo(AHEAD);
                assertThat(StatusProgress.movesForward(step, decision)).as(step + " over " + decision).isFalse();
            }
        }
    }

    @Test
    void applicationStepsFollowTheOrderLampiranTenListsThem() {
        assertThat(StatusProgress.compare("42", "09")).isEqualTo(AHEAD);
        assertThat(StatusProgress.compare("09", "20")).isEqualTo(BEHIND);
        assertThat(StatusProgress.compare("11", "20")).as("documents returned after validation: for a person")
                .isEqualTo(BEHIND);
    }

    @Test
    void conflictingDecisionsAreOrderedNeitherWay() {
        assertThat(StatusProgress.compare("50", "90")).isEqualTo(UNORDERED);
        assertThat(StatusProgress.compare("90", "50")).isEqualTo(UNORDERED);
        assertThat(StatusProgress.compare("57", "50")).isEqualTo(UNORDERED);
        assertThat(StatusProgress.compare("93", "58")).isEqualTo(UNORDERED);
        assertThat(StatusProgress.movesForward("90", "50")).isFalse();
    }

    @Test
    void sanctionsOnAnIssuedPermitAreAheadOfItsApprovalButNotOfARefusal() {
        assertThat(StatusProgress.compare("60", "58")).isEqualTo(AHEAD);
        assertThat(StatusProgress.compare("70", "50")).isEqualTo(AHEAD);
        assertThat(StatusProgress.compare("80", "90")).isEqualTo(UNORDERED);
        assertThat(StatusProgress.compare("60", "70")).isEqualTo(UNORDERED);
    }

    @Test
    void unknownCodesAreOrderedAgainstNothing() {
        assertThat(StatusProgress.compare("99", "09")).isEqualTo(UNORDERED);
        assertThat(StatusProgress.compare("50", null)).isEqualTo(UNORDERED);
        assertThat(StatusProgress.compare("99", "99")).isEqualTo(SAME);
    }

    /** A code added to the PIA's list must be placed in the order before a re-send may use it. */
    @Test
    void everyLampiranTenCodeHasAPlaceInTheOrder() {
        var codes = CodeLists.pia().list(CodeLists.STATUS_IZIN).orElseThrow().entries().keySet();

        assertThat(codes).isNotEmpty().allSatisfy(code ->
                assertThat(StatusProgress.compare(code, "09") != UNORDERED || code.equals("09")).as(code).isTrue());
    }

    @Test
    void aPermitIsInForceOnceApprovedIssuedOrUnderSupervisionButNotWhenRefusedOrStillAnApplication() {
        assertThat(List.of("50", "52", "57", "58", "60", "70", "80")).allMatch(StatusProgress::inForce);
        assertThat(List.of("05", "09", "20", "49", "90", "93", "99")).noneMatch(StatusProgress::inForce);
    }
}
