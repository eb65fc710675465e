package id.simpul.reconciliation.run;

import org.springframework.security.core.Authentication;

/** Carries out one kind of fix. */
public interface DiscrepancyFixer {

    Discrepancy.Fix fix();

    /** @return what was done, for the trail and the reply */
    String apply(Discrepancy discrepancy, Authentication auth);
}
