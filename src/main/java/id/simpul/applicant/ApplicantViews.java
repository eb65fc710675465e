package id.simpul.applicant;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What the registry shows people: a master with its linked records and the evidence behind each link. */
public final class ApplicantViews {

    private ApplicantViews() {
    }

    /** One field's contribution to a link's score. */
    public record Evidence(String field, String level, double weight) {
    }

    /**
     * @param explanation the stored text: which record of the master matched best, the total and each field
     */
    public record Link(long linkId, String sourceRef, String applicantId, LinkKind kind, LinkStatus status, double score,
                       List<Evidence> evidence, String explanation, String decidedBy, Instant createdAt, Instant updatedAt) {
    }

    public record History(String kind, String otherApplicantId, String detail, Instant at) {
    }

    /**
     * @param requestedId the id asked for; differs from {@code applicantId} when it was retired by a merge
     */
    public record Applicant(String applicantId, String requestedId, String type, String displayName, List<Link> records,
                            List<Link> openReviews, List<Link> decisions, List<History> history) {
    }

    public record ReviewItem(long reviewId, String sourceRef, String recordName, String candidateApplicantId,
                             String currentApplicantId, double score, List<Evidence> evidence, String explanation,
                             Instant createdAt) {
    }

    /** Parses "… score 14.2: nik:EXACT:+16.0 name:STRONG:+7.0" back into items. */
    public static List<Evidence> parse(String explanation) {
        List<Evidence> out = new ArrayList<>();
        if (explanation == null) {
            return out;
        }
        int colon = explanation.indexOf(": ");
        String tail = colon < 0 ? explanation : explanation.substring(colon + 2);
        for (String item : tail.split(" ")) {
            String[] parts = item.split(":");
            if (parts.length == 3) {
                try {
                    out.add(new Evidence(parts[0], parts[1], Double.parseDouble(parts[2])));
                } catch (NumberFormatException ignored) {
                    // free text in the explanation, not an evidence item
                }
            }
        }
        return out;
    }
}
