package id.simpul.g2g.access;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one G2G request did, collected while it runs and written to the audit log once it is
 * answered: who, which records, which fields were shown unmasked. Handlers add to it through
 * {@link #of(HttpServletRequest)}.
 */
public final class G2gAccess {

    static final String ATTRIBUTE = G2gAccess.class.getName();

    private final String requestId;
    private final String method;
    private final String target;
    private final Instant at;
    private AgencyPrincipal agency;
    private String action;
    private boolean publicCall;
    private String subjectType;
    private String subjectId;
    private String dataSubject;
    private final List<String> records = new ArrayList<>();
    private final List<String> unmasked = new ArrayList<>();

    G2gAccess(String requestId, String method, String target, Instant at) {
        this.requestId = requestId;
        this.method = method;
        this.target = target;
        this.at = at;
    }

    /** The access record of the current G2G request (a detached one outside a G2G request, e.g. in unit tests). */
    public static G2gAccess of(HttpServletRequest request) {
        Object access = request.getAttribute(ATTRIBUTE);
        return access instanceof G2gAccess a ? a : new G2gAccess("none", request.getMethod(), request.getRequestURI(),
                Instant.EPOCH);
    }

    /** The main record this call was about. */
    public G2gAccess subject(String type, String id) {
        this.subjectType = type;
        this.subjectId = id;
        return this;
    }

    /** Records shown, as {@code type:id}. */
    public G2gAccess record(String type, String id) {
        records.add(type + ":" + id);
        return this;
    }

    /**
     * Personal fields shown unmasked (JSON pointers) and the keyed hash of the person they belong to. The
     * audit row names one person: the first named (the permit's own), not one a later note mentions.
     */
    public G2gAccess unmasked(List<String> fields, String dataSubject) {
        unmasked.addAll(fields);
        if (dataSubject != null && this.dataSubject == null) {
            this.dataSubject = dataSubject;
        }
        return this;
    }

    public String requestId() {
        return requestId;
    }

    String method() {
        return method;
    }

    String target() {
        return target;
    }

    Instant at() {
        return at;
    }

    AgencyPrincipal agency() {
        return agency;
    }

    void agency(AgencyPrincipal principal) {
        this.agency = principal;
    }

    String action() {
        return action;
    }

    void action(String name, boolean isPublic) {
        this.action = name;
        this.publicCall = isPublic;
    }

    boolean publicCall() {
        return publicCall;
    }

    String subjectType() {
        return subjectType;
    }

    String subjectId() {
        return subjectId;
    }

    String dataSubject() {
        return dataSubject;
    }

    List<String> records() {
        return records;
    }

    List<String> unmaskedFields() {
        return unmasked;
    }
}
