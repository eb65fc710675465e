package id.simpul.support;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.platform.SimpulProperties;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

/**
 * The {@code bulk} test profile repeats the default's targets (a profile replaces a list whole) with only
 * Banyuasin's rate limit raised: the tests that use it must see the hub everyone else tests, in all but that.
 */
class BulkProfileTest {

    @Test
    void theBulkProfilesTargetsAreTheDefaultsButForBanyuasinsRateLimit() throws IOException {
        List<SimpulProperties.Target> defaults = targets("application.yaml");
        List<SimpulProperties.Target> bulk = targets("application-bulk.yaml");

        assertThat(bulk).hasSameSizeAs(defaults);
        assertThat(bulk.get(0).rateLimit().permits()).isGreaterThanOrEqualTo(1000);
        assertThat(bulk).usingRecursiveFieldByFieldElementComparatorIgnoringFields("rateLimit")
                .containsExactlyElementsOf(defaults);
        assertThat(bulk.subList(1, bulk.size())).extracting(SimpulProperties.Target::rateLimit)
                .containsExactlyElementsOf(defaults.subList(1, defaults.size()).stream()
                        .map(SimpulProperties.Target::rateLimit).toList());
    }

    private static List<SimpulProperties.Target> targets(String file) throws IOException {
        var sources = new YamlPropertySourceLoader().load(file, new ClassPathResource(file));
        return new Binder(ConfigurationPropertySources.from(sources.get(0)))
                .bind("simpul.targets", Bindable.listOf(SimpulProperties.Target.class)).get();
    }
}
