package id.simpul.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The offline commands' logging masks by the same rules as the hub's: one list may not drift from the other. */
class OfflineLoggingTest {

    @Test
    void theOfflineRulesAreLogbackSpringXmlsRules() throws IOException {
        String xml;
        try (InputStream in = getClass().getResourceAsStream("/logback-spring.xml")) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> hub = new TreeMap<>();
        Matcher rule = Pattern.compile("<conversionRule conversionWord=\"([^\"]+)\" class=\"([^\"]+)\"/>").matcher(xml);
        while (rule.find()) {
            hub.put(rule.group(1), rule.group(2).replace('$', '.'));
        }
        Map<String, String> offline = new TreeMap<>();
        OfflineLogging.RULES.forEach((word, converter) -> offline.put(word, converter.get().getClass().getCanonicalName()));

        assertThat(hub).isNotEmpty();
        assertThat(offline).isEqualTo(hub);
    }
}
