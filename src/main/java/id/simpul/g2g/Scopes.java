package id.simpul.g2g;

import java.util.List;

/** What an agency may do in the exchange. Deny by default: a call needs the scope its handler names. */
public final class Scopes {

    public static final String PERMITS_READ = "permits:read";
    public static final String BUSINESSES_READ = "businesses:read";
    public static final String APPLICANTS_READ = "applicants:read";
    /** NIK, phone numbers and e-mail addresses unmasked (UU PDP: audited per access). */
    public static final String APPLICANTS_READ_PERSONAL = "applicants:read-personal";
    public static final String EVENTS_SUBSCRIBE = "events:subscribe";
    public static final String RECOMMENDATIONS_WRITE = "recommendations:write";

    public static final List<String> ALL = List.of(PERMITS_READ, BUSINESSES_READ, APPLICANTS_READ,
            APPLICANTS_READ_PERSONAL, EVENTS_SUBSCRIBE, RECOMMENDATIONS_WRITE);

    /** Spring Security authority of a scope. */
    public static String authority(String scope) {
        return "SCOPE_" + scope;
    }

    private Scopes() {
    }
}
