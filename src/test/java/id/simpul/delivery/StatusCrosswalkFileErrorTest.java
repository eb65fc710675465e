package id.simpul.delivery;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.simpul.mapping.Mappings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Crosswalks are data files integrators edit (README, "Where to change what"), re-read when they change.
 * One with a missing comma failed every outputs poll with Jackson's message alone ("Unexpected
 * character … line: 3, column: 5"), which names no file: the error must name the crosswalk and the line.
 */
class StatusCrosswalkFileErrorTest {

    @Test
    void aCrosswalkThatIsNotJsonIsNamedWithItsLine() {
        StatusCrosswalk crosswalk = new StatusCrosswalk(new Mappings(Path.of("src/test/resources/fixtures/mappings/failing")));

        assertThatThrownBy(() -> crosswalk.map("status/missing-comma.json", "Selesai", null))
                .hasMessageContaining("crosswalk status/missing-comma.json is not valid JSON")
                .hasMessageContaining("line: 3");
    }
}
