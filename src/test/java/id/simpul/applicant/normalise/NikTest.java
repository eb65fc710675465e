package id.simpul.applicant.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class NikTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 29);

    @Test
    void maleNikCarriesRegionAndBirthDate() {
        Nik nik = Nik.parse("1671011505900003", null, null, TODAY);

        assertThat(nik.quality()).isEqualTo(Nik.Quality.STRONG);
        assertThat(nik.region()).isEqualTo("167101");
        assertThat(nik.birthDate()).isEqualTo(LocalDate.of(1990, 5, 15));
        assertThat(nik.female()).isFalse();
    }

    @Test
    void fortyAddedToTheDayMarksAWoman() {
        Nik nik = Nik.parse("1607045708750002", LocalDate.of(1975, 8, 17), "F", TODAY);

        assertThat(nik.female()).isTrue();
        assertThat(nik.birthDate()).isEqualTo(LocalDate.of(1975, 8, 17));
        assertThat(nik.quality()).isEqualTo(Nik.Quality.STRONG);
    }

    @Test
    void twoDigitYearAfterThisYearIsTheLastCentury() {
        assertThat(Nik.parse("1671010101300001", null, null, TODAY).birthDate().getYear()).isEqualTo(1930);
        assertThat(Nik.parse("1671010101050001", null, null, TODAY).birthDate().getYear()).isEqualTo(2005);
    }

    @Test
    void twoDigitYearOfThisYearIsTheLastCenturyWhenTheDateIsStillToCome() {
        // TODAY is 2026-11-29: 31-12-26 has not come yet this year, so the holder was born in 1926.
        assertThat(Nik.parse("1671013112260003", null, null, TODAY).birthDate()).isEqualTo(LocalDate.of(1926, 12, 31));
        assertThat(Nik.parse("1671012811260003", null, null, TODAY).birthDate()).isEqualTo(LocalDate.of(2026, 11, 28));
    }

    @Test
    void spacesAndDotsAreIgnored() {
        assertThat(Nik.parse("1671 0115 0590 0003", null, null, TODAY).digits()).isEqualTo("1671011505900003");
        assertThat(Nik.parse("1671.0115.0590.0003", null, null, TODAY).quality()).isEqualTo(Nik.Quality.STRONG);
    }

    @Test
    void nikContradictingTheRecordsBirthDateIsOnlyWeak() {
        Nik nik = Nik.parse("1671011505900003", LocalDate.of(1985, 6, 6), "M", TODAY);

        assertThat(nik.quality()).isEqualTo(Nik.Quality.WEAK);
        assertThat(nik.usable()).isTrue();
    }

    @Test
    void nikContradictingTheRecordsSexIsOnlyWeak() {
        assertThat(Nik.parse("1671011505900003", null, "F", TODAY).quality()).isEqualTo(Nik.Quality.WEAK);
        assertThat(Nik.parse("1671015505900003", null, "M", TODAY).quality()).isEqualTo(Nik.Quality.WEAK);
    }

    @Test
    void impossibleNiksAreInvalid() {
        assertThat(Nik.parse("12345", null, null, TODAY).quality()).isEqualTo(Nik.Quality.INVALID);
        assertThat(Nik.parse("0071011505900003", null, null, TODAY).quality()).isEqualTo(Nik.Quality.INVALID);
        assertThat(Nik.parse("1671013213900003", null, null, TODAY).quality()).isEqualTo(Nik.Quality.INVALID);
        assertThat(Nik.parse("1671011505900000", null, null, TODAY).quality()).isEqualTo(Nik.Quality.INVALID);
        assertThat(Nik.parse("1671017505900003", null, null, TODAY).quality()).isEqualTo(Nik.Quality.INVALID);
    }

    @Test
    void placeholderNiksOfOneRepeatedDigitAreInvalid() {
        // 1111111111111111 reads as Aceh Utara, 11-11-1911, serial 1111: well-formed, but a placeholder.
        assertThat(Nik.parse("1111111111111111", null, null, TODAY).quality()).isEqualTo(Nik.Quality.INVALID);
        assertThat(Nik.parse("2222222222222222", null, null, TODAY).quality()).isEqualTo(Nik.Quality.INVALID);
    }

    @Test
    void provinceRegencyOrDistrictThatDoesNotExistIsInvalid() {
        // Province codes (Permendagri): 11-19, 21, 31-36, 51-53, 61-65, 71-76, 81-82, 91-96; regency and district
        // codes start at 01.
        assertThat(Nik.parse("2071011505900003", null, null, TODAY).quality()).isEqualTo(Nik.Quality.INVALID);
        assertThat(Nik.parse("4571011505900003", null, null, TODAY).quality()).isEqualTo(Nik.Quality.INVALID);
        assertThat(Nik.parse("1600011505900003", null, null, TODAY).quality()).isEqualTo(Nik.Quality.INVALID);
        assertThat(Nik.parse("1671001505900003", null, null, TODAY).quality()).isEqualTo(Nik.Quality.INVALID);
        assertThat(Nik.parse("2171011505900003", null, null, TODAY).quality()).isEqualTo(Nik.Quality.STRONG);
        assertThat(Nik.parse("9671011505900003", null, null, TODAY).quality()).isEqualTo(Nik.Quality.STRONG);
    }

    @Test
    void missingNikIsAbsent() {
        assertThat(Nik.parse(null, null, null, TODAY).quality()).isEqualTo(Nik.Quality.ABSENT);
        assertThat(Nik.parse("-", null, null, TODAY).quality()).isEqualTo(Nik.Quality.ABSENT);
    }

    @Test
    void maskShowsOnlyRegionPrefixAndLastDigits() {
        assertThat(Nik.mask("1671011505900003")).isEqualTo("1671**********03").doesNotContain("150590");
    }
}
