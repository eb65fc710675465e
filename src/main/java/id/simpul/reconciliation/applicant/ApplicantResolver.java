package id.simpul.reconciliation.applicant;

import id.simpul.applicant.ApplicantMapping;
import id.simpul.applicant.ApplicantRegistry;
import id.simpul.applicant.Resolution;
import id.simpul.applicant.SourceRecord;
import id.simpul.canonical.PermitMessage;
import id.simpul.platform.json.Json;
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

    /** @return the canonical JSON with applicantId set; unchanged when the message has no applicant */
    public String resolve(String canonicalJson) {
        PermitMessage message = Json.read(canonicalJson, PermitMessage.class);
        SourceRecord record = mapping.fromPermitMessage(message);
        if (record == null) {
            log.warn("permit message {} carries no applicant name; applicantId left empty",
                    message.source() == null ? "?" : message.source().idIzin());
            return canonicalJson;
        }
        Resolution resolution = registry.resolve(record);
        log.info("applicant {} -> {} ({}{})", record.sourceRef(), resolution.applicantId(), resolution.outcome(),
                resolution.reviewIds().isEmpty() ? "" : ", review " + resolution.reviewIds());
        return Json.write(message.withApplicantId(resolution.applicantId()));
    }
}
