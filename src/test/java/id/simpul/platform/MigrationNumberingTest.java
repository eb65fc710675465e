package id.simpul.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A store that applied a migration refuses to start when a migration numbered below it appears later (Flyway's
 * outOfOrder is off). So the migrations up to V63 are fixed as they shipped, and each new one takes the next
 * number: ADR 0001.
 */
class MigrationNumberingTest {

    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    /** Numbered by capability ranges before the rule changed; gaps (V6–V9, V55, V56, V60–V62…) stay unused. */
    private static final List<Integer> BEFORE_THE_RULE =
            List.of(1, 2, 3, 4, 5, 10, 11, 20, 30, 40, 50, 51, 52, 53, 54, 57, 58, 59, 63);
    private static final Pattern VERSION = Pattern.compile("V(\\d+)__.+\\.sql");

    @Test
    void migrationsUpToV63AreAsTheyShippedAndEachNewOneTakesTheNextNumber() throws IOException {
        List<Integer> versions;
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            versions = files.map(p -> VERSION.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches).map(m -> Integer.parseInt(m.group(1))).sorted().toList();
        }
        int last = BEFORE_THE_RULE.get(BEFORE_THE_RULE.size() - 1);

        assertThat(versions.stream().filter(v -> v <= last).toList())
                .as("migrations up to V%d are as they shipped: a new one below V%d stops every store that applied V%d;"
                        + " number it after the highest in the folder", last, last, last)
                .isEqualTo(BEFORE_THE_RULE);
        List<Integer> after = versions.stream().filter(v -> v > last).toList();
        assertThat(after).as("each migration after V%d takes the next number", last)
                .isEqualTo(IntStream.rangeClosed(last + 1, last + after.size()).boxed().toList());
    }
}
