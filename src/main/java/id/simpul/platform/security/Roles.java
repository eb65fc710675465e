package id.simpul.platform.security;

import java.util.List;

/** The hub's roles (issue 6). Personal data is shown unmasked only to roles in {@link #SEES_PERSONAL_DATA}. */
public final class Roles {

    /** Day-to-day IT staff: inspect, replay, discard, confirm manual entries, decide reviews. */
    public static final String OPERATOR = "operator";
    /** System integrators: routes, mappings, targets; read-only on operations. */
    public static final String INTEGRATOR = "integrator";
    /** Read-only oversight, audit chain and data-subject exports. */
    public static final String AUDITOR = "auditor";
    /** Everything, including accounts and agencies. */
    public static final String ADMIN = "admin";

    public static final List<String> ALL = List.of(OPERATOR, INTEGRATOR, AUDITOR, ADMIN);
    public static final List<String> SEES_PERSONAL_DATA = List.of(ADMIN, AUDITOR);

    private Roles() {
    }
}
