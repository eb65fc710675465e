package id.simpul.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.canonical.CodeLists;
import java.time.LocalDateTime;
import java.util.ArrayList;
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

    @Test
    void aGeneratorResumedAtAnotherOnesPositionGeneratesWhatThatOneWouldHaveGenerated() {
        LocalDateTime now = LocalDateTime.of(2026, 11, 30, 9, 0);
        OssPayloadGenerator uninterrupted = new OssPayloadGenerator(7, List.of("1607", "1671"));
        List<JsonNode> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            expected.add(uninterrupted.nextReceiveNib(now));
        }

        OssPayloadGenerator beforeRestart = new OssPayloadGenerator(7, List.of("1607", "1671"));
        for (int i = 0; i < 4; i++) {
            assertThat(beforeRestart.nextReceiveNib(now)).isEqualTo(expected.get(i));
        }
        OssPayloadGenerator afterRestart = new OssPayloadGenerator(7, List.of("1607", "1671"));
        assertThat(afterRestart.resume(beforeRestart.position())).isTrue();
        for (int i = 4; i < 10; i++) {
            assertThat(afterRestart.nextReceiveNib(now)).as("push %d", i + 1).isEqualTo(expected.get(i));
        }
        assertThat(new OssPayloadGenerator(8, List.of("1607")).resume(beforeRestart.position()))
                .as("another seed's position is not taken").isFalse();
    }

    @Test
    void theSameSeedGivesTheSameTrafficAsJavaUtilRandomDid() {
        java.util.Random reference = new java.util.Random(20261130);
        OssPayloadGenerator.ResumableRandom resumable = new OssPayloadGenerator.ResumableRandom(20261130);
        for (int i = 0; i < 1000; i++) {
            assertThat(resumable.nextInt(97)).isEqualTo(reference.nextInt(97));
            assertThat(resumable.nextLong()).isEqualTo(reference.nextLong());
            assertThat(resumable.nextBoolean()).isEqualTo(reference.nextBoolean());
        }
    }
}
