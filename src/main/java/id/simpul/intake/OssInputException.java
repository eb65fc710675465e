package id.simpul.intake;

import id.simpul.platform.security.PersonalData;

/**
 * A push OSS sent that cannot be processed; the message says which field and why, in the sender's language.
 * It names the sender's own keys and address ("Field ganda: dataNIB.…", "Layanan … tidak dikenal"), which can
 * be anything, a NIK too; the reply and the log get it with the NIKs, phones and e-mails in it masked.
 */
public class OssInputException extends RuntimeException {

    private final int httpStatus;

    public OssInputException(int httpStatus, String message) {
        super(PersonalData.maskText(message));
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
