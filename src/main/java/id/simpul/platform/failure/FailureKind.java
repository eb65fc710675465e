package id.simpul.platform.failure;

/** How a failure is handled: transient ones are retried with back-off, permanent ones dead-lettered at once. */
public enum FailureKind {
    TRANSIENT,
    PERMANENT
}
