package id.simpul.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Everything the hub logs (root logger, every thread) from {@link #start()} until {@link #close()}, for
 * tests that check what must not reach the log (a NIK, a phone number) or at which level something was logged.
 */
public final class CapturedLog implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private CapturedLog() {
    }

    /** Starts capturing; attach after the Spring context is up (it resets logging when it starts). */
    public static CapturedLog start() {
        CapturedLog log = new CapturedLog();
        log.appender.start();
        log.root.addAppender(log.appender);
        return log;
    }

    /** Each event as one text: logger, level, message and any stack trace. */
    public List<String> lines() {
        return events().stream().map(e -> e.getLoggerName() + " " + e.getLevel() + " " + e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(e.getThrowableProxy())))
                .toList();
    }

    /** The events at {@code level} or above. */
    public List<ILoggingEvent> atLeast(Level level) {
        return events().stream().filter(e -> e.getLevel().isGreaterOrEqual(level)).toList();
    }

    private List<ILoggingEvent> events() {
        // ListAppender appends under its own lock (AppenderBase.doAppend is synchronized).
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
