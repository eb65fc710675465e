package id.simpul.reconciliation.applicant;

import id.simpul.applicant.ApplicantRegistry;
import id.simpul.platform.audit.AuditLog;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * People's decisions on the applicant registry (review decisions, splits), audited for the API and the
 * console alike. The registry writes on its own connection, so no Spring transaction can hold the change
 * and its audit row together. The audit row of the request is therefore appended first: a change the
 * audit log does not show is impossible (the append fails → nothing changes), while a request row without
 * its outcome row marks an attempt that was refused or cut short (the registry's link history, with
 * {@code decidedBy}, then says whether it took effect).
 */
@Component
public class ApplicantDecisions {

    private final ApplicantRegistry registry;
    private final AuditLog audit;

    public ApplicantDecisions(ApplicantRegistry registry, AuditLog audit) {
        this.registry = registry;
        this.audit = audit;
    }

    /** @param channel where the decision was made ("API", "console"); @param note the reviewer's note, may be blank */
    public ApplicantRegistry.Decision decide(long reviewId, boolean same, String actor, String channel, String note) {
        String what = (same ? "same applicant" : "different applicants") + " (" + channel + ")"
                + (note == null || note.isBlank() ? "" : ": " + note.strip());
        String review = String.valueOf(reviewId);
        audit.append(new AuditLog.Event(actor, "APPLICANT_REVIEW_REQUESTED", "applicant-review", review, null, what,
                null, null));
        ApplicantRegistry.Decision decided = registry.decide(reviewId, same, actor);
        audit.append(new AuditLog.Event(actor, "APPLICANT_REVIEW_DECIDED", "applicant-review", review, null,
                what + ": applicant " + decided.applicantId()
                        + (decided.merged().isEmpty() ? "" : ", merged " + decided.merged()), null, null));
        return decided;
    }

    /** Splits records off a master; returns the new master's id. */
    public String split(String applicantId, List<String> sourceRefs, String actor, String channel) {
        audit.append(new AuditLog.Event(actor, "APPLICANT_SPLIT_REQUESTED", "applicant", applicantId, null,
                "split " + sourceRefs + " off (" + channel + ")", null, null));
        String created = registry.split(applicantId, sourceRefs, actor);
        audit.append(new AuditLog.Event(actor, "APPLICANT_SPLIT", "applicant", applicantId, null,
                "split " + sourceRefs + " off into " + created + " (" + channel + ")", null, null));
        return created;
    }
}
