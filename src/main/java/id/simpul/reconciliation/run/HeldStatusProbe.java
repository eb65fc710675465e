package id.simpul.reconciliation.run;

import id.simpul.delivery.HeldStatuses;
import id.simpul.reconciliation.run.Discrepancy.Category;
import id.simpul.reconciliation.run.Discrepancy.Fix;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Steps of a permit's later registration held back from OSS although nothing that OSS has, or may still get, from
 * an earlier registration is ahead of them any more: an earlier status discarded before discards released held
 * steps (a store upgraded from before V69), or one that left the way some other way. {@link OssStatusProbe} cannot
 * see them: it compares OSS with the last status sent, and a held step is never sent, so OSS and the hub agree on a
 * status the office has long left.
 */
@Component
public class HeldStatusProbe implements DiscrepancyProbe {

    private final HeldStatuses held;

    public HeldStatusProbe(HeldStatuses held) {
        this.held = held;
    }

    @Override
    public List<Discrepancy> find() {
        return held.permitsWithHeldSteps().stream().map(held::releasable).flatMap(Optional::stream)
                .map(r -> new Discrepancy(Category.STATUS_HELD, r.registration().nib(), r.registration().idIzin(),
                        r.registration().targetId(), "kd_status " + r.report().kdStatus() + " ("
                        + r.report().localStatus() + ") of version " + r.registration().version()
                        + " is held, though nothing OSS has or may still get from an earlier version is ahead of it",
                        Fix.RELEASE_HELD, r.registration().idIzin()))
                .toList();
    }
}
