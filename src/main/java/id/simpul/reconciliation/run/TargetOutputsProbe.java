package id.simpul.reconciliation.run;

import id.simpul.delivery.LocalStatus;
import id.simpul.delivery.TargetRegistry;
import id.simpul.platform.SimpulProperties.Target;
import id.simpul.platform.failure.SyncFailureException;
import id.simpul.reconciliation.run.Discrepancy.Category;
import id.simpul.reconciliation.run.Discrepancy.Fix;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads each target's outputs (the same reads back-sync uses) and reports the permits a target
 * holds that the ledger does not: registered locally, under a number the hub does not know, or, after a
 * restore, through the hub after the backup was taken (the hub cannot tell these apart). Report only: which
 * system is right needs a person.
 */
@Component
public class TargetOutputsProbe implements DiscrepancyProbe {

    private static final Logger log = LoggerFactory.getLogger(TargetOutputsProbe.class);

    private final TargetRegistry targets;
    private final JdbcClient jdbc;

    public TargetOutputsProbe(TargetRegistry targets, JdbcClient jdbc) {
        this.targets = targets;
        this.jdbc = jdbc;
    }

    @Override
    public List<Discrepancy> find() {
        List<Discrepancy> out = new ArrayList<>();
        for (Target target : targets.all()) {
            List<LocalStatus> outputs;
            try {
                outputs = targets.adapterOf(target).outputs(target);
            } catch (SyncFailureException | UnsupportedOperationException e) {
                log.info("reconciliation could not read the outputs of {}: {}", target.id(), e.getMessage());
                continue;
            }
            Set<String> knownRefs = new HashSet<>(jdbc.sql(
                    "SELECT target_ref FROM sync_ledger WHERE target_id = :t AND target_ref IS NOT NULL")
                    .param("t", target.id()).query(String.class).list());
            Set<String> knownIzin = new HashSet<>(jdbc.sql("SELECT DISTINCT id_izin FROM sync_ledger")
                    .query(String.class).list());
            for (LocalStatus local : outputs) {
                boolean known = (local.targetRef() != null && knownRefs.contains(local.targetRef()))
                        || (local.idIzinOss() != null && knownIzin.contains(local.idIzinOss()));
                if (!known) {
                    out.add(new Discrepancy(Category.AT_TARGET_UNKNOWN_TO_OSS, null, local.idIzinOss(), target.id(),
                            target.id() + " holds " + local.targetRef() + " (" + local.status() + ") that the hub's "
                                    + "ledger does not hold: registered there directly, or through the hub after the "
                                    + "backup a restored store came from (then backfill its NIB)", Fix.NONE,
                            local.targetRef()));
                }
            }
        }
        return out;
    }
}
