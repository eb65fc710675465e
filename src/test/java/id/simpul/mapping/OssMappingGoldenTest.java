package id.simpul.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.simpul.canonical.CanonicalSchemas;
import id.simpul.intake.NibContent;
import id.simpul.intake.NibIntake;
import id.simpul.intake.OssOperation;
import id.simpul.intake.OssPayloadReader;
import id.simpul.platform.SimpulProperties;
import id.simpul.platform.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files for the OSS mappings in {@code mappings/oss/}: each
 * {@code fixtures/mappings/oss/<operation>-<case>.input.json} (a push as OSS sends it) must map to
 * {@code <operation>-<case>.expected.json} (the canonical messages, one per permit routed to the
 * region) and every message must satisfy the canonical JSON Schema. After an intended mapping change,
 * regenerate with {@code mvn test -Dtest=OssMappingGoldenTest -Dgolden.update=true} and review the diff.
 */
class OssMappingGoldenTest {

    private static final Path FIXTURES = Path.of("src/test/resources/fixtures/mappings/oss");
    private static final Mappings MAPPINGS = new Mappings(Path.of("mappings"));
    private static final SimpulProperties.Region REGION = new SimpulProperties.Region(List.of("1607", "1671"), null);

    static Stream<Path> inputs() throws IOException {
        return Files.list(FIXTURES).filter(p -> p.toString().endsWith(".input.json")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void pushMapsToTheExpectedCanonicalMessages(Path input) throws IOException {
        String name = input.getFileName().toString().replace(".input.json", "");
        OssOperation operation = OssOperation.of(name.substring(0, name.indexOf('-'))).orElseThrow();
        ObjectNode data = OssPayloadReader.requireData(OssPayloadReader.read(Files.readAllBytes(input)), operation);

        ArrayNode actual = JsonNodeFactory.instance.arrayNode();
        for (ObjectNode mappingInput : NibIntake.mappingInputs(data, REGION)) {
            mappingInput.set("meta", NibIntake.meta(operation.operation(), "push", "2026-11-29T01:00:00Z",
                    NibContent.hashes((ObjectNode) mappingInput.get("dataNIB"), (ObjectNode) mappingInput.get("checklist")).content(), 1));
            JsonNode canonical = MAPPINGS.apply("oss/" + operation.operation(),
                    OssPayloadReader.text(data.get("versi_pia")), mappingInput);
            assertThat(CanonicalSchemas.v1().validate("permit-message", canonical)).as(name).isEmpty();
            actual.add(canonical);
        }

        Path expected = FIXTURES.resolve(name + ".expected.json");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(expected, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n",
                    StandardCharsets.UTF_8);
        }
        assertThat(actual).as(name).isEqualTo(Json.tree(Files.readString(expected)));
        assertThat(actual).as(name + " routes at least one permit to the region").isNotEmpty();
    }
}
