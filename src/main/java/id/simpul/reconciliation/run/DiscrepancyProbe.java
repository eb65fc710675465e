package id.simpul.reconciliation.run;

import java.util.List;

/** One way of comparing two views of the permits; a run asks every probe. */
public interface DiscrepancyProbe {

    List<Discrepancy> find();
}
