package id.simpul.applicant;

/**
 * Decision thresholds on the match weight (log2 likelihood ratio, see ScoringModel) and blocking
 * bounds.
 *
 * @param linkThreshold   at or above: linked automatically (SAME, INFERRED)
 * @param reviewThreshold at or above (and below linkThreshold): a new master plus a MAYBE link for review
 * @param mergeThreshold  a record scoring at least this against two masters proves them one: merged
 * @param blockCap        most recent records read per blocking key
 * @param maxReviews      MAYBE links opened per record at most
 */
public record MatchSettings(double linkThreshold, double reviewThreshold, double mergeThreshold, int blockCap,
                            int maxReviews) {

    public static final MatchSettings DEFAULTS = new MatchSettings(12, 9, 16, 48, 2);

    public MatchSettings {
        if (reviewThreshold > linkThreshold) {
            throw new IllegalArgumentException("reviewThreshold must not exceed linkThreshold");
        }
        if (mergeThreshold < linkThreshold) {
            throw new IllegalArgumentException("mergeThreshold must be at least linkThreshold");
        }
        if (blockCap < 1 || maxReviews < 0) {
            throw new IllegalArgumentException("blockCap must be positive and maxReviews not negative");
        }
    }
}
