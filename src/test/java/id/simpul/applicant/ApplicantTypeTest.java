package id.simpul.applicant;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApplicantTypeTest {

    @ParameterizedTest
    @ValueSource(strings = {"ORGANIZATION", "badan usaha", "Badan Hukum", "BADAN_HUKUM", "Kantor Perwakilan",
            "Badan Usaha Luar Negeri", "perusahaan", "Korporasi", "non perorangan", "NON-PERORANGAN"})
    void organisationWordsAreOrganisations(String raw) {
        // Falling back to PERSON, a company's record could never match the company's other records (type -100).
        assertThat(ApplicantType.parse(raw)).isEqualTo(ApplicantType.ORGANIZATION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PERSON", "perorangan", "Perseorangan", "Orang Perseorangan", "individu"})
    void personWordsArePersons(String raw) {
        assertThat(ApplicantType.parse(raw)).isEqualTo(ApplicantType.PERSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"01 ORGANIZATION", "1 ORGANIZATION", "02 PERSON", "2 PERSON", "03 ORGANIZATION",
            "04 ORGANIZATION"})
    void numericCodesAreOssJenisPelakuUsaha(String codeAndType) {
        // Lampiran 18: 01 Badan Usaha, 02 Perseorangan, 03 Kantor Perwakilan, 04 Badan Usaha Luar Negeri.
        String[] parts = codeAndType.split(" ");
        assertThat(ApplicantType.parse(parts[0])).isEqualTo(ApplicantType.valueOf(parts[1]));
    }
}
