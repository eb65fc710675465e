package id.simpul.platform.logging;

import ch.qos.logback.classic.pattern.ExtendedThrowableProxyConverter;
import ch.qos.logback.classic.pattern.ThrowableHandlingConverter;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import id.simpul.platform.security.PersonalText;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;
import org.springframework.boot.logging.logback.WhitespaceThrowableProxyConverter;

/**
 * The exception words of the hub's log (logback-spring.xml): a stack trace as Logback or Boot renders it, with the
 * NIKs, phone numbers and e-mail addresses in the messages of the exception and its causes masked ({@link
 * PersonalText#mask}): a JSLT or Jackson error quotes its input, a constraint violation the row. One class per
 * rendering, since an operator may choose any of the words with {@code logging.exception-conversion-word}.
 */
public class MaskedThrowable extends ThrowableHandlingConverter {

    private final ThrowableProxyConverter rendering;

    MaskedThrowable(ThrowableProxyConverter rendering) {
        this.rendering = rendering;
    }

    @Override
    public void start() {
        rendering.setContext(getContext());
        rendering.setOptionList(getOptionList());
        rendering.start();
        super.start();
    }

    @Override
    public void stop() {
        rendering.stop();
        super.stop();
    }

    @Override
    public String convert(ILoggingEvent event) {
        return PersonalText.mask(rendering.convert(event));
    }

    /** {@code %wEx}: Boot's default. */
    public static class ExtendedWhitespace extends MaskedThrowable {
        public ExtendedWhitespace() {
            super(new ExtendedWhitespaceThrowableProxyConverter());
        }
    }

    /** {@code %wex}. */
    public static class Whitespace extends MaskedThrowable {
        public Whitespace() {
            super(new WhitespaceThrowableProxyConverter());
        }
    }

    /** {@code %ex}, {@code %exception}, {@code %throwable}. */
    public static class Plain extends MaskedThrowable {
        public Plain() {
            super(new ThrowableProxyConverter());
        }
    }

    /** {@code %xEx}, {@code %xException}, {@code %xThrowable}. */
    public static class Extended extends MaskedThrowable {
        public Extended() {
            super(new ExtendedThrowableProxyConverter());
        }
    }
}
