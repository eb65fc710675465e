package id.simpul.platform.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegionsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"16, true", "1607, true", "160711, true", "1607112004, true", "1, false", "160, false",
            "16071, false", "16%, false", "16_7, false", "'', false"})
    void aPrefixIsAProvinceRegencyDistrictOrVillageCodeAndNothingElse(String prefix, boolean valid) {
        assertThat(Regions.validPrefix(prefix)).isEqualTo(valid);
        assertThat(Regions.validPrefix(null)).isFalse();
    }

    @Test
    void aRecordWithoutARegionIsCoveredByNoPrefix() {
        assertThat(Regions.covers(List.of("1607"), "1607112004")).isTrue();
        assertThat(Regions.covers(List.of("1607"), "1671")).isFalse();
        assertThat(Regions.covers(List.of("1607"), "")).isFalse();
        assertThat(Regions.covers(List.of("1607"), null)).isFalse();
    }

    @Test
    void theSqlConditionHasOneBoundLikePerPrefixAndIsFalseForNone() {
        Map<String, Object> params = new LinkedHashMap<>();
        assertThat(Regions.sqlClause("l.kd_daerah", List.of("1607", "1671"), "visible", params))
                .isEqualTo("(l.kd_daerah LIKE :visible0 OR l.kd_daerah LIKE :visible1)");
        assertThat(params).containsExactly(Map.entry("visible0", "1607%"), Map.entry("visible1", "1671%"));

        Map<String, Object> none = new LinkedHashMap<>();
        assertThat(Regions.sqlClause("kd_daerah", List.of(), "visible", none)).isEqualTo("1 = 0");
        assertThat(none).isEmpty();
    }

    @Test
    void aNarrowerSetLiesWithinAWiderOneOnlyWhenEveryPrefixDoes() {
        assertThat(Regions.within(List.of("1607", "1671"), List.of("16"))).isTrue();
        assertThat(Regions.within(List.of("1607", "1801"), List.of("16"))).isFalse();
        assertThat(Regions.within(List.of(), List.of("16"))).isTrue();
    }
}
