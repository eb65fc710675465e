package id.simpul.reconciliation.applicant;

import id.simpul.applicant.MergeEvent;
import org.springframework.context.ApplicationEvent;

/** Published when two masters merge: consumers (G2G) move what they hold under the retired id to the survivor. */
public class ApplicantMergedEvent extends ApplicationEvent {

    private final MergeEvent merge;

    public ApplicantMergedEvent(Object source, MergeEvent merge) {
        super(source);
        this.merge = merge;
    }

    public MergeEvent merge() {
        return merge;
    }
}
