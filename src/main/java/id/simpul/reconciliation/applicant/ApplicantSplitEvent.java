package id.simpul.reconciliation.applicant;

import id.simpul.applicant.SplitEvent;
import org.springframework.context.ApplicationEvent;

/** Published when records split off a master: consumers (G2G) move what they filed by those records to the new one. */
public class ApplicantSplitEvent extends ApplicationEvent {

    private final SplitEvent split;

    public ApplicantSplitEvent(Object source, SplitEvent split) {
        super(source);
        this.split = split;
    }

    public SplitEvent split() {
        return split;
    }
}
