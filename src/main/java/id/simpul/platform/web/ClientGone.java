package id.simpul.platform.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * A caller that hung up before its answer was written (a broken pipe, a reset, a client's timeout): there is no
 * one left to answer, and it is not the hub's failure, so it is no ERROR with a stack trace in the log.
 */
public final class ClientGone {

    private static final Logger log = LoggerFactory.getLogger(ClientGone.class);

    private ClientGone() {
    }

    /** @return true, after a debug line, when {@code e} is the caller having gone away */
    public static boolean handled(Throwable e, String call) {
        if (!DisconnectedClientHelper.isClientDisconnectedException(e)) {
            return false;
        }
        log.debug("{}: the caller went away before the answer was written ({})", call, e.toString());
        return true;
    }
}
