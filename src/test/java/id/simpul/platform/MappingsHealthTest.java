package id.simpul.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;

import id.simpul.mapping.Mappings;
import id.simpul.platform.json.Json;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * A refused change leaves the hub working on the last good version, so nobody notices it in the dead letters:
 * the health details and a gauge say which file is refused, why and since when.
 */
class MappingsHealthTest {

    private static final JsonNode INPUT = Json.tree("{\"a\": 1}");
    private static final Instant NOW = Instant.parse("2026-11-30T05:00:00Z");

    @TempDir
    Path root;

    @Test
    void aRefusedMappingIsNamedWithItsErrorWhileTheHubStaysUp() throws IOException {
        Mappings mappings = new Mappings(root, Clock.fixed(NOW, ZoneOffset.UTC));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        MappingsHealth health = new MappingsHealth(mappings, meters);
        Files.createDirectories(root.resolve("targets"));
        Path file = root.resolve("targets/x.jslt");
        Files.writeString(file, "{\"a\": .a}\n");
        assertThat(mappings.applyFile("targets/x.jslt", INPUT).path("a").asInt()).isEqualTo(1);
        assertThat(health.health().getDetails()).containsEntry("refused", 0);

        Files.writeString(file, "{\"a\": .a\n\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));
        // The hub looks at its files once a second.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> mappings.applyFile("targets/x.jslt", INPUT).path("a").asInt() == 1
                        && !mappings.refusals().list().isEmpty());
        Health refused = health.health();

        assertThat(refused.getStatus()).isEqualTo(Status.UP);
        assertThat(refused.getDetails()).containsEntry("refused", 1);
        assertThat(refused.getDetails().get("files")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsOnlyKeys("targets/x.jslt").extractingByKey("targets/x.jslt").isEqualTo(Map.of(
                        "error", mappings.refusals().list().get(0).error(), "since", "2026-11-30T05:00:00Z"));
        assertThat(mappings.refusals().list().get(0).error()).startsWith("cannot compile mapping targets/x.jslt: ")
                .contains("Parse error").contains(" at targets/x.jslt:");
        assertThat(meters.get("simpul.mappings.refused").gauge().value()).isEqualTo(1.0);
    }

    /** After a restart the refusal is reported at start, from the last good copy under the data folder. */
    @Test
    void aChangeRefusedBeforeARestartIsNamedFromTheStart(@TempDir Path dataDir) throws IOException {
        Files.createDirectories(root.resolve("targets"));
        Path file = root.resolve("targets/x.jslt");
        Files.writeString(file, "{\"a\": .a}\n");
        new Mappings(root, Clock.fixed(NOW, ZoneOffset.UTC), dataDir).applyFile("targets/x.jslt", INPUT);
        Files.writeString(file, "{\"a\": .a\n\n");

        Instant restartedAt = NOW.plusSeconds(3600);
        Mappings restarted = new Mappings(root, Clock.fixed(restartedAt, ZoneOffset.UTC), dataDir);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Health health = new MappingsHealth(restarted, meters).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails().get("files")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsOnlyKeys("targets/x.jslt").extractingByKey("targets/x.jslt")
                .asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("since", restartedAt.toString());
        assertThat(meters.get("simpul.mappings.refused").gauge().value()).isEqualTo(1.0);
        assertThat(restarted.applyFile("targets/x.jslt", INPUT).path("a").asInt()).isEqualTo(1);
    }
}
