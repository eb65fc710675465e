package id.simpul.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.NoSuchBeanException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

/**
 * An integrator who misspelt a bean in a route file got a hundred lines of Camel stack trace whose first
 * line prints the whole route and whose last "Caused by" names the bean, with no file. The hub's start-up
 * report must name the route, its file and line, and the reason, without a stack trace.
 */
class RouteFailureAnalyzerTest {

    private static final Path ROUTES = Path.of("src/test/resources/fixtures/platform/routes-broken");

    @Test
    void aRouteThatCannotBeCreatedIsReportedWithItsFileAndReason() {
        MockEnvironment env = new MockEnvironment().withProperty("simpul.routes-dir", ROUTES.toString());
        FailedToCreateRouteException failure = new FailedToCreateRouteException("intake-convert-push",
                "Route(intake-convert-push)[From[jms:queue:simpul.intake.oss] -> [Bean[ref:nibIntak]]]",
                "Bean[ref:nibIntak method:record]", new NoSuchBeanException("nibIntak"));

        FailureAnalysis analysis = new RouteFailureAnalyzer(env).analyze(new IllegalStateException("refresh", failure));

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription())
                .contains("intake-convert-push")
                .contains(ROUTES.resolve("intake-convert.camel.yaml") + ":3")
                .contains("No bean could be found in the registry for: nibIntak")
                .doesNotContain("Route(intake-convert-push)[From");
        assertThat(analysis.getAction()).contains("ref");
    }

    @Test
    void aRouteMadeInJavaIsReportedWithoutAFile() {
        MockEnvironment env = new MockEnvironment().withProperty("simpul.routes-dir", ROUTES.toString());
        FailedToCreateRouteException failure = new FailedToCreateRouteException("delivery-push-permit-muba",
                "Route(delivery-push-permit-muba)", "To[jms]", new IllegalArgumentException("bad uri"));

        FailureAnalysis analysis = new RouteFailureAnalyzer(env).analyze(failure);

        assertThat(analysis.getDescription()).contains("delivery-push-permit-muba").contains("bad uri")
                .doesNotContain(".camel.yaml:");
    }
}
