package id.simpul.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The OSS simulator pushes permits for every configured target's region (docs/delivery.md,
 * "Simulators"). An integrator who added a third regency (prefix 1606) by configuration saw every
 * simulated permit go to Banyuasin: any prefix other than 1671 got a Banyuasin (1607) district.
 */
class OssPayloadGeneratorRegionTest {

    @ParameterizedTest
    @ValueSource(strings = {"1606", "1607", "1671", "16", "1607042"})
    void everyPermitIsRoutedToTheRegionItWasGeneratedFor(String prefix) {
        OssPayloadGenerator generator = new OssPayloadGenerator(11, List.of(prefix));
        for (int i = 0; i < 50; i++) {
            JsonNode d = generator.nextReceiveNib(LocalDateTime.of(2026, 11, 30, 8, 0)).get("dataNIB");
            assertThat(d.get("data_checklist").get(0).get("kd_daerah").asText()).startsWith(prefix).hasSize(10);
            assertThat(d.get("kd_daerah").asText()).startsWith(prefix);
        }
    }
}
