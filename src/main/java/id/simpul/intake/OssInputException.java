package id.simpul.intake;

/** A push OSS sent that cannot be processed; the message says which field and why, in the sender's language. */
public class OssInputException extends RuntimeException {

    private final int httpStatus;

    public OssInputException(int httpStatus, String message) {
        super(message);
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
