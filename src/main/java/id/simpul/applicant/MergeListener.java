package id.simpul.applicant;

/** Told after a merge is stored; the hub publishes it for G2G and other consumers. */
@FunctionalInterface
public interface MergeListener {

    void merged(MergeEvent event);

    MergeListener NONE = event -> { };
}
