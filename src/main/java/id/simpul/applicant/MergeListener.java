package id.simpul.applicant;

/**
 * Told after a merge is stored, for in-process observers (tests, the CLI). The hub tells G2G from the registry's
 * stored history instead ({@code applicant_event}), which a stop or a failed hand-off cannot lose.
 */
@FunctionalInterface
public interface MergeListener {

    void merged(MergeEvent event);

    MergeListener NONE = event -> { };
}
