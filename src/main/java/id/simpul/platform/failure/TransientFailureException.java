package id.simpul.platform.failure;

/** 5xx, timeouts, connection resets, a busy store: worth retrying with back-off. */
public class TransientFailureException extends SyncFailureException {

    public TransientFailureException(String message, Throwable cause) {
        super(message, cause);
    }

    public TransientFailureException(String message) {
        super(message, null);
    }

    @Override
    public FailureKind kind() {
        return FailureKind.TRANSIENT;
    }
}
