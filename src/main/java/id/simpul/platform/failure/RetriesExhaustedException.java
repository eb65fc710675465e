package id.simpul.platform.failure;

/**
 * A transient failure that the hub's failure policy already retried with back-off as often as it
 * may: the routes dead-letter it at once instead of retrying it again. Keeps the last failure's
 * message and the number of attempts.
 */
public class RetriesExhaustedException extends TransientFailureException {

    private final int attempts;

    public RetriesExhaustedException(int attempts, TransientFailureException last) {
        super("gave up after " + attempts + " attempt(s): " + last.getMessage(), last);
        this.attempts = attempts;
    }

    public int attempts() {
        return attempts;
    }
}
