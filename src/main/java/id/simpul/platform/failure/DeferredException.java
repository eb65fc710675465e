package id.simpul.platform.failure;

/**
 * Not a failure of the message: the work cannot run now (the target's circuit stayed open longer
 * than a consumer may wait, or the hub is stopping). The routes roll the message back to the broker,
 * which delivers it again later; no attempt is counted and nothing is dead-lettered.
 */
public class DeferredException extends RuntimeException {

    public DeferredException(String message) {
        super(message);
    }
}
