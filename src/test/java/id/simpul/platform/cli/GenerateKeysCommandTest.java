package id.simpul.platform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.platform.ProductionSecrets;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new installation's keys, made without starting a hub: each in the form the production check takes. */
class GenerateKeysCommandTest {

    @TempDir
    Path dataDir;

    @Test
    void printsEveryKeyAProductionHubNeedsInTheFormItTakesAndNewEachTime() {
        Map<String, String> keys = generated();

        assertThat(keys).containsOnlyKeys(ProductionSecrets.KEYS.stream().map(ProductionSecrets.Key::variable).toList());
        // As the hub reads them: application.yaml puts some into simpul.* settings.
        Map<String, String> settings = new HashMap<>(keys);
        ProductionSecrets.KEYS.stream().filter(key -> key.property() != null)
                .forEach(key -> settings.put(key.property(), keys.get(key.variable())));
        assertThat(ProductionSecrets.keys(settings::get, dataDir, true)).as("accepted by the production check").isEmpty();
        assertThat(keys.get("SIMPUL_G2G_SIGNING_JWK")).contains("\"crv\":\"P-256\"", "\"d\":");
        assertThat(generated().get("SIMPUL_AUDIT_KEY")).isNotEqualTo(keys.get("SIMPUL_AUDIT_KEY"));
    }

    @Test
    void isAnOfflineCommandOfTheJar() {
        assertThat(Commands.isCommand(new String[] {"generate-keys"})).isTrue();
    }

    /** The printed lines as a shell would read them (the JWK is in single quotes). */
    private static Map<String, String> generated() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(GenerateKeysCommand.run(new PrintStream(out, true, StandardCharsets.UTF_8))).isZero();
        return Arrays.stream(out.toString(StandardCharsets.UTF_8).split("\n"))
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .collect(Collectors.toMap(line -> line.substring(0, line.indexOf('=')),
                        line -> line.substring(line.indexOf('=') + 1).replaceAll("^'|'$", ""), (a, b) -> a));
    }
}
