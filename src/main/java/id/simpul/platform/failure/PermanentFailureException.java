package id.simpul.platform.failure;

/** 4xx validation errors, unmappable messages, missing configuration: retrying gives the same answer. */
public class PermanentFailureException extends SyncFailureException {

    public PermanentFailureException(String message, Throwable cause) {
        super(message, cause);
    }

    public PermanentFailureException(String message) {
        super(message, null);
    }

    @Override
    public FailureKind kind() {
        return FailureKind.PERMANENT;
    }
}
