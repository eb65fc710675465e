package id.simpul.applicant;

/** Told after a merge (or a split) is stored; the hub publishes it for G2G and other consumers. */
@FunctionalInterface
public interface MergeListener {

    void merged(MergeEvent event);

    /** Told after a split is stored. Most listeners of old cared for merges only, hence the default. */
    default void split(SplitEvent event) {
    }

    MergeListener NONE = event -> { };
}
