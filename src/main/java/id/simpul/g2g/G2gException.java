package id.simpul.g2g;

import id.simpul.platform.web.ApiException;

/** A refusal of a G2G call that names the request parameter at fault (a bad filter, a bad field). */
public class G2gException extends ApiException {

    private final String parameter;

    public G2gException(int status, String parameter, String message) {
        super(status, message);
        this.parameter = parameter;
    }

    public static G2gException badParameter(String parameter, String message) {
        return new G2gException(400, parameter, message);
    }

    /** Not there, or not the caller's to see: the same answer, so that existence does not leak. */
    public static G2gException notVisible(String what) {
        return new G2gException(404, null, "no " + what + " visible to this agency");
    }

    public String parameter() {
        return parameter;
    }
}
