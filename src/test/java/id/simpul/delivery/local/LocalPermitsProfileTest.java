package id.simpul.delivery.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The hub's own application.yaml: where the offices' own permits are polled by default. */
class LocalPermitsProfileTest {

    private final ApplicationContextRunner hub = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer());

    @Test
    void theEmbeddedDefaultPollsTheSimulatedOfficesList() {
        hub.run(context -> assertThat(context.getEnvironment().getProperty("simpul.local-permits.poll-interval"))
                .isEqualTo("60s"));
    }

    @Test
    void aProductionHubDoesNotPollAnOfficesListUntilItIsAgreed() {
        // A real SiCantik has no agreed list yet and would answer 404 at every poll (docs/local-permits.md).
        hub.withPropertyValues("spring.profiles.active=production")
                .run(context -> assertThat(context.getEnvironment().getProperty("simpul.local-permits.poll-interval"))
                        .isEqualTo("0"));
    }
}
