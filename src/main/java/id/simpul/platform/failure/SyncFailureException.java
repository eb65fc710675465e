package id.simpul.platform.failure;

/** A failure of a step that talks to another system or processes a message, classified for the error handler. */
public abstract class SyncFailureException extends RuntimeException {

    protected SyncFailureException(String message, Throwable cause) {
        super(message, cause);
    }

    public abstract FailureKind kind();
}
