package id.simpul.applicant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each evidence combination the matcher must link, and each hard negative it must keep apart. */
class ApplicantMatchingTest {

    private static final Map<String, SourceRecord> CASES = RegistryFixture.cases("matcher-cases.jsonl");

    private RegistryFixture fx;

    @BeforeEach
    void registry() {
        fx = new RegistryFixture();
    }

    private Resolution resolve(String ref) {
        return fx.resolve(CASES.get(ref));
    }

    @Test
    void sameValidNikLinksDespiteTitlesDegreesAndMuhammadAbbreviation() {
        Resolution a = resolve("case:nik-a");
        Resolution b = resolve("case:nik-b");

        assertThat(a.outcome()).isEqualTo(Resolution.Outcome.NEW);
        assertThat(b.outcome()).isEqualTo(Resolution.Outcome.LINKED);
        assertThat(b.applicantId()).isEqualTo(a.applicantId());
    }

    @Test
    void nameAndBirthDateWithoutAnyIdentifierLink() {
        Resolution a = resolve("case:name-dob-a");
        Resolution b = resolve("case:name-dob-b");

        assertThat(b.applicantId()).isEqualTo(a.applicantId());
    }

    @Test
    void oldSpellingNameWithSameAddressAndPhoneLinks() {
        Resolution a = resolve("case:addr-phone-a");
        Resolution b = resolve("case:addr-phone-b");

        assertThat(b.outcome()).isEqualTo(Resolution.Outcome.LINKED);
        assertThat(b.applicantId()).isEqualTo(a.applicantId());
    }

    @Test
    void sharedNpwpAddressAndPhoneDoNotMakeSpousesOnePerson() {
        Resolution husband = resolve("case:spouse-husband");
        Resolution wife = resolve("case:spouse-wife");

        assertThat(wife.applicantId()).isNotEqualTo(husband.applicantId());
        assertThat(wife.outcome()).isEqualTo(Resolution.Outcome.NEW);
    }

    @Test
    void commonNameWithOtherNikAndBirthDateIsANewApplicant() {
        Resolution first = resolve("case:common-1");
        Resolution second = resolve("case:common-2");

        assertThat(second.applicantId()).isNotEqualTo(first.applicantId());
        assertThat(second.outcome()).isEqualTo(Resolution.Outcome.NEW);
    }

    @Test
    void fatherAndSonOfOneNameAtOneAddressStayApartAndAtMostGoToReview() {
        Resolution father = resolve("case:father");
        Resolution son = resolve("case:son");

        assertThat(son.applicantId()).isNotEqualTo(father.applicantId());
        assertThat(son.outcome()).isIn(Resolution.Outcome.NEW, Resolution.Outcome.NEW_WITH_REVIEW);
    }

    @Test
    void sameNikUnderAnotherNameGoesToReviewInsteadOfLinking() {
        // The birth date and sex both records carry are the NIK's own digits: they cannot outvote the name.
        Resolution owner = resolve("case:nik-owner");
        Resolution other = resolve("case:nik-other-name");

        assertThat(other.applicantId()).isNotEqualTo(owner.applicantId());
        assertThat(other.outcome()).isEqualTo(Resolution.Outcome.NEW_WITH_REVIEW);
    }

    @Test
    void counterRecordWithOnlySomeoneElsesNikIsNotLinkedToThatPerson() {
        // Birth date and sex are read from the NIK when the form leaves them empty; they are no evidence on their own.
        Resolution owner = resolve("case:nik-owner");
        Resolution counter = resolve("case:nik-counter-other-name");

        assertThat(counter.applicantId()).isNotEqualTo(owner.applicantId());
        assertThat(counter.outcome()).isEqualTo(Resolution.Outcome.NEW_WITH_REVIEW);
    }

    @Test
    void sonIsNotLinkedToHisFathersApplicantWhenAFatherRecordWithNikScoresBelowZero() {
        // The father's record with NIK and birth date contradicts the son (other NIK, other birth date) so much that
        // it scores below zero against him; it still belongs to the master the son's record would join.
        Resolution father = resolve("case:father-with-nik");
        Resolution fatherAtHome = resolve("case:father-at-home");
        Resolution son = resolve("case:son-at-home");

        assertThat(fatherAtHome.applicantId()).isEqualTo(father.applicantId());
        assertThat(son.applicantId()).isNotEqualTo(father.applicantId());
        assertThat(son.outcome()).isEqualTo(Resolution.Outcome.NEW_WITH_REVIEW);
    }

    @Test
    void placeholderNikTypedForUnknownApplicantsIsNoKey() {
        // Counters type 16 ones when the applicant has no KTP at hand; two namesakes must not become one on it.
        Resolution first = resolve("case:placeholder-nik-1");
        Resolution second = resolve("case:placeholder-nik-2");

        assertThat(second.applicantId()).isNotEqualTo(first.applicantId());
        assertThat(second.outcome()).isEqualTo(Resolution.Outcome.NEW_WITH_REVIEW);
    }

    @Test
    void nikOfSomeoneBornLateIn1926LinksAlsoWhereTheFormHasNoBirthDate() {
        // Today is 2026-11-29: the NIK's 31-12-26 is 1926, not a birth date a month in the future.
        Resolution dated = resolve("case:born-1926-dated");
        Resolution nikOnly = resolve("case:born-1926-nik-only");

        assertThat(nikOnly.outcome()).isEqualTo(Resolution.Outcome.LINKED);
        assertThat(nikOnly.applicantId()).isEqualTo(dated.applicantId());
    }

    @Test
    void namesakesOfOneDistrictWithSerial0001AndBirthDaysTwoDigitsApartStayApart() {
        // Serials restart for every district and birth date, so 0001 is the commonest: two NIKs with the same region
        // and serial whose dates differ in two digits (15 and 20 May) are two people, not one mistyped digit.
        Resolution first = resolve("case:serial-0001-born-15");
        Resolution second = resolve("case:serial-0001-born-20");

        assertThat(second.applicantId()).isNotEqualTo(first.applicantId());
        assertThat(second.outcome()).isIn(Resolution.Outcome.NEW, Resolution.Outcome.NEW_WITH_REVIEW);
    }

    @Test
    void sameNameOnAStreetOrHamletWithoutHouseNumbersIsReviewedNotLinked() {
        // Street agreement is worth +4 as street and house number; a street or dusun without numbers is shared by
        // everyone living on it, and with a common name it linked two records on name, street and village alone.
        Resolution street1 = resolve("case:street-no-number-1");
        Resolution street2 = resolve("case:street-no-number-2");
        Resolution hamlet1 = resolve("case:hamlet-1");
        Resolution hamlet2 = resolve("case:hamlet-2");

        assertThat(street2.applicantId()).isNotEqualTo(street1.applicantId());
        assertThat(street2.outcome()).isEqualTo(Resolution.Outcome.NEW_WITH_REVIEW);
        assertThat(hamlet2.applicantId()).isNotEqualTo(hamlet1.applicantId());
        assertThat(hamlet2.outcome()).isEqualTo(Resolution.Outcome.NEW_WITH_REVIEW);
    }

    @Test
    void mistypedNikDigitStillLinksOnNameAndTheOtherNikParts() {
        Resolution a = resolve("case:typo-a");
        Resolution b = resolve("case:typo-b");

        assertThat(b.applicantId()).isEqualTo(a.applicantId());
    }

    @Test
    void nikThatContradictsTheRecordsOwnSexAndBirthDateIsNotAKey() {
        Resolution a = resolve("case:weak-a");
        Resolution b = resolve("case:weak-b");

        assertThat(b.applicantId()).isNotEqualTo(a.applicantId());
    }

    @Test
    void sameNibLinksCompanyNameWrittenAsPerseroanTerbatasTbk() {
        Resolution a = resolve("case:org-a");
        Resolution b = resolve("case:org-b");

        assertThat(b.outcome()).isEqualTo(Resolution.Outcome.LINKED);
        assertThat(b.applicantId()).isEqualTo(a.applicantId());
    }

    @Test
    void sameNpwpLinksACompanyWithoutNib() {
        Resolution a = resolve("case:org-a");
        Resolution e = resolve("case:org-e");

        assertThat(e.applicantId()).isEqualTo(a.applicantId());
    }

    @Test
    void lookAlikeCompaniesWithOtherNibStayApart() {
        Resolution pt = resolve("case:org-a");
        Resolution cv = resolve("case:org-c");
        Resolution longer = resolve("case:org-d");

        assertThat(cv.applicantId()).isNotEqualTo(pt.applicantId());
        assertThat(longer.applicantId()).isNotEqualTo(pt.applicantId());
    }

    @Test
    void branchOfficeUnderItsOwnNpwpSuffixIsTheSameCompany() {
        // NPWP 01.234.567.8-301.001: the first nine digits are the taxpayer, then the tax office (301) and the
        // branch (001; 000 = head office). A branch is no legal entity of its own: the applicant is the company.
        Resolution head = resolve("case:branch-head-office");
        Resolution branch = resolve("case:branch-office");
        Resolution branchWithoutNib = resolve("case:branch-office-without-nib");

        assertThat(branch.outcome()).isEqualTo(Resolution.Outcome.LINKED);
        assertThat(branch.applicantId()).isEqualTo(head.applicantId());
        assertThat(branchWithoutNib.outcome()).isEqualTo(Resolution.Outcome.LINKED);
        assertThat(branchWithoutNib.applicantId()).isEqualTo(head.applicantId());
    }

    @Test
    void sameCompanyNameUnderAnotherTaxpayersNpwpStaysApart() {
        Resolution head = resolve("case:branch-head-office");
        Resolution other = resolve("case:other-taxpayer");

        assertThat(other.applicantId()).isNotEqualTo(head.applicantId());
    }

    @Test
    void personAndOrganisationNeverLink() {
        Resolution org = resolve("case:org-a");
        SourceRecord person = new SourceRecord("case:person-named-like-org", "PERSON", "Sinar Jaya Abadi", null,
                "02.345.678.9-012.000", "8120001234567", null, null, null, null, "0711-355000", "info@sinarjaya.co.id");

        assertThat(fx.resolve(person).applicantId()).isNotEqualTo(org.applicantId());
    }

    @Test
    void nameOnlyAgreementOpensAReviewItemInsteadOfLinking() {
        Resolution a = resolve("case:review-a");
        Resolution b = resolve("case:review-b");

        assertThat(b.outcome()).isEqualTo(Resolution.Outcome.NEW_WITH_REVIEW);
        assertThat(b.applicantId()).isNotEqualTo(a.applicantId());
        assertThat(b.reviewIds()).hasSize(1);
    }

    @Test
    void resendingAKnownRecordKeepsItsApplicant() {
        Resolution first = resolve("case:nik-a");
        Resolution again = resolve("case:nik-a");

        assertThat(again.outcome()).isEqualTo(Resolution.Outcome.KNOWN);
        assertThat(again.applicantId()).isEqualTo(first.applicantId());
    }

    @Test
    void resendingAnUnchangedRecordAddsNoPostingsEvenWhenOthersShareItsBlocks() {
        resolve("case:nik-a");
        resolve("case:nik-b");
        int before = fx.registry.stats().postings();

        // Alternating re-sends: each one finds the other record at the head of the shared blocks.
        for (int i = 0; i < 5; i++) {
            resolve("case:nik-a");
            resolve("case:nik-b");
        }

        assertThat(fx.registry.stats().postings()).isEqualTo(before);
    }

    @Test
    void registryRebuiltFromTheStoreMatchesLikeTheOriginal() {
        Resolution a = resolve("case:nik-a");
        fx.registry = fx.open();

        Resolution b = resolve("case:nik-b");

        assertThat(b.outcome()).isEqualTo(Resolution.Outcome.LINKED);
        assertThat(b.applicantId()).isEqualTo(a.applicantId());
    }
}
