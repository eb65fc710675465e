package id.simpul.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A route file that is not valid YAML (one line indented a space too little) stopped the hub with a
 * stack trace whose third "Caused by" held the file and lines. The start-up report must give them
 * without the stack trace.
 */
class RouteYamlFailureAnalyzerTest {

    @Test
    void aRouteFileThatIsNotYamlIsReportedWithItsLines() throws Exception {
        Path file = Path.of("src/test/resources/fixtures/platform/routes-bad-yaml/intake-convert.camel.yaml");
        Throwable yaml = catchThrowable(() -> new Load(LoadSettings.builder().setLabel("file:" + file).build())
                .loadFromString(Files.readString(file)));
        assertThat(yaml).isNotNull();
        RuntimeCamelException failure = new RuntimeCamelException("Error pre-parsing resource: file:" + file, yaml);

        FailureAnalysis analysis = new RouteYamlFailureAnalyzer().analyze(new IllegalStateException(failure));

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains(file.toString()).contains("line 6");
        assertThat(analysis.getAction()).contains("indent");
    }
}
