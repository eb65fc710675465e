package id.simpul.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A mapping that fails at run time dead-letters the permit with the mapping's error, which is logged and
 * shown to every role (dead letters, trail). JSLT's runtime messages quote the value that failed
 * ({@code number(1607015205780003x) failed}): the message must name the file and what failed, without
 * the applicant's data. Seen on a running hub after a deliberate slip in {@code mappings/oss/receiveNIB}.
 */
class MappingFailureMessageTest {

    private static final Path ROOT = Path.of("src/test/resources/fixtures/mappings/failing");
    private static final Mappings MAPPINGS = new Mappings(ROOT);

    private static JsonNode input() throws IOException {
        return Json.tree(Files.readString(ROOT.resolve("input.json")));
    }

    @Test
    void aFailedFunctionNamesTheFileAndTheFunctionButNotTheNik() throws IOException {
        JsonNode input = input();
        assertThatThrownBy(() -> MAPPINGS.apply("oss/receiveNIB", null, input))
                .isInstanceOf(MappingException.class)
                .satisfies(e -> assertThat(e.getMessage())
                        .contains("oss/receiveNIB/default.jslt")
                        .contains("number(")
                        .contains("not a number")
                        .doesNotContain("1607015205780003")
                        .doesNotContain("160701520578"));
    }

    @Test
    void aFailedRoundNamesTheFunctionButNotThePhoneNumber() throws IOException {
        JsonNode input = input();
        assertThatThrownBy(() -> MAPPINGS.applyFile("phone.jslt", input))
                .isInstanceOf(MappingException.class)
                .satisfies(e -> assertThat(e.getMessage())
                        .contains("phone.jslt")
                        .contains("round() cannot round a non-number")
                        .doesNotContain("0812-3456-7890"));
    }

    @Test
    void aFailedOperatorKeepsItsPositionButNotTheName() throws IOException {
        JsonNode input = input();
        assertThatThrownBy(() -> MAPPINGS.applyFile("name.jslt", input))
                .isInstanceOf(MappingException.class)
                .satisfies(e -> assertThat(e.getMessage())
                        .contains("name.jslt:2:")
                        .doesNotContainIgnoringCase("Siti Aminah"));
    }

    @Test
    void aSyntaxErrorGivesOnePositionTheOneJsltFoundIt() {
        assertThatThrownBy(() -> MAPPINGS.compile("unclosed.jslt"))
                .isInstanceOf(MappingException.class)
                .satisfies(e -> assertThat(e.getMessage())
                        .startsWith("cannot compile mapping unclosed.jslt: Parse error")
                        .endsWith(" at unclosed.jslt:4:14")
                        .doesNotContain("line 4")
                        .doesNotContain("Was expecting")
                        .doesNotContain("\n"));
    }
}
