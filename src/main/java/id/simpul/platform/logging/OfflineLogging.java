package id.simpul.platform.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.pattern.DynamicConverter;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Logback's configuration before Spring Boot's, found by Logback itself ({@code META-INF/services}): what the
 * offline commands ({@code java -jar simpul.jar backfill-nibs …}) log with, since they start no Spring Boot and so
 * never read {@code logback-spring.xml}. Logback's own fallback would write a library's message and stack trace as
 * they are, NIKs and phone numbers included; this one renders them by the same conversion rules as
 * {@code logback-spring.xml} ({@link #RULES}), at INFO, to standard error, so that a command's own output on
 * standard out ({@code generate-keys > keys.env}) stays its own.
 * <p>
 * Ranked below a {@code logback.xml} or {@code -Dlogback.configurationFile} (Logback's Joran configurator), which
 * still wins, and above Logback's unmasked fallback. In the hub, Boot's logging initialisation resets the context
 * and configures {@code logback-spring.xml} in its place (MaskedLogTest).
 */
@ConfiguratorRank(ConfiguratorRank.FALLBACK + 5)
public class OfflineLogging extends ContextAwareBase implements Configurator {

    /** {@code logback-spring.xml}'s conversion rules, word for word (OfflineLoggingTest compares them). */
    @SuppressWarnings("rawtypes")
    static final Map<String, Supplier<DynamicConverter>> RULES = Map.ofEntries(
            Map.entry("m", MaskedMessage::new),
            Map.entry("msg", MaskedMessage::new),
            Map.entry("message", MaskedMessage::new),
            Map.entry("wEx", MaskedThrowable.ExtendedWhitespace::new),
            Map.entry("wex", MaskedThrowable.Whitespace::new),
            Map.entry("ex", MaskedThrowable.Plain::new),
            Map.entry("exception", MaskedThrowable.Plain::new),
            Map.entry("throwable", MaskedThrowable.Plain::new),
            Map.entry("xEx", MaskedThrowable.Extended::new),
            Map.entry("xException", MaskedThrowable.Extended::new),
            Map.entry("xThrowable", MaskedThrowable.Extended::new));

    /** A plain line: time with its offset, level, thread, logger, the masked message and the masked stack trace. */
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} : %m%n%wEx";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern(PATTERN);
        layout.getInstanceConverterMap().putAll(RULES);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("CONSOLE");
        console.setTarget("System.err");
        console.setEncoder(encoder);
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
