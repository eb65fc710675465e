package id.simpul.applicant.cli;

import java.util.HashMap;
import java.util.Map;

/**
 * Pairwise and B-cubed precision, recall and F1 of a clustering against the truth. Pairwise counts
 * record pairs put together; B-cubed averages, per record, how much of its cluster is its entity
 * (precision) and how much of its entity is in its cluster (recall).
 */
public record ClusterMetrics(long records, long truePairs, long predictedPairs, long correctPairs,
                             double pairPrecision, double pairRecall, double pairF1,
                             double b3Precision, double b3Recall, double b3F1) {

    /** Both maps: record → cluster label. Records missing from {@code predicted} count as singletons. */
    public static ClusterMetrics of(Map<String, String> truth, Map<String, String> predicted) {
        Map<String, Integer> entitySize = new HashMap<>();
        Map<String, Integer> clusterSize = new HashMap<>();
        Map<String, Integer> cell = new HashMap<>();
        for (Map.Entry<String, String> e : truth.entrySet()) {
            String cluster = predicted.getOrDefault(e.getKey(), "unmatched:" + e.getKey());
            entitySize.merge(e.getValue(), 1, Integer::sum);
            clusterSize.merge(cluster, 1, Integer::sum);
            cell.merge(e.getValue() + "\u0000" + cluster, 1, Integer::sum);
        }
        long truePairs = entitySize.values().stream().mapToLong(ClusterMetrics::pairs).sum();
        long predictedPairs = clusterSize.values().stream().mapToLong(ClusterMetrics::pairs).sum();
        long correct = cell.values().stream().mapToLong(ClusterMetrics::pairs).sum();
        double p = predictedPairs == 0 ? 1 : (double) correct / predictedPairs;
        double r = truePairs == 0 ? 1 : (double) correct / truePairs;
        double bp = 0;
        double br = 0;
        for (Map.Entry<String, String> e : truth.entrySet()) {
            String cluster = predicted.getOrDefault(e.getKey(), "unmatched:" + e.getKey());
            int both = cell.get(e.getValue() + "\u0000" + cluster);
            bp += (double) both / clusterSize.get(cluster);
            br += (double) both / entitySize.get(e.getValue());
        }
        int n = truth.size();
        bp = n == 0 ? 1 : bp / n;
        br = n == 0 ? 1 : br / n;
        return new ClusterMetrics(n, truePairs, predictedPairs, correct, p, r, f1(p, r), bp, br, f1(bp, br));
    }

    private static long pairs(int n) {
        return (long) n * (n - 1) / 2;
    }

    private static double f1(double p, double r) {
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public String report() {
        return String.format(java.util.Locale.ROOT,
                "records %d, true pairs %d, predicted pairs %d, correct pairs %d%n"
                        + "pairwise  precision %.4f  recall %.4f  F1 %.4f%n"
                        + "B-cubed   precision %.4f  recall %.4f  F1 %.4f",
                records, truePairs, predictedPairs, correctPairs, pairPrecision, pairRecall, pairF1,
                b3Precision, b3Recall, b3F1);
    }
}
