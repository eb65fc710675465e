package id.simpul.intake.poll;

import com.fasterxml.jackson.databind.node.ObjectNode;
import id.simpul.intake.NibContent;
import id.simpul.intake.NibIntake;
import id.simpul.intake.OssPayloadReader;
import id.simpul.platform.SimpulProperties;
import id.simpul.platform.connector.oss.OssClient;
import id.simpul.platform.connector.oss.OssOperation;
import id.simpul.platform.connector.oss.OssRefusedException;
import id.simpul.platform.ledger.IncomingContent;
import id.simpul.platform.ledger.SyncLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Fetches a NIB from OSS ({@code inqueryNIB}) and ingests it when the ledger does not hold its
 * content yet: the sweep's, the backfill's and reconciliation's re-push of a version never converted one step.
 * Content the ledger already holds (and converted) is not queued at all, so an unchanged NIB leaves no trace but
 * the check.
 */
@Component
public class NibRefresh {

    /** What a refresh did. */
    public enum Outcome {
        /** New content: queued for intake, where it becomes a new version (or version 1). */
        INGESTED,
        /** The ledger already holds this content for every permit of the region. */
        UNCHANGED,
        /** OSS knows the NIB but routes no permit of it to this region. */
        NOT_ROUTED
    }

    private static final Logger log = LoggerFactory.getLogger(NibRefresh.class);

    private final OssClient oss;
    private final SyncLedger ledger;
    private final IntakeQueue queue;
    private final SimpulProperties.Region region;
    private final NibIntake intake;
    private final Clock clock;
    private final Duration stuckAfter;

    public NibRefresh(OssClient oss, SyncLedger ledger, IntakeQueue queue, SimpulProperties properties,
                      NibIntake intake, Clock clock) {
        this.oss = oss;
        this.ledger = ledger;
        this.queue = queue;
        this.intake = intake;
        this.region = properties.region();
        this.clock = clock;
        this.stuckAfter = properties.reconciliation().stuckAfter();
    }

    /**
     * @throws OssRefusedException                                  OSS refused (e.g. kode 400: NIB unknown)
     * @throws id.simpul.platform.failure.TransientFailureException OSS unavailable: try again later
     */
    public Outcome refresh(String nib, String source) {
        ObjectNode data = NibContent.fromInquery(oss.inqueryNib(nib).dataNib(), region);
        String answered = OssPayloadReader.text(data.get("nib"));
        if (!nib.equals(answered)) {
            throw new OssRefusedException(OssOperation.INQUERY_NIB, 200,
                    "OSS inqueryNIB answered NIB " + answered + " for " + nib);
        }
        List<ObjectNode> ours = NibContent.routedToRegion(data, region);
        if (ours.isEmpty()) {
            return Outcome.NOT_ROUTED;
        }
        ObjectNode context = NibContent.context(data);
        String piaVersion = OssPayloadReader.text(data.get("versi_pia"));
        // Every permit is looked at, none skipped once one is new: a permit recorded before shared hashes
        // must have its shared hash before intake meets it in the queued NIB.
        Instant stuckBefore = clock.instant().minus(stuckAfter);
        boolean known = ours.stream().map(entry -> {
            NibContent.Hashes hashes = NibContent.hashes(context, entry);
            String idIzin = OssPayloadReader.text(entry.get("id_izin"));
            IncomingContent content = new IncomingContent(hashes.content(), hashes.shared(), true);
            // A version recorded but never converted (its message lost, e.g. a store restored from a backup) is
            // held only in name: queued again, intake converts it (CONVERSION_RESUMED) instead of ignoring it. Once
            // stuck as reconciliation counts it, not while a burst's queue still holds it.
            return (ledger.holds(idIzin, content)
                    || heldBeforeSharedHashes(idIzin, context, entry, piaVersion, hashes.shared(), source))
                    && !ledger.holdsUnconverted(idIzin, content, stuckBefore);
        }).toList().stream().allMatch(Boolean::booleanValue);
        if (known) {
            return Outcome.UNCHANGED;
        }
        queue.send(data, source);
        String changedOn = OssPayloadReader.text(data.get("tgl_perubahan_nib"));
        log.info("{}: nib={} has content the ledger lacks{}; queued for intake", source, nib,
                changedOn == null ? "" : " (tgl_perubahan_nib " + changedOn + ")");
        return Outcome.INGESTED;
    }

    /**
     * A permit an earlier build recorded (before V57) has no shared hash, and its content hash was taken
     * by that build's rules: a push with {@code kbli_konversi}, or content that build fetched, never
     * matches what the hub fetches now. Without this, the first sweep after an upgrade sent such permits
     * to their region again as new versions. When the fetched permit converts to the canonical form of
     * its newest version, it is that version: the version takes the fetched shared hash (once; its trail
     * says so), and the region gets nothing new. A real change converts to another form and is ingested.
     */
    private boolean heldBeforeSharedHashes(String idIzin, ObjectNode context, ObjectNode entry, String piaVersion,
                                           String sharedHash, String source) {
        return ledger.newestRecordedWithoutSharedHash(idIzin)
                .filter(legacy -> intake.convertsTo(context, entry, piaVersion, legacy.canonical()))
                .map(legacy -> {
                    ledger.adoptSharedHash(legacy.id(), sharedHash, source + ": content fetched from OSS "
                            + "converts to this version's permit (recorded before shared hashes); not a new version");
                    return true;
                })
                .orElse(false);
    }
}
