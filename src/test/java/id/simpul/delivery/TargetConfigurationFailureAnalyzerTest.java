package id.simpul.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import id.simpul.mapping.Mappings;
import id.simpul.platform.SimpulProperties;
import id.simpul.platform.SimpulProperties.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * IT staff who started the production jar from a folder without mappings/ got the target check's list
 * ("simpul.targets[0].mapping names targets/sicantik-cloud.jslt, which is not under /opt/x/mappings")
 * as the fourth "Caused by" of an "Application run failed" stack trace. docs/delivery.md promises a
 * refusal "with a list of what is wrong": Spring Boot's start-up report gives it, and what to do.
 */
class TargetConfigurationFailureAnalyzerTest {

    private static final Target CLOUD = new Target("banyuasin", "sicantik-cloud", List.of("1607"),
            "http://localhost:2", "token", null, "targets/sicantik-cloud.jslt", Duration.ofSeconds(5),
            Duration.ofSeconds(10), 2, null, null, null, null, null);

    @Test
    void anInvalidTargetListIsReportedAsAListWithWhereFilesAreRead() {
        Path empty = Path.of("src/test/resources/fixtures/delivery");
        SimpulProperties properties = new SimpulProperties(null, null, null, null, null, null,
                new SimpulProperties.Delivery(2, 3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), null,
                        Duration.ofMinutes(2)), List.of(CLOUD), null, null, null);
        Throwable refused = catchThrowable(() -> new TargetRegistry(properties,
                List.of(new SiCantikClient(new TargetHttp())), new Mappings(empty)));

        FailureAnalysis analysis = new TargetConfigurationFailureAnalyzer()
                .analyze(new BeanCreationException("targetRegistry", "Constructor threw exception", refused));

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription())
                .contains("simpul.targets[0].mapping names targets/sicantik-cloud.jslt, which is not under")
                .doesNotContain("Exception");
        assertThat(analysis.getAction()).contains("simpul.mappings-dir").contains("docs/delivery.md");
    }
}
