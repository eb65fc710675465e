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
}
