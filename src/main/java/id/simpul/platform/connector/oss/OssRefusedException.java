package id.simpul.platform.connector.oss;

import id.simpul.platform.failure.PermanentFailureException;

/** OSS refused the request (kode or HTTP 4xx: bad parameter, invalid access, illegal inquiry, not found, refused). */
public class OssRefusedException extends PermanentFailureException implements OssFailure {

    private final OssOperation operation;
    private final Integer kode;

    public OssRefusedException(OssOperation operation, Integer kode, String message) {
        super(message);
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
