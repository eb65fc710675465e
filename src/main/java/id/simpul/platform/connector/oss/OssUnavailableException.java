package id.simpul.platform.connector.oss;

import id.simpul.platform.failure.TransientFailureException;

/** OSS failed in a way worth retrying: kode 500/504, HTTP 5xx, timeout, broken connection, unreadable reply. */
public class OssUnavailableException extends TransientFailureException implements OssFailure {

    private final OssOperation operation;
    private final Integer kode;

    public OssUnavailableException(OssOperation operation, Integer kode, String message, Throwable cause) {
        super(message, cause);
        this.operation = operation;
        this.kode = kode;
    }

    @Override
    public OssOperation operation() {
        return operation;
    }

    @Override
    public Integer kode() {
        return kode;
    }
}
