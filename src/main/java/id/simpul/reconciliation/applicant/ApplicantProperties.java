package id.simpul.reconciliation.applicant;

import id.simpul.applicant.MatchSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code simpul.applicants.*}: matching thresholds (match weights, see docs/applicant-matching.md). The NIK
 * key is not here: it comes only from the environment ({@code SIMPUL_PII_KEY}).
 */
@ConfigurationProperties(prefix = "simpul.applicants")
public record ApplicantProperties(
        Double linkThreshold,
        Double reviewThreshold,
        Double mergeThreshold,
        Integer blockCap,
        Integer maxReviews) {

    public MatchSettings settings() {
        MatchSettings d = MatchSettings.DEFAULTS;
        return new MatchSettings(
                linkThreshold == null ? d.linkThreshold() : linkThreshold,
                reviewThreshold == null ? d.reviewThreshold() : reviewThreshold,
                mergeThreshold == null ? d.mergeThreshold() : mergeThreshold,
                blockCap == null ? d.blockCap() : blockCap,
                maxReviews == null ? d.maxReviews() : maxReviews);
    }
}
