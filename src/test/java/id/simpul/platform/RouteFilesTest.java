package id.simpul.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every file under routes/ loads, follows the naming rules and uses declared error handling. */
class RouteFilesTest {

    private static final Path ROUTES = Path.of("routes");
    private static final String CAPABILITIES = "(intake|applicant|delivery|reconciliation|g2g|mapping|platform)";
    private static final Pattern FILE_NAME = Pattern.compile(CAPABILITIES + "-[a-z0-9]+(-[a-z0-9]+)*\\.camel\\.yaml");
    private static final Pattern ROUTE_ID = Pattern.compile(CAPABILITIES + "-[a-z]+-[a-z]+(-[a-z]+)*");

    private static ModelCamelContext context;
    private static List<Path> files;

    @BeforeAll
    static void loadEveryRouteFile() throws Exception {
        try (Stream<Path> list = Files.list(ROUTES)) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        context = new DefaultCamelContext();
        for (Path file : files) {
            PluginHelper.getRoutesLoader(context)
                    .loadRoutes(ResourceHelper.resolveResource(context, "file:" + file));
        }
    }

    @Test
    void everyRouteFileIsNamedByCapabilityAndPurpose() {
        assertThat(files).isNotEmpty();
        assertThat(files).allSatisfy(f -> assertThat(f.getFileName().toString()).matches(FILE_NAME));
    }

    @Test
    void routeIdsAreCapabilityVerbObjectAndUnique() {
        List<String> ids = context.getRouteDefinitions().stream().map(RouteDefinition::getRouteId).toList();
        assertThat(ids).isNotEmpty().doesNotHaveDuplicates();
        assertThat(ids).allSatisfy(id -> assertThat(id).matches(ROUTE_ID));
    }

    @Test
    void everyRouteUsesADeclaredRouteConfiguration() {
        Set<String> declared = context.getRouteConfigurationDefinitions().stream()
                .map(RouteConfigurationDefinition::getId).collect(Collectors.toSet());
        List<String> missing = new ArrayList<>();
        for (RouteDefinition route : context.getRouteDefinitions()) {
            String ref = route.getRouteConfigurationId();
            if (ref == null || !declared.contains(ref)) {
                missing.add(route.getRouteId() + " -> " + ref);
            }
        }
        assertThat(missing).as("routes without a declared routeConfiguration").isEmpty();
    }

    @Test
    void routesCallBeansAndNeverEmbedScriptsOrSql() throws IOException {
        for (Path file : files) {
            String yaml = Files.readString(file);
            assertThat(yaml).as(file.toString())
                    .doesNotContain("groovy:").doesNotContain("js:").doesNotContain("joor:")
                    .doesNotContain("sql:").doesNotContain("jdbc:");
        }
    }
}
