package id.simpul.platform.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.pattern.DynamicConverter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/**
 * What masking costs per log line (docs/performance.md): the hot path's INFO lines of one permit formatted with
 * Boot's file pattern, once with Logback's {@code %m} and once with {@link MaskedMessage}, in nanoseconds per line.
 * A measurement to read, not a test: {@code java -cp <test classpath> id.simpul.platform.logging.MaskingCost}.
 */
public final class MaskingCost {

    private static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %5p 4242 --- [simpul] [%t] "
            + "%-40.40logger{39} : %m%n%wEx";
    /** The INFO lines a new permit logs on its way (OssInbound, NibIntake, PermitDelivery), and one quoting a NIK. */
    private static final List<Object[]> LINES = List.of(
            new Object[] {"id.simpul.intake.OssInbound", "OSS {} accepted nib={}", "receiveNIB", "9120301234567"},
            new Object[] {"id.simpul.intake.NibIntake", "OSS {} nib={} id_izin={} converted as version {}", "receiveNIB",
                "9120301234567", "I-202611210915001234567", 1},
            new Object[] {"id.simpul.delivery.PermitDelivery", "id_izin={} v{} delivered to {} as {}",
                "I-202611210915001234567", 1, "banyuasin", "SC-2026-000123"},
            new Object[] {"id.simpul.delivery.PermitDelivery", "mapping failed: applicant {} telp {}", "1607111204780003",
                "081277889900"});
    private static final int ROUNDS = 30;
    private static final int LINES_PER_ROUND = 200_000;

    private MaskingCost() {
    }

    public static void main(String[] args) {
        LoggerContext context = new LoggerContext();
        PatternLayout plain = layout(context, Map.of("wEx", ExtendedWhitespaceThrowableProxyConverter::new));
        PatternLayout masked = layout(context, Map.of("m", MaskedMessage::new, "wEx", MaskedThrowable.ExtendedWhitespace::new));
        for (int i = 0; i < LINES.size(); i++) {
            System.out.print("plain:  " + plain.doLayout(event(context, i)));
            System.out.print("masked: " + masked.doLayout(event(context, i)));
        }
        for (int round = 0; round < ROUNDS; round++) {
            long plainNs = time(context, plain, 3);
            long maskedNs = time(context, masked, 3);
            long nikNs = time(context, masked, 4);
            if (round >= ROUNDS - 5) {
                System.out.printf("round %d: hot-path line %d ns plain, %d ns masked (+%d); mean of the four lines, one quoting a NIK, masked %d ns%n",
                        round, plainNs, maskedNs, maskedNs - plainNs, nikNs);
            }
        }
    }

    private static PatternLayout layout(LoggerContext context, Map<String, Supplier<DynamicConverter>> rules) {
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.setPattern(PATTERN);
        layout.getInstanceConverterMap().putAll(rules);
        layout.start();
        return layout;
    }

    private static LoggingEvent event(LoggerContext context, int line) {
        Object[] l = LINES.get(line);
        Object[] arguments = Arrays.copyOfRange(l, 2, l.length);
        LoggingEvent event = new LoggingEvent(CoreConstants.class.getName(), context.getLogger((String) l[0]),
                Level.INFO, (String) l[1], null, arguments);
        event.setThreadName("Camel (simpul) thread #12 - JmsConsumer[simpul.delivery.banyuasin]");
        return event;
    }

    /** Nanoseconds per line over the first {@code kinds} lines, each a new event (its message formatted once). */
    private static long time(LoggerContext context, PatternLayout layout, int kinds) {
        long length = 0;
        long start = System.nanoTime();
        for (int i = 0; i < LINES_PER_ROUND; i++) {
            length += layout.doLayout(event(context, i % kinds)).length();
        }
        long ns = (System.nanoTime() - start) / LINES_PER_ROUND;
        return length == 0 ? -1 : ns;
    }
}
