package id.simpul.reconciliation.run;

import id.simpul.delivery.HeldStatuses;
import id.simpul.reconciliation.run.Discrepancy.Category;
import id.simpul.reconciliation.run.Discrepancy.Fix;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Steps of a permit's later registration held back from OSS although nothing that OSS has, or may still get, from
 * an earlier registration is ahead of them any more: an earlier status discarded before discards released held
 * steps (a store upgraded from before V69), or one that left the way some other way. {@link OssStatusProbe} cannot
 * see them: it compares OSS with the last status sent, and a held step is never sent, so OSS and the hub agree on a
 * status the office has long left.
 *
 * <p>And decided permits ({@code IZINFINAL}) waiting for their {@code IZINSTATUS} when that status is no longer in a
 * dead letter nor on its way to OSS: a send or a discard of the status releases the final in its own transaction, so
 * this is a status that left its dead letter some other way (the store edited by hand, say).
 */
@Component
public class HeldStatusProbe implements DiscrepancyProbe {

    private final HeldStatuses held;

    public HeldStatusProbe(HeldStatuses held) {
        this.held = held;
    }

    @Override
    public List<Discrepancy> find() {
        Stream<Discrepancy> steps = held.permitsWithHeldSteps().stream().map(held::releasable)
                .flatMap(Optional::stream)
                .map(r -> new Discrepancy(Category.STATUS_HELD, r.registration().nib(), r.registration().idIzin(),
                        r.registration().targetId(), "kd_status " + r.report().kdStatus() + " ("
                        + r.report().localStatus() + ") of version " + r.registration().version()
                        + " is held, though nothing OSS has or may still get from an earlier version is ahead of it",
                        Fix.RELEASE_HELD, r.registration().idIzin()));
        Stream<Discrepancy> finals = held.finalsWaitingForNothing().stream()
                .map(f -> new Discrepancy(Category.FINAL_WAITING, f.nib(), f.idIzin(), f.targetId(), "IZINFINAL "
                        + f.kdStatus() + " (" + f.localStatus() + ") waits for its IZINSTATUS, which is no longer in a"
                        + " dead letter nor on its way to OSS", Fix.SEND_FINAL, String.valueOf(f.id())));
        return Stream.concat(steps, finals).toList();
    }
}
