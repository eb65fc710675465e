package id.simpul.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.simpul.platform.json.Json;
import id.simpul.platform.json.JsonDiff;
import id.simpul.support.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void freeTextKeepsItsWordsButNotTheNiksPhoneNumbersAndEmailAddressesInIt() {
        String notes = "Pemohon NIK 1607111204780003 (juga ditulis 1607 1112 0478 0003), hubungi 0812-7788-9900 "
                + "atau +62 812 7788 9900, kantor (0711) 412345, surel budi.santoso@example.id; KTP di "
                + "https://oss.go.id/file/I-202611210915001234567/KTP_1607111204780003.pdf, NIB 9120301234567, "
                + "surat 0456/2026 tanggal 2026-11-18";

        String masked = PersonalData.maskText(notes);

        assertThat(masked).doesNotContain(NIK).doesNotContain("1112 0478").doesNotContain("7788")
                .doesNotContain("412345").doesNotContain("budi.santoso")
                .contains("NIK 1607**********03").contains("KTP_1607**********03.pdf")
                .contains("hubungi *********900").contains("b***@example.id")
                .contains("I-202611210915001234567").contains("NIB 9120301234567").contains("surat 0456/2026")
                .contains("tanggal 2026-11-18").startsWith("Pemohon NIK");
        assertThat(PersonalData.maskText("KRK sesuai, lokasi di kawasan lindung")).isEqualTo(
                "KRK sesuai, lokasi di kawasan lindung");
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
    void aRequirementsNoteAndFileNamedByTheNikAreMaskedByFormInTheCanonicalMessageAndInOssPush() {
        // A KTP scan is often filed under the NIK, and a note may quote it: both are read by every role in the
        // trail and the dead letters.
        String note = "KTP pemohon " + NIK + ", telp 0812-7788-9900";
        String file = "https://oss.go.id/file/I-202611210915001234567/KTP_" + NIK + ".pdf";
        ObjectNode permit = (ObjectNode) Json.tree(Fixtures.text("delivery/canonical-permit-banyuasin.json"));
        ((ObjectNode) permit.at("/permit/requirements/0")).put("note", note).put("fileUrl", file);
        ObjectNode push = (ObjectNode) Json.tree(Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json"));
        ObjectNode requirement = (ObjectNode) push.at("/dataNIB/data_checklist/0/data_persyaratan/0");
        requirement.put("keterangan", note).put("file_dokumen", file);

        JsonNode maskedPermit = PersonalData.masked(permit);
        JsonNode maskedPush = PersonalData.masked(push);

        String maskedNote = "KTP pemohon 1607**********03, telp *********900";
        String maskedFile = "https://oss.go.id/file/I-202611210915001234567/KTP_1607**********03.pdf";
        assertThat(maskedPermit.at("/permit/requirements/0/note").asText()).isEqualTo(maskedNote);
        assertThat(maskedPermit.at("/permit/requirements/0/fileUrl").asText()).isEqualTo(maskedFile);
        assertThat(maskedPush.at("/dataNIB/data_checklist/0/data_persyaratan/0/keterangan").asText()).isEqualTo(maskedNote);
        assertThat(maskedPush.at("/dataNIB/data_checklist/0/data_persyaratan/0/file_dokumen").asText())
                .isEqualTo(maskedFile);
        assertThat(maskedPermit.at("/permit/requirements/0/documentNo").asText()).as("not free text")
                .isEqualTo(permit.at("/permit/requirements/0/documentNo").asText());
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
    void everyPersonalFieldOfThePiaExampleIsMaskedAndNoOtherField() {
        // Every value of the PIA's full receiveNIB example set to one phone-like value: a field is masked by its name.
        JsonNode filled = Json.tree(Fixtures.text("mappings/oss/receiveNIB-pia-example-filled.input.json"));
        fill(filled, "0812-7788-9900");

        Set<String> masked = new TreeSet<>();
        JsonDiff.between(filled, PersonalData.masked(filled)).forEach(c -> masked.add(fieldOf(c.path())));

        assertThat(masked).containsExactlyInAnyOrder(
                "nik", "no_identitas_penanggung_jwb", "no_identitas_pemegang_saham", "no_identitas_pj",
                "no_id_user_proses",
                "hp", "hp_user_proses", "no_hp_penanggung_jwb", "no_telp_penanggung_jwb", "no_fax_penanggung_jwb",
                "nomor_telpon_perseroan", "fax_pemegang_saham", "telepon_notaris",
                "email", "email_penanggung_jwb", "email_pemegang_saham", "email_perusahaan", "email_user_proses",
                "tgl_lahir_user_proses",
                // free text, masked by what it holds: here a phone number
                "keterangan", "file_dokumen");
    }

    @Test
    void aNotarysPhoneIsPersonalDataSoShowingItUnmaskedIsAudited() {
        JsonNode legalitas = Json.tree("{\"dataNIB\":{\"legalitas\":[{\"nama_notaris\":\"Notaris X\","
                + "\"telepon_notaris\":\"0711-356789\"}]}}");

        assertThat(PersonalData.masked(legalitas).at("/dataNIB/legalitas/0/telepon_notaris").asText())
                .isEqualTo("*******789");
        assertThat(PersonalData.containsPersonalData(legalitas)).isTrue();
    }

    @Test
    void aPhoneFieldIsKnownByAWholeWordOfItsNameWhateverTheSpelling() {
        assertThat(List.of("telepon_notaris", "telp_perusahaan_ln", "no_hp", "noHp", "notaryPhone", "nomor-telpon",
                "FAX_PEMEGANG_SAHAM", "tlp_kantor", "no_whatsapp")).allMatch(PersonalData::isPhoneField);
        assertThat(List.of("shp_file", "hpl", "telpak", "alamat_notaris", "faximile_count", "kd_hphp", "graph"))
                .noneMatch(PersonalData::isPhoneField);
    }

    @Test
    void thePersonIsFoundByTheIdentityNumberWhereverItSitsAndASixteenDigitNpwpIsOne() {
        assertThat(PersonalData.identityIn(Json.tree(Fixtures.text("delivery/canonical-permit-banyuasin.json"))))
                .isEqualTo(NIK);
        assertThat(PersonalData.identityIn(Json.tree(Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json"))))
                .as("a raw push").isEqualTo(NIK);
        assertThat(PersonalData.identityIn(Json.tree(Fixtures.text("platform/security/receiveNIBSTPW-personal.json"))))
                .as("an STPW push: the account that filed it, before the franchisor's passport").isEqualTo(NIK);
        assertThat(PersonalData.identityIn(Json.tree("{\"name\":\"Usaha Yusuf\",\"npwp\":\"1607.1112.0478.0003\","
                + "\"phone\":\"0812-7788-9900\"}"))).as("a sole trader's business block").isEqualTo("1607.1112.0478.0003");
        assertThat(PersonalData.identityIn(Json.tree("{\"name\":\"PT Maju\",\"npwp\":\"09.254.294.3-312.000\","
                + "\"phone\":\"0711-356789\"}"))).as("a company is no data subject").isNull();
    }

    private static void fill(JsonNode node, String value) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode child = object.get(name);
                if (child.isValueNode()) {
                    object.put(name, value);
                } else {
                    fill(child, value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isValueNode()) {
                    array.set(i, array.textNode(value));
                } else {
                    fill(array.get(i), value);
                }
            }
        }
    }

    /** The field a changed value sits under ("/dataNIB/legalitas/0/telepon_notaris" → "telepon_notaris"). */
    private static String fieldOf(String path) {
        String[] segments = path.split("/");
        for (int i = segments.length - 1; i > 0; i--) {
            if (!segments[i].chars().allMatch(Character::isDigit)) {
                return segments[i].strip();
            }
        }
        return path;
    }

    @Test
    void emptyAndNullValuesAreNotPersonalData() {
        JsonNode empty = Json.tree("{\"telp_pj\":\"\",\"email_pj\":null,\"tgl_lahir_user_proses\":\"\",\"npwp\":\"\"}");

        assertThat(PersonalData.containsPersonalData(empty)).isFalse();
    }

    /**
     * The e-mail pattern once tried a long run of word characters with no @ after it from each of its characters to
     * its end: a 1 MiB discard reason that also held an address took minutes (it now returns at once).
     */
    @Test
    void aMegabyteRunOfLettersBesideAnAddressIsScannedOnce() {
        String run = "x".repeat(1 << 20);

        assertThat(PersonalData.maskText(run + " kontak admin@dpmptsp.banyuasinkab.go.id"))
                .isEqualTo(run + " kontak a***@dpmptsp.banyuasinkab.go.id");
    }

    /** Every NIK opens with a province code; a target's 16-digit reference that starts with its year does not. */
    @Test
    void aSixteenDigitNumberThatOpensNoProvinceIsNotTakenForANik() {
        String line = "id_izin=I-20261130224511361503298 v1 delivered to banyuasin as 2026113012345672; pemohon 1607111204780003";

        assertThat(PersonalData.maskText(line)).isEqualTo(
                "id_izin=I-20261130224511361503298 v1 delivered to banyuasin as 2026113012345672; pemohon 1607**********03");
    }

    /** The audit names the person a text's NIK is, not a reference before it that masking leaves alone. */
    @Test
    void aTextsDataSubjectIsTheNikTheMaskTellsNotAnEarlierReference(@TempDir Path dataDir) {
        PersonalData personal = new PersonalData(Base64.getEncoder().encodeToString(new byte[32]), dataDir);

        assertThat(personal.textSubject("delivered as 2026113012345672; pemohon 1607111204780003"))
                .isEqualTo(personal.subjectKey("1607111204780003"));
        assertThat(personal.textSubject("delivered as 2026113012345672")).isNull();
    }
}
