package id.simpul.platform.connector;

import id.simpul.platform.failure.FailureKind;
import java.io.IOException;
import java.net.http.HttpTimeoutException;

/**
 * The one rule for what is worth retrying when calling another system: 4xx answers are permanent
 * (the same request gets the same refusal), except 408 and 429 which ask us to come back; 5xx,
 * timeouts and broken connections are transient.
 */
public final class FailureClassifier {

    private FailureClassifier() {
    }

    public static FailureKind ofStatus(int status) {
        if (status == 408 || status == 429) {
            return FailureKind.TRANSIENT;
        }
        if (status >= 400 && status < 500) {
            return FailureKind.PERMANENT;
        }
        return FailureKind.TRANSIENT;
    }

    public static FailureKind ofException(Throwable e) {
        if (e instanceof HttpTimeoutException || e instanceof IOException) {
            return FailureKind.TRANSIENT;
        }
        return FailureKind.PERMANENT;
    }
}
