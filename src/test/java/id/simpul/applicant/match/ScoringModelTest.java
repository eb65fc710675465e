package id.simpul.applicant.match;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.applicant.RegistryFixture;
import id.simpul.applicant.SourceRecord;
import org.junit.jupiter.api.Test;

class ScoringModelTest {

    private static final FeatureExtractor EXTRACTOR = new FeatureExtractor(RegistryFixture.PII, RegistryFixture.CLOCK);
    private final ScoringModel model = new ScoringModel();

    private static Features person(String name, String nik, String birthDate, String gender) {
        return EXTRACTOR.extract(new SourceRecord("t", "PERSON", name, nik, null, null, birthDate, null, gender, null,
                null, null)).features();
    }

    @Test
    void aPersonsNpwpUnderTheSameTaxpayerWithAnotherSuffixIsAnotherPerson() {
        // A married woman without her own NPWP reports under her husband's: his first nine digits, another suffix.
        // Only a company's branches are one applicant by the taxpayer's digits.
        Features husband = withNpwp("PERSON", "Budi Hartono", "01.234.567.8-901.000");
        Features wife = withNpwp("PERSON", "Budi Hartono", "01.234.567.8-901.001");
        Features headOffice = withNpwp("ORGANIZATION", "PT Bukit Sriwijaya Lestari", "01.234.567.8-901.000");
        Features branch = withNpwp("ORGANIZATION", "PT Bukit Sriwijaya Lestari", "01.234.567.8-901.001");

        assertThat(model.score(husband, husband) - model.score(husband, wife))
                .isEqualTo(ScoringModel.NPWP_AGREE_PERSON - ScoringModel.NPWP_DISAGREE_PERSON);
        assertThat(model.conflicts(husband, wife)).isFalse();
        assertThat(model.score(headOffice, branch)).isEqualTo(model.score(headOffice, headOffice));
    }

    private static Features withNpwp(String type, String name, String npwp) {
        return EXTRACTOR.extract(new SourceRecord("t", type, name, null, npwp, null, null, null, null, null, null, null))
                .features();
    }

    @Test
    void birthDateTyposArePartialAgreement() {
        assertThat(ScoringModel.birthLevel(19900515, 19900515)).isEqualTo(ScoringModel.EXACT);
        assertThat(ScoringModel.birthLevel(19900515, 19900516)).isEqualTo(ScoringModel.PARTIAL);
        assertThat(ScoringModel.birthLevel(19900506, 19900605)).isEqualTo(ScoringModel.PARTIAL);
        assertThat(ScoringModel.birthLevel(19900515, 19910515)).isEqualTo(ScoringModel.PARTIAL);
        assertThat(ScoringModel.birthLevel(19900515, 19851120)).isEqualTo(ScoringModel.DISAGREE);
    }

    @Test
    void oneTypoApartCoversSubstitutionInsertionDeletionAndSwap() {
        assertThat(ScoringModel.oneEditApart("nurul", "nugul")).isTrue();
        assertThat(ScoringModel.oneEditApart("rahmat", "rahmad")).isTrue();
        assertThat(ScoringModel.oneEditApart("ahmad", "amhad")).isTrue();
        assertThat(ScoringModel.oneEditApart("kartika", "karika")).isTrue();
        assertThat(ScoringModel.oneEditApart("santoso", "susanto")).isFalse();
    }

    @Test
    void nameLevelsFromExactToDisagree() {
        assertThat(ScoringModel.nameLevel(person("Budi Santoso", null, null, null), person("BUDI SANTOSO, S.E.", null, null, null)))
                .isEqualTo(ScoringModel.EXACT);
        assertThat(ScoringModel.nameLevel(person("Rizki Ramadhan", null, null, null), person("Rizky Ramadan", null, null, null)))
                .isEqualTo(ScoringModel.STRONG);
        assertThat(ScoringModel.nameLevel(person("Santoso Budi", null, null, null), person("Budi Santoso", null, null, null)))
                .isEqualTo(ScoringModel.STRONG);
        assertThat(ScoringModel.nameLevel(person("Nurul Kartika", null, null, null), person("Nurul Junaedi Kartika", null, null, null)))
                .isEqualTo(ScoringModel.PARTIAL);
        assertThat(ScoringModel.nameLevel(person("Budi Santoso", null, null, null), person("Eko Prasetyo", null, null, null)))
                .isEqualTo(ScoringModel.DISAGREE);
    }

    @Test
    void aCommonFirstNameAloneIsNotAPartialMatch() {
        assertThat(ScoringModel.nameLevel(person("Muhammad", null, null, null), person("Muhammad Rizki", null, null, null)))
                .isNotEqualTo(ScoringModel.PARTIAL);
    }

    @Test
    void mistypedNikDigitIsNearNotDisagree() {
        Features a = person("Yulia", "1607055705790001", null, null);
        Features b = person("Yulia", "1607055705790007", null, null);
        Features c = person("Yulia", "1671012301850004", null, null);

        assertThat(ScoringModel.nikNear(a, b)).isTrue();
        assertThat(ScoringModel.nikNear(a, c)).isFalse();
        assertThat(model.explain(a, b)).anySatisfy(e -> assertThat(e.field() + e.level()).isEqualTo("nikPARTIAL"));
    }

    @Test
    void consistentNiksWhoseDatesDifferInMoreThanOneDigitAreNotNear() {
        Features may15 = person("Budi Santoso", "1671011505900001", "1990-05-15", "M");
        Features may20 = person("Budi Santoso", "1671012005900001", "1990-05-20", "M");
        Features may16 = person("Budi Santoso", "1671011605900001", null, null);

        assertThat(ScoringModel.nikNear(may15, may20)).isFalse();
        assertThat(model.conflicts(may15, may20)).isTrue();
        assertThat(ScoringModel.nikNear(may15, may16)).isTrue();
    }

    @Test
    void differentConsistentNiksBirthDatesOrSexesConflict() {
        Features a = person("Ahmad Fauzi", "1610010303600001", "1960-03-03", "M");
        Features son = person("Ahmad Fauzi", "1610010909880002", "1988-09-09", "M");
        Features sameNoDob = person("Ahmad Fauzi", null, null, "M");
        Features woman = person("Ahmad Fauzi", null, null, "F");

        assertThat(model.conflicts(a, son)).isTrue();
        assertThat(model.conflicts(a, sameNoDob)).isFalse();
        assertThat(model.conflicts(sameNoDob, woman)).isTrue();
    }

    @Test
    void explanationAddsUpToTheScore() {
        Features a = person("Siti Aminah", "1671014302850001", "1985-02-03", "F");
        Features b = person("Hj. Siti Aminah", null, "1985-02-03", null);

        double sum = model.explain(a, b).stream().mapToDouble(ScoringModel.Contribution::weight).sum();

        assertThat(sum).isEqualTo(model.score(a, b));
    }
}
