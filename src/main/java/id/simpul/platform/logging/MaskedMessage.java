package id.simpul.platform.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import id.simpul.platform.security.PersonalText;

/**
 * {@code %m}, {@code %msg} and {@code %message} of the hub's log (logback-spring.xml): the formatted message with
 * the NIKs, phone numbers and e-mail addresses written in it masked ({@link PersonalText#mask}), whichever logger
 * wrote it. The sources mask what they log too; this catches what they did not foresee (a value quoted by an
 * exception's message, a library's own log line) before it reaches the console or the file.
 */
public class MaskedMessage extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return PersonalText.mask(super.convert(event));
    }
}
