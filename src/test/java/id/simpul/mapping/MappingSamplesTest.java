package id.simpul.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The sample pushes shipped in {@code mappings/samples/} for {@code check-mappings}: they sit in the folder the
 * hub reads its mappings from, and in the Docker image, so the hub must never take them for a mapping, and they
 * must stay synthetic (integrators copy them, and add captured pushes beside them on their own copies).
 */
class MappingSamplesTest {

    private static final Path ROOT = Path.of("mappings");

    @Test
    void theHubSelectsTheOssMappingNotASampleOfTheSameOperation() {
        Mappings mappings = new Mappings(ROOT);

        assertThat(mappings.select("oss/receiveNIB", "4.3.22"))
                .isEqualTo(ROOT.resolve("oss/receiveNIB/default.jslt").toAbsolutePath().normalize());
        assertThat(mappings.find("samples/oss/receiveNIB", "4.3.22")).isEmpty();
    }

    @Test
    void theShippedSamplesHoldNoRealContactOrIdentityNumbers() throws IOException {
        List<Path> samples;
        try (Stream<Path> files = Files.walk(ROOT.resolve("samples"))) {
            samples = files.filter(p -> p.toString().endsWith(".json")).toList();
        }
        assertThat(samples).isNotEmpty();
        for (Path sample : samples) {
            String text = Files.readString(sample);
            assertThat(values(text, "\"[a-z_]*email[a-z_]*\"\\s*:\\s*\"([^\"]+)\"")).as(sample + " e-mail")
                    .allMatch(v -> v.endsWith("@example.org"));
            // A NIK's serial (its last four digits) is never 0000.
            assertThat(values(text, "\"no_identitas[a-z_]*\"\\s*:\\s*\"([^\"]+)\"")).as(sample + " NIK")
                    .allMatch(v -> v.endsWith("0000"));
            assertThat(values(text, "\"(?:no_hp|no_telp|nomor_telpon)[a-z_]*\"\\s*:\\s*\"([^\"]+)\"")).as(sample + " phone")
                    .allMatch(v -> v.replaceAll("\\D", "").matches("(62|0)[0-9]{2,3}0+1"));
        }
    }

    private static List<String> values(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.results().map(r -> r.group(1)).toList();
    }
}
