package id.simpul.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.json.Json;
import id.simpul.support.CapturedLog;
import id.simpul.support.Fixtures;
import id.simpul.support.HubTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * README: "With the local profile route files reload when they change". An integrator saved a route file
 * with a misspelt bean, then the corrected file: the first reload failed as it should, but every later one
 * failed with "duplicate route id detected intake-receive-push", so conversion stayed stopped (pushes
 * acknowledged, never converted) until the hub was restarted. The corrected file must bring it back.
 */
@ActiveProfiles("local")
class LocalRouteReloadTest extends HubTestSupport {

    private static final Path ROUTES = copyOfRoutes();
    private static final String NIB = "9120301234567";

    @Autowired
    private CamelContext camel;

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("simpul.routes-dir", ROUTES::toString);
    }

    @Test
    void aCorrectedRouteFileBringsTheRouteBackAfterAFailedReload() throws IOException {
        Path file = ROUTES.resolve("intake-convert.camel.yaml");
        String good = Files.readString(file);
        try (CapturedLog log = CapturedLog.start()) {
            Files.writeString(file, good.replaceFirst("ref: nibIntake", "ref: nibIntak"));
            await().atMost(Duration.ofSeconds(30)).until(() -> log.lines().stream()
                    .anyMatch(l -> l.contains("Error reloading routes") && l.contains("nibIntak")));

            Files.writeString(file, good);
            await().atMost(Duration.ofSeconds(30)).until(
                    () -> camel.getRouteController().getRouteStatus("intake-convert-push") == ServiceStatus.Started);
        }
        assertThat(camel.getRouteController().getRouteStatus("intake-receive-push")).isEqualTo(ServiceStatus.Started);

        ossSender.receiveNib(Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json"), NIB);
        JsonNode entry = await().atMost(Duration.ofSeconds(20)).until(
                () -> Json.tree(ossSender.get("/api/v1/trail?nib=" + NIB).body()).path("entries").path(0).path("entry"),
                e -> "DELIVERED".equals(e.path("state").asText()));
        assertThat(entry.path("nib").asText()).isEqualTo(NIB);
    }

    private static Path copyOfRoutes() {
        try {
            Path dir = Files.createTempDirectory("simpul-routes-");
            try (Stream<Path> files = Files.list(Path.of("routes"))) {
                for (Path f : files.toList()) {
                    Files.copy(f, dir.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
