package id.simpul.reconciliation.applicant;

import id.simpul.applicant.ApplicantMapping;
import id.simpul.applicant.ApplicantRegistry;
import id.simpul.applicant.Resolution;
import id.simpul.applicant.SourceRecord;
import id.simpul.canonical.PermitMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The route step that gives each canonical permit message its master applicant: the message's applicant goes
 * through the matcher and the message comes back with {@code applicantId} set. Logs name the sourceRef (a
 * pseudonym) and the applicant id, never the applicant's data.
 */
@Component("applicantResolver")
public class ApplicantResolver {

    private static final Logger log = LoggerFactory.getLogger(ApplicantResolver.class);

    private final ApplicantRegistry registry;
    private final ApplicantMapping mapping;

    public ApplicantResolver(ApplicantRegistry registry, ApplicantMapping mapping) {
        this.registry = registry;
        this.mapping = mapping;
    }

    /**
     * Takes and gives the message as an object: the route passes it on in memory, so it is serialised
     * once per permit (by the step that stores it), not once per step.
     *
     * @return the message with applicantId set; the same message when it has no applicant or was matched before
     */
    public PermitMessage resolve(PermitMessage message) {
        if (message.applicantId() != null) {
            // A replay of a permit whose conversion failed after matching: its master applicant is known.
            return message;
        }
        SourceRecord record = mapping.fromPermitMessage(message);
        if (record == null) {
            log.warn("permit message {} carries no applicant name; applicantId left empty",
                    message.source() == null ? "?" : message.source().idIzin());
            return message;
        }
        Resolution resolution = registry.resolve(record);
        log.info("applicant {} -> {} ({}{})", record.sourceRef(), resolution.applicantId(), resolution.outcome(),
                resolution.reviewIds().isEmpty() ? "" : ", review " + resolution.reviewIds());
        return message.withApplicantId(resolution.applicantId());
    }
}
