package id.simpul.applicant.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentifiersTest {

    @ParameterizedTest
    @CsvSource({"01.234.567.8-901.000", "012345678901000", "0012345678901000", "01 234 567 8 901 000"})
    void npwpIn15Or16DigitsAndWithPunctuationIsOneValue(String raw) {
        assertThat(Identifiers.npwp(raw)).isEqualTo("012345678901000");
    }

    @Test
    void sixteenDigitNpwpOfAResidentIsTheirNikAndIsKept() {
        assertThat(Identifiers.npwp("1671011505900003")).isEqualTo("1671011505900003");
    }

    @Test
    void placeholderAndWrongLengthNpwpAreNotNpwp() {
        assertThat(Identifiers.npwp("00.000.000.0-000.000")).isEmpty();
        assertThat(Identifiers.npwp("12345")).isEmpty();
        assertThat(Identifiers.npwp(null)).isEmpty();
    }

    @Test
    void nibIsThirteenDigits() {
        assertThat(Identifiers.nib("8120001234567")).isEqualTo("8120001234567");
        assertThat(Identifiers.nib(" 81200 01234567 ")).isEqualTo("8120001234567");
        assertThat(Identifiers.nib("812000123456")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"081234567890", "6281234567890", "+6281234567890", "+62 812-3456-7890", "(0812) 3456 7890",
            "0062 812 3456 7890"})
    void phoneFormsBecomeOneInternationalNumber(String raw) {
        assertThat(Identifiers.phone(raw)).isEqualTo("6281234567890");
    }

    @Test
    void landlineWithAreaCodeIsNormalisedToo() {
        assertThat(Identifiers.phone("(0711) 351234")).isEqualTo("62711351234");
        assertThat(Identifiers.phone("0711-351234")).isEqualTo(Identifiers.phone("+62 711 351234"));
    }

    @Test
    void tooShortPhoneIsNotANumber() {
        assertThat(Identifiers.phone("0812")).isEmpty();
        assertThat(Identifiers.phone("-")).isEmpty();
    }

    @Test
    void emailIsTrimmedAndLowerCased() {
        assertThat(Identifiers.email("  Budi.Santoso@Yahoo.co.id ")).isEqualTo("budi.santoso@yahoo.co.id");
        assertThat(Identifiers.email("mailto:info@sinarjaya.co.id")).isEqualTo("info@sinarjaya.co.id");
    }

    @Test
    void gmailIgnoresDotsAndPlusTags() {
        assertThat(Identifiers.email("Budi.Santoso+oss@gmail.com")).isEqualTo("budisantoso@gmail.com");
        assertThat(Identifiers.email("budisantoso@googlemail.com")).isEqualTo("budisantoso@gmail.com");
    }

    @Test
    void textWithoutOneAtSignIsNotAnEmail() {
        assertThat(Identifiers.email("budi santoso")).isEmpty();
        assertThat(Identifiers.email("a@b@c")).isEmpty();
        assertThat(Identifiers.email("@yahoo.com")).isEmpty();
    }
}
