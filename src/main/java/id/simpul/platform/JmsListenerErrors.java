package id.simpul.platform;

import org.apache.camel.RollbackExchangeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.ErrorHandler;

/**
 * What the JMS consumers log when a message goes back to the broker ({@code camel.component.jms.error-handler}).
 * Camel's default logs every rollback at WARN with a stack trace, and rolling back is how deferred work waits
 * (a target's circuit open, the hub stopping: the route's {@code rollback}, ADR 0002): during an outage each
 * waiting permit wrote "Execution of JMS message listener failed … Intended rollback" at every redelivery,
 * which reads as a failure and buries the real ones. A deferral is already in the trail ({@code DEFERRED}) and
 * on the dashboard, so it is logged at DEBUG; any other rollback (the store down while recording a dead letter,
 * an error outside the routes' handling) stays a WARN with its stack trace.
 */
@Component("jmsListenerErrors")
public class JmsListenerErrors implements ErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(JmsListenerErrors.class);

    @Override
    public void handleError(Throwable failure) {
        if (intendedRollback(failure)) {
            log.debug("message rolled back to the broker on purpose (deferred work): {}", failure.getMessage());
            return;
        }
        log.warn("a JMS consumer failed and its transaction rolled back; the broker delivers the message again",
                failure);
    }

    /** Camel raises {@link RollbackExchangeException} only for an exchange a route marked to roll back. */
    static boolean intendedRollback(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RollbackExchangeException) {
                return true;
            }
        }
        return false;
    }
}
