package id.simpul.applicant.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressNormaliserTest {

    private static AddressNormaliser.Address line(String line) {
        return AddressNormaliser.normalise(line, null, null, null, null, null);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"Jl. Merdeka No. 12", "Jln Merdeka 12", "Jalan Merdeka Nomor 12", "JL.MERDEKA NO.12",
            "jl merdeka no 12"})
    void streetWordsAndHouseNumberFormsAreOneStreet(String raw) {
        assertThat(line(raw).street()).isEqualTo("jl merdeka 12");
    }

    @Test
    void gangAndLorongAreAbbreviatedConsistently() {
        assertThat(line("Gang Kenanga 3").street()).isEqualTo(line("Gg. Kenanga 3").street());
        assertThat(line("Lorong Sukarela 2").street()).isEqualTo(line("Lr. Sukarela 2").street());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"Jl. Merdeka 12 RT 01 RW 02", "Jl. Merdeka 12 RT.001/RW.002",
            "Jl. Merdeka 12 Rt 1 Rw 2", "Jl. Merdeka 12 RT/RW 001/002", "Jl. Merdeka 12 RT. 01 / RW. 02",
            "Jl. Merdeka 12, RT 001, RW 002"})
    void rtRwWrittenAnyWayIsOneValueAndLeavesTheStreet(String raw) {
        AddressNormaliser.Address a = line(raw);

        assertThat(a.rtRw()).isEqualTo("1/2");
        assertThat(a.street()).isEqualTo("jl merdeka 12");
    }

    @Test
    void villageDistrictAndRegencyPrefixesAreDropped() {
        AddressNormaliser.Address a = AddressNormaliser.normalise(null, "Desa Sukamaju", "Kec. Talang Kelapa",
                "Kabupaten Banyuasin", null, null);
        AddressNormaliser.Address b = AddressNormaliser.normalise(null, "Kel. Sukamaju", "Kecamatan Talang Kelapa",
                "Kab. Banyuasin", null, null);

        assertThat(a).isEqualTo(b);
        assertThat(a.village()).isEqualTo("sukamaju");
        assertThat(a.district()).isEqualTo("talang kelapa");
        assertThat(a.regency()).isEqualTo("banyuasin");
    }

    @Test
    void regionCodeGivesRegencyAndDistrictCodes() {
        AddressNormaliser.Address a = AddressNormaliser.normalise(null, null, null, null, "16.07.04.2001", "30761");

        assertThat(a.regionCode()).isEqualTo("1607042001");
        assertThat(a.regencyCode()).isEqualTo("1607");
        assertThat(a.districtCode()).isEqualTo("160704");
        assertThat(a.postalCode()).isEqualTo("30761");
    }

    @Test
    void oldSpellingInPlaceNamesIsModernised() {
        // Soerabaja is today's Surabaya: oe became u, and the old j became y.
        assertThat(AddressNormaliser.place("Soerabaja", Set.of())).isEqualTo("surabaya")
                .isEqualTo(AddressNormaliser.place("Surabaya", Set.of()));
    }

    @Test
    void birthPlaceAbbreviationsAndPrefixesAreExpanded() {
        assertThat(AddressNormaliser.birthPlace("Plg")).isEqualTo("palembang");
        assertThat(AddressNormaliser.birthPlace("Kota Palembang")).isEqualTo("palembang");
        assertThat(AddressNormaliser.birthPlace("Kab. Banyuasin")).isEqualTo("banyuasin");
        assertThat(AddressNormaliser.birthPlace("Jogja")).isEqualTo("yogyakarta");
    }

    @Test
    void missingAddressIsEmpty() {
        assertThat(AddressNormaliser.normalise(null, null, null, null, null, null).isEmpty()).isTrue();
    }
}
