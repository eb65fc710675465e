package id.simpul.intake;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import id.simpul.mapping.Mappings;
import id.simpul.platform.SimpulProperties;
import id.simpul.platform.json.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A mapping whose output breaks the canonical schema dead-letters the permit (docs/intake.md,
 * "Mappings"). On a running hub the dead letter read "mapping for receiveNIB produced a message that
 * breaks canonical schema …": with a {@code <versi_pia>.jslt} beside {@code default.jslt}, the
 * integrator cannot tell which file did it. The message must name the file that was applied.
 */
class SchemaBreakingMappingTest {

    @Test
    void theDeadLetterNamesTheMappingFileThatWasApplied() {
        NibIntake intake = new NibIntake(new Mappings(Path.of("src/test/resources/fixtures/mappings/schema-breaking")),
                null, new SimpulProperties(null, null, null, null, null, null, null, null, null, null, null));
        ObjectNode input = (ObjectNode) Json.tree("{\"dataNIB\":{\"nib\":\"8120000000011\"},\"checklist\":{},\"meta\":{}}");

        assertThatThrownBy(() -> intake.convert(new IntakeItem(1, "receiveNIB", "4.3.22", input)))
                .hasMessageContaining("oss/receiveNIB/4.3.jslt")
                .hasMessageContaining("permit-message.v1");
    }
}
