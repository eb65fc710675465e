package id.simpul.platform;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.camel.CamelContext;
import org.apache.camel.RollbackExchangeException;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class JmsListenerErrorsTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(JmsListenerErrors.class);
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private Level level;

    @BeforeEach
    void capture() {
        level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        events.start();
        logger.addAppender(events);
    }

    @AfterEach
    void release() {
        logger.detachAppender(events);
        logger.setLevel(level);
    }

    @Test
    void aRollbackARouteAskedForIsLoggedAtDebugOnly() {
        CamelContext camel = new DefaultCamelContext();
        Throwable deferral = new RuntimeCamelException(
                new RollbackExchangeException("Intended rollback", new DefaultExchange(camel)));

        new JmsListenerErrors().handleError(deferral);

        assertThat(events.list).extracting(ILoggingEvent::getLevel).containsExactly(Level.DEBUG);
    }

    @Test
    void anyOtherRollbackIsAWarningWithItsStackTrace() {
        Throwable storeDown = new RuntimeCamelException(new IllegalStateException("the store is not reachable"));

        new JmsListenerErrors().handleError(storeDown);

        assertThat(events.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getThrowableProxy().getCause().getMessage()).isEqualTo("the store is not reachable");
        });
    }
}
