package id.simpul.g2g.events;

import id.simpul.g2g.Scopes;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The events of the exchange and the scope an agency needs to receive each. */
public enum EventType {
    PermitReceived(Scopes.PERMITS_READ, "A permit application (or a new version of one) reached the hub."),
    PermitStatusChanged(Scopes.PERMITS_READ, "A permit moved: delivered to the local system, a recommendation "
            + "decided, a kd_status recorded or reported to OSS."),
    PermitIssued(Scopes.PERMITS_READ, "The permit was decided and its final form reported to OSS."),
    ApplicantMerged(Scopes.APPLICANTS_READ, "Two applicant records were found to be one person: the retired id "
            + "now answers with the survivor."),
    ApplicantSplit(Scopes.APPLICANTS_READ, "Records of one applicant were found to be another's: the permits of "
            + "those records now answer under the new id; the original id keeps the rest."),
    LocalPermitChanged(Scopes.PERMITS_READ, "A permit the regional office registered in its own system (a type OSS "
            + "does not handle) was seen for the first time or changed (a new status, the decision); fetch it at "
            + "GET /g2g/v1/local-permits/{targetId}/{localNumber} (its href: the number as the office wrote it, slashes "
            + "included)."),
    RecommendationRequested(Scopes.RECOMMENDATIONS_WRITE, "The hub asks this agency for a technical "
            + "recommendation; fetch it at GET /g2g/v1/recommendations/{id}.");

    private final String scope;
    private final String description;

    EventType(String scope, String description) {
        this.scope = scope;
        this.description = description;
    }

    public String scope() {
        return scope;
    }

    public String description() {
        return description;
    }

    public static Optional<EventType> of(String name) {
        return Arrays.stream(values()).filter(t -> t.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(Enum::name).toList();
    }
}
