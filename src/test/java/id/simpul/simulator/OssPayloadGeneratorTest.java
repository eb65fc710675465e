package id.simpul.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.canonical.CodeLists;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulated OSS pushes codes as the PIA's appendix defines them. */
class OssPayloadGeneratorTest {

    @Test
    void jenisPelakuUsahaIsLampiran18PerseoranganForAnIndividualAndBadanUsahaOtherwise() {
        OssPayloadGenerator generator = new OssPayloadGenerator(7, List.of("1607", "1671"));
        int individuals = 0;
        for (int i = 0; i < 200; i++) {
            JsonNode d = generator.nextReceiveNib(LocalDateTime.of(2026, 11, 29, 9, 0)).path("dataNIB");
            String pelaku = d.path("jenis_pelaku_usaha").asText();
            boolean individual = d.path("jenis_perseroan").asText().equals("17");
            individuals += individual ? 1 : 0;

            assertThat(CodeLists.pia().label(CodeLists.JENIS_PELAKU_USAHA, pelaku))
                    .as("jenis_pelaku_usaha %s of %s", pelaku, d.path("nib").asText())
                    .contains(individual ? "Perseorangan" : "Badan Usaha");
        }
        assertThat(individuals).isPositive();
    }
}
