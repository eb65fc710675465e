package id.simpul.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.json.Json;
import id.simpul.support.Fixtures;
import org.junit.jupiter.api.Test;

class PersonalDataTest {

    private static final String NIK = "1607111204780003";

    @Test
    void aMaskedNikKeepsOnlyItsFirstFourAndLastTwoDigitsSoTheBirthDateDigitsNeverShow() {
        assertThat(PersonalData.maskIdentity(NIK)).isEqualTo("1607**********03");
        assertThat(PersonalData.maskIdentity("1607 1112 0478 0003")).isEqualTo("1607**********03");
        assertThat(PersonalData.maskIdentity("A1234567")).isEqualTo("******67");
        assertThat(PersonalData.maskIdentity("12345")).isEqualTo("****");
    }

    @Test
    void aBirthDateIsShownAsItsYearOnly() {
        assertThat(PersonalData.maskBirthDate("1978-04-12")).isEqualTo("1978-**-**");
        assertThat(PersonalData.maskBirthDate("12/04/1978")).isEqualTo("1978-**-**");
        assertThat(PersonalData.maskBirthDate("12 April")).isEqualTo("****-**-**");
    }

    @Test
    void aCanonicalApplicantShowsNeitherTheBirthDayNorTheNikDigitsFiveToTwelve() {
        JsonNode permit = Json.tree(Fixtures.text("delivery/canonical-permit-banyuasin.json"));

        JsonNode masked = PersonalData.masked(permit);

        assertThat(masked.at("/applicant/birthDate").asText()).isEqualTo("1978-**-**");
        assertThat(masked.at("/applicant/identityNumber").asText()).isEqualTo("1607**********03");
        assertThat(Json.write(masked)).doesNotContain("04-12").doesNotContain("11120478").doesNotContain("120478");
        assertThat(PersonalData.containsPersonalData(permit)).isTrue();
    }

    @Test
    void aSixteenDigitNpwpIsMaskedLikeANikAndAFifteenDigitOneIsShown() {
        JsonNode payload = Json.tree(Fixtures.text("platform/security/receiveNIB-personal-arrays-and-npwp.json"));

        JsonNode masked = PersonalData.masked(payload);

        assertThat(masked.at("/dataNIB/npwp_perseroan").asText()).isEqualTo("1607**********03");
        assertThat(masked.at("/dataNIB/penanggung_jwb/0/npwp_penanggung_jwb").asText()).isEqualTo("1607**********03");
        assertThat(masked.at("/dataNIB/pemegang_saham/0/npwp_pemegang_saham").asText())
                .isEqualTo("09.254.294.3-312.000");
    }

    @Test
    void identityPhoneAndEmailValuesArrivingAsArraysAreMaskedAndFlagged() {
        JsonNode payload = Json.tree(Fixtures.text("platform/security/receiveNIB-personal-arrays-and-npwp.json"));

        JsonNode masked = PersonalData.masked(payload);

        JsonNode pj = masked.at("/dataNIB/penanggung_jwb/0");
        assertThat(pj.at("/no_identitas_penanggung_jwb/0").asText()).isEqualTo("1607**********03");
        assertThat(pj.at("/no_identitas_penanggung_jwb/1").asText()).isEqualTo("1607**********04");
        assertThat(pj.at("/no_hp_penanggung_jwb/0").asText()).isEqualTo("**********900");
        assertThat(pj.at("/no_hp_penanggung_jwb/1").asText()).isEqualTo("*********344");
        assertThat(pj.at("/email_penanggung_jwb/0").asText()).isEqualTo("m***@gmail.com");
        assertThat(pj.at("/no_fax_penanggung_jwb").asText()).isEqualTo("*******234");
        assertThat(masked.at("/dataNIB/pemegang_saham/0/fax_pemegang_saham").asText()).isEqualTo("*******876");
        assertThat(Json.write(masked)).doesNotContain("7788").doesNotContain("1122").doesNotContain("usaha@");
        assertThat(PersonalData.containsPersonalData(payload)).isTrue();
    }

    @Test
    void theStpwResponsiblePersonsPassportPhoneAndEmailAreMasked() {
        JsonNode payload = Json.tree(Fixtures.text("platform/security/receiveNIBSTPW-personal.json"));

        JsonNode masked = PersonalData.masked(payload).path("dataNIBSTPW");

        assertThat(masked.path("paspor_pj").asText()).isEqualTo("******67");
        assertThat(masked.path("telp_pj").asText()).isEqualTo("********432");
        assertThat(masked.path("email_pj").asText()).isEqualTo("j***@franchise.example");
        assertThat(masked.path("tgl_lahir_user_proses").asText()).isEqualTo("1978-**-**");
        assertThat(masked.path("no_id_user_proses").asText()).isEqualTo("1607**********03");
        assertThat(masked.path("nama_pj").asText()).isEqualTo("John Smith");
    }

    @Test
    void thePsePrincipalsPhoneAndEmailAreMaskedAndTheirPresenceAloneIsPersonalData() {
        JsonNode payload = Json.tree(Fixtures.text("platform/security/receiveNIBPSE-personal.json"));

        JsonNode masked = PersonalData.masked(payload).path("dataNIBPSE");

        assertThat(masked.path("email_prinsipal").asText()).isEqualTo("j***@principal.example");
        assertThat(masked.path("nomor_telepon_prinsipal").asText()).isEqualTo("*******567");
        assertThat(masked.path("tgl_lahir_user_proses").asText()).isEqualTo("1978-**-**");
        JsonNode onlyEmail = Json.tree("{\"email_prinsipal\":\"jane.doe@principal.example\"}");
        assertThat(PersonalData.containsPersonalData(onlyEmail)).isTrue();
    }

    @Test
    void emptyAndNullValuesAreNotPersonalData() {
        JsonNode empty = Json.tree("{\"telp_pj\":\"\",\"email_pj\":null,\"tgl_lahir_user_proses\":\"\",\"npwp\":\"\"}");

        assertThat(PersonalData.containsPersonalData(empty)).isFalse();
    }
}
