package id.simpul.reconciliation.run;

import id.simpul.delivery.LocalStatus;
import id.simpul.delivery.TargetRegistry;
import id.simpul.platform.SimpulProperties.Target;
import id.simpul.platform.connector.oss.OssClient;
import id.simpul.platform.connector.oss.OssRefusedException;
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
 * restore, through the hub after the backup was taken. OSS tells these apart: {@code checkLicenseStatus} of the
 * permit's {@code id_izin} names its NIB when OSS knows it, and the finding carries that NIB with a backfill of it
 * as its fix; a permit OSS does not know was registered at the office, and needs a person. At most
 * {@link #MAX_CALLS_PER_RUN} calls per run, as {@link OssStatusProbe} asks.
 */
@Component
public class TargetOutputsProbe implements DiscrepancyProbe {

    /** {@code checkLicenseStatus} calls per run at most; the other findings say to wait for the next run. */
    static final int MAX_CALLS_PER_RUN = OssStatusProbe.MAX_CALLS_PER_RUN;

    private static final Logger log = LoggerFactory.getLogger(TargetOutputsProbe.class);

    private final TargetRegistry targets;
    private final JdbcClient jdbc;
    private final OssClient oss;

    public TargetOutputsProbe(TargetRegistry targets, JdbcClient jdbc, OssClient oss) {
        this.targets = targets;
        this.jdbc = jdbc;
        this.oss = oss;
    }

    @Override
    public List<Discrepancy> find() {
        List<Discrepancy> out = new ArrayList<>();
        int calls = 0;
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
                    boolean ask = local.idIzinOss() != null && calls < MAX_CALLS_PER_RUN;
                    calls += ask ? 1 : 0;
                    out.add(unknown(target, local, ask));
                }
            }
        }
        return out;
    }

    private Discrepancy unknown(Target target, LocalStatus local, boolean ask) {
        String held = target.id() + " holds " + local.targetRef() + " (" + local.status() + ") that the hub's ledger"
                + " does not hold";
        if (!ask) {
            return new Discrepancy(Category.AT_TARGET_UNKNOWN_TO_OSS, null, local.idIzinOss(), target.id(),
                    held + ": registered there directly, or through the hub after the backup a restored store came"
                            + " from; " + (local.idIzinOss() == null ? "the target names no OSS id_izin to ask OSS"
                            + " about, so find its NIB at the office" : "OSS was not asked this run (at most "
                            + MAX_CALLS_PER_RUN + " per run), the next run asks"), Fix.NONE, local.targetRef());
        }
        try {
            String nib = oss.checkLicenseStatus(local.idIzinOss()).nib();
            if (nib != null && nib.matches("\\d{13}")) {
                return new Discrepancy(Category.AT_TARGET_UNKNOWN_TO_OSS, nib, local.idIzinOss(), target.id(),
                        held + ". OSS knows it under NIB " + nib + ": after a restore, it came through the hub after"
                                + " the backup, and a backfill of the NIB (the fix) brings it back into the ledger"
                                + " (the region keeps its one registration); if the office registered it directly,"
                                + " settle it with the office first", Fix.BACKFILL, local.targetRef());
            }
            return new Discrepancy(Category.AT_TARGET_UNKNOWN_TO_OSS, null, local.idIzinOss(), target.id(),
                    held + ". OSS knows it but named no NIB for it (checkLicenseStatus answered NIB '" + nib
                            + "'): find its NIB with the office or OSS, then backfill it", Fix.NONE, local.targetRef());
        } catch (OssRefusedException e) {
            // 400 (the simulator's and OSS's "Data izin tidak ditemukan") or 404: OSS has no such permit. Any other
            // refusal (an invalid user_key) says nothing about the permit.
            if (e.kode() != null && (e.kode() == 400 || e.kode() == 404)) {
                return new Discrepancy(Category.AT_TARGET_UNKNOWN_TO_OSS, null, local.idIzinOss(), target.id(),
                        held + ", and OSS does not know it either (" + e.getMessage() + "): registered at the office"
                                + " directly; settle it with the office", Fix.NONE, local.targetRef());
            }
            return notAsked(target, local, held, e);
        } catch (SyncFailureException e) {
            return notAsked(target, local, held, e);
        }
    }

    private static Discrepancy notAsked(Target target, LocalStatus local, String held, SyncFailureException e) {
        return new Discrepancy(Category.AT_TARGET_UNKNOWN_TO_OSS, null, local.idIzinOss(), target.id(),
                held + ": registered there directly, or through the hub after the backup a restored store came"
                        + " from (then backfill its NIB); OSS could not be asked for the NIB (" + e.getMessage()
                        + "), the next run asks again", Fix.NONE, local.targetRef());
    }
}
