package id.simpul.g2g.recommendation;

import id.simpul.canonical.PermitStatus;
import id.simpul.g2g.G2gException;
import id.simpul.g2g.G2gProperties;
import id.simpul.platform.ledger.LedgerEntry;
import id.simpul.platform.ledger.SyncLedger;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * An agency's answer moves the permit: the decision is stored, written to the permit's trail
 * ({@code RECOMMENDATION_APPROVED} / {@code _REJECTED} / {@code _MORE_INFO}), the permit's
 * recommendation stage is recomputed ({@code WORKFLOW_STAGE} when it changes), and where a
 * {@code kd_status} fits (all approved → 45 Persyaratan terverifikasi, one rejected → 93 Penolakan
 * Persyaratan, by default) a canonical {@link PermitStatus} goes to the {@link PermitStatusSink}.
 */
@Component
public class RecommendationDecisions {

    /** What an agency may answer. */
    public enum Decision {
        APPROVE(Recommendation.APPROVED), REJECT(Recommendation.REJECTED), MORE_INFO(Recommendation.MORE_INFO);

        final String state;

        Decision(String state) {
            this.state = state;
        }
    }

    /** The permit's stage as far as recommendations go. */
    public enum Stage { AWAITING_RECOMMENDATIONS, MORE_INFO_REQUESTED, RECOMMENDATIONS_COMPLETE, RECOMMENDATION_REJECTED }

    public record Decided(Recommendation recommendation, Stage stage, String kdStatusRecorded) {
    }

    private final Recommendations recommendations;
    private final SyncLedger ledger;
    private final PermitStatusSink statuses;
    private final Clock clock;
    private final G2gProperties.RecommendationStatuses codes;

    public RecommendationDecisions(Recommendations recommendations, SyncLedger ledger, PermitStatusSink statuses,
                                   Clock clock, G2gProperties properties) {
        this.recommendations = recommendations;
        this.ledger = ledger;
        this.statuses = statuses;
        this.clock = clock;
        this.codes = properties.recommendationStatuses();
    }

    @Transactional
    public Decided decide(Recommendation rec, Decision decision, String notes, String documentUrl, String agencyName,
                          String decidedBy) {
        if (!rec.open()) {
            throw new G2gException(409, null, "recommendation " + rec.id() + " was already decided: " + rec.state());
        }
        Stage before = stage(recommendations.byIdIzin(rec.idIzin()));
        if (!recommendations.decide(rec.id(), rec.state(), decision.state, notes, documentUrl, decidedBy)) {
            throw new G2gException(409, null, "recommendation " + rec.id() + " was decided meanwhile");
        }
        List<LedgerEntry> versions = ledger.byIdIzin(rec.idIzin());
        LedgerEntry latest = versions.get(versions.size() - 1);
        ledger.event(latest, "RECOMMENDATION_" + decision.state, rec.agencyId() + " (" + decidedBy + ") "
                + decision.state.toLowerCase().replace('_', ' ') + " recommendation " + rec.id()
                + (notes == null ? "" : ": " + notes) + (documentUrl == null ? "" : " [document " + documentUrl + "]"));
        Stage after = stage(recommendations.byIdIzin(rec.idIzin()));
        if (after != before) {
            ledger.event(latest, "WORKFLOW_STAGE", "recommendations: " + before + " -> " + after);
        }
        String kd = switch (decision) {
            case APPROVE -> after == Stage.RECOMMENDATIONS_COMPLETE ? codes.approved() : null;
            case REJECT -> codes.rejected();
            case MORE_INFO -> codes.moreInfo();
        };
        String recorded = null;
        if (kd != null && !kd.isBlank()) {
            // The mapping sends at to OSS as tgl_status, which the PIA wants in Jakarta time, not as an instant.
            PermitStatus status = PermitStatus.of(latest.nib(), latest.idIzin(), kd, rec.agencyId() + ": "
                    + (notes == null ? decision.state.toLowerCase() : notes), agencyName,
                    PermitStatus.timestamp(clock.instant()), "G2G");
            if (statuses.record(latest, status)) {
                recorded = kd;
            }
        }
        return new Decided(recommendations.find(rec.id()).orElseThrow(), after, recorded);
    }

    public static Stage stage(List<Recommendation> all) {
        if (all.stream().anyMatch(r -> Recommendation.REJECTED.equals(r.state()))) {
            return Stage.RECOMMENDATION_REJECTED;
        }
        if (!all.isEmpty() && all.stream().allMatch(r -> Recommendation.APPROVED.equals(r.state()))) {
            return Stage.RECOMMENDATIONS_COMPLETE;
        }
        if (all.stream().anyMatch(r -> Recommendation.MORE_INFO.equals(r.state()))) {
            return Stage.MORE_INFO_REQUESTED;
        }
        return Stage.AWAITING_RECOMMENDATIONS;
    }
}
