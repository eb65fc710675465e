package id.simpul.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.json.Json;
import id.simpul.platform.security.Roles;
import id.simpul.platform.security.UserAccounts;
import id.simpul.support.HubTestSupport;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What {@code /actuator} tells whom: probes and scrapers (no account) get each component's status, the
 * metrics and nothing else; the hub's staff also see the health details (paths, the store, errors); no
 * one reads the configuration or the environment, where the secrets are.
 */
class ActuatorExposureTest extends HubTestSupport {

    private static final String INTEGRATOR = "tono.integrator";
    private static final String PASSWORD = "kata-sandi-aktuator";

    @Autowired
    UserAccounts accounts;

    @BeforeEach
    void account() {
        if (accounts.find(INTEGRATOR).isEmpty()) {
            accounts.create(INTEGRATOR, PASSWORD, List.of(Roles.INTEGRATOR));
        }
    }

    @Test
    void anonymousCallersSeeEachComponentsStatusButNoDetails() {
        HttpResponse<String> health = ossSender.getAnonymous("/actuator/health");

        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode tree = Json.tree(health.body());
        assertThat(tree.path("status").asText()).isEqualTo("UP");
        assertThat(tree.path("components").path("db").path("status").asText()).isEqualTo("UP");
        assertThat(tree.path("components").path("diskSpace").path("status").asText()).isEqualTo("UP");
        assertThat(tree.findValues("details")).as("details of %s", health.body()).isEmpty();
        assertThat(health.body()).doesNotContain("\"path\"").doesNotContain("validationQuery")
                .doesNotContain("\"database\"");
    }

    @Test
    void theHubsStaffSeeTheHealthDetails() {
        JsonNode tree = Json.tree(ossSender.getAs(INTEGRATOR, PASSWORD, "/actuator/health").body());

        assertThat(tree.path("components").path("diskSpace").path("details").path("free").isNumber()).isTrue();
        assertThat(tree.path("components").path("db").path("details").path("database").asText()).isNotBlank();
    }

    @Test
    void noOneReadsTheEnvironmentTheConfigurationOrAHeapDump() {
        for (String path : List.of("/actuator/env", "/actuator/configprops", "/actuator/heapdump", "/actuator/beans",
                "/actuator/loggers", "/actuator/metrics", "/actuator/threaddump")) {
            assertThat(ossSender.getAnonymous(path).statusCode()).as("anonymous " + path).isIn(401, 403, 404);
            assertThat(ossSender.get(path).statusCode()).as("admin " + path).isIn(403, 404);
        }
    }

    /**
     * Each refused anonymous call used to open an HTTP session (Spring Security saved the request for after a
     * login that never uses it), kept for the session timeout: anyone could fill the hub's memory with
     * sessions at the rate they could send requests. Only the login form, which holds its CSRF token, opens one.
     */
    @Test
    void anonymousCallsOpenNoSession() {
        for (String path : List.of("/actuator/env", "/actuator/heapdump", "/no-such-page", "/h2-console",
                "/console", "/console/trail", "/actuator/health")) {
            HttpResponse<String> answer = ossSender.getAnonymous(path);
            assertThat(answer.headers().allValues("Set-Cookie")).as("anonymous " + path + " -> " + answer.statusCode())
                    .noneMatch(cookie -> cookie.startsWith("JSESSIONID"));
        }
    }
}
