package id.simpul.applicant.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompanyNameNormaliserTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "PT Sinar Jaya Abadi|01",
            "PT. Sinar Jaya Abadi|01",
            "P.T. Sinar Jaya Abadi|01",
            "P.T Sinar Jaya Abadi|01",
            "Perseroan Terbatas Sinar Jaya Abadi|01",
            "Sinar Jaya Abadi, PT|01",
            "CV Sinar Jaya Abadi|02",
            "C.V. Sinar Jaya Abadi|02",
            "Perseroan Komanditer Sinar Jaya Abadi|02",
            "Firma Sinar Jaya Abadi|05",
            "Fa. Sinar Jaya Abadi|05",
            "Koperasi Sinar Jaya Abadi|07",
            "KSU Sinar Jaya Abadi|07",
            "KUD Sinar Jaya Abadi|07",
            "Koperasi Serba Usaha Sinar Jaya Abadi|07",
            "Yayasan Sinar Jaya Abadi|10",
            "UD Sinar Jaya Abadi|17",
            "Usaha Dagang Sinar Jaya Abadi|17",
            "Perum Sinar Jaya Abadi|21",
            "Perumda Sinar Jaya Abadi|22",
            "Perusahaan Umum Daerah Sinar Jaya Abadi|22",
            "BUM Desa Sinar Jaya Abadi|28",
            "BUMDes Sinar Jaya Abadi|28",
            "Badan Usaha Milik Desa Sinar Jaya Abadi|28",
            "BUM Desa Bersama Sinar Jaya Abadi|29",
            "PT Perorangan Sinar Jaya Abadi|26"})
    void legalFormBecomesTheOssJenisPerseroanCode(String raw, String code) {
        CompanyNameNormaliser.CompanyName name = CompanyNameNormaliser.normalise(raw);

        assertThat(name.formCode()).isEqualTo(code);
        assertThat(name.core()).isEqualTo("sinar jaya abadi");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "K.U.D. Sinar Jaya Abadi|07",
            "K.S.U. Sinar Jaya Abadi|07",
            "K. S. P. Sinar Jaya Abadi|07",
            "Sinar Jaya Abadi, K.U.D.|07",
            "U.D. Sinar Jaya Abadi|17"})
    void legalFormWrittenAsDottedLettersOfAnyLengthIsRecognised(String raw, String code) {
        CompanyNameNormaliser.CompanyName name = CompanyNameNormaliser.normalise(raw);

        assertThat(name.formCode()).isEqualTo(code);
        assertThat(name.core()).isEqualTo("sinar jaya abadi");
    }

    @Test
    void tbkAndPerseroAreFlagsNotPartOfTheName() {
        CompanyNameNormaliser.CompanyName tbk = CompanyNameNormaliser.normalise("PT Bukit Asam Tbk.");
        CompanyNameNormaliser.CompanyName persero = CompanyNameNormaliser.normalise("PT Pusri (Persero)");

        assertThat(tbk.core()).isEqualTo("bukit asam");
        assertThat(tbk.tbk()).isTrue();
        assertThat(persero.core()).isEqualTo("pusri");
        assertThat(persero.persero()).isTrue();
        assertThat(persero.formCode()).isEqualTo(CompanyNameNormaliser.PT);
    }

    @Test
    void nameWithoutFormHasNoCode() {
        CompanyNameNormaliser.CompanyName name = CompanyNameNormaliser.normalise("Toko Berkah");

        assertThat(name.formCode()).isEmpty();
        assertThat(name.core()).isEqualTo("toko berkah");
    }

    @Test
    void formWordAloneIsNotStrippedToNothing() {
        assertThat(CompanyNameNormaliser.normalise("Koperasi").core()).isEqualTo("koperasi");
    }

    @Test
    void oldSpellingAndCaseInCompanyNamesAreNormalised() {
        // Djaja is today's Jaya: dj became j, and the old j became y.
        assertThat(CompanyNameNormaliser.normalise("PT DJAJA SOEKSES").core()).isEqualTo("jaya sukses")
                .isEqualTo(CompanyNameNormaliser.normalise("PT Jaya Sukses").core());
        assertThat(CompanyNameNormaliser.normalise("CV Maju & Jaya").core()).isEqualTo("maju dan jaya");
    }
}
