package id.simpul.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.simpul.canonical.CanonicalSchemas;
import id.simpul.canonical.PermitFinal;
import id.simpul.canonical.PermitMessage;
import id.simpul.canonical.PermitStatus;
import id.simpul.mapping.Mappings;
import id.simpul.platform.SimpulProperties.Target;
import id.simpul.platform.failure.DeferredException;
import id.simpul.platform.failure.SyncFailureException;
import id.simpul.platform.json.Json;
import id.simpul.platform.ledger.LedgerEntry;
import id.simpul.platform.ledger.SyncLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads a target's outputs and works out what OSS must hear: for each permit the hub delivered
 * there, its local status goes through the target's crosswalk to a {@code kd_status}; a code not
 * yet reported becomes an {@code IZINSTATUS} report, and a decided permit with its number an
 * {@code IZINFINAL} report (canonical {@link PermitStatus} / {@link PermitFinal}, mapped by
 * {@code mappings/backsync/*.jslt}). Returns one message per new report for the report queue.
 * A failed read is logged and tried again at the next tick.
 */
@Component("outputPoller")
public class OutputPoller {

    static final String STATUS_MAPPING = "backsync/izinstatus.jslt";
    static final String FINAL_MAPPING = "backsync/izinfinal.jslt";
    static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
    /** Pending reports untouched this long are queued again (their first message may have been lost). */
    private static final Duration REQUEUE_AFTER = Duration.ofMinutes(10);

    private static final Logger log = LoggerFactory.getLogger(OutputPoller.class);

    private final TargetRegistry targets;
    private final FailurePolicy policy;
    private final SyncLedger ledger;
    private final StatusCrosswalk crosswalk;
    private final StatusReports reports;
    private final HeldStatuses held;
    private final Mappings mappings;
    private final Clock clock;

    public OutputPoller(TargetRegistry targets, FailurePolicy policy, SyncLedger ledger, StatusCrosswalk crosswalk,
                        StatusReports reports, HeldStatuses held, Mappings mappings, Clock clock) {
        this.targets = targets;
        this.policy = policy;
        this.ledger = ledger;
        this.crosswalk = crosswalk;
        this.reports = reports;
        this.held = held;
        this.mappings = mappings;
        this.clock = clock;
    }

    /** Polls one target; returns the report messages ({@code {"reportId":n}}) to queue. */
    public List<String> poll(String targetId) {
        Target target = targets.get(targetId);
        if (target.backSync().crosswalk() == null) {
            return List.of();
        }
        TargetAdapter adapter = targets.adapterOf(target);
        List<LocalStatus> rows;
        try {
            rows = policy.once(target, attempt -> adapter.outputs(target));
        } catch (SyncFailureException | DeferredException e) {
            log.warn("outputs of {} not read ({}); next tick tries again", target.id(), e.getMessage());
            return List.of();
        }
        List<Long> queued = new ArrayList<>();
        for (LocalStatus row : rows) {
            if (row.targetRef() == null) {
                continue;
            }
            ledger.currentByTargetRef(target.id(), row.targetRef())
                    .ifPresent(entry -> queued.addAll(reportsFor(target, entry, row)));
        }
        queued.addAll(reports.stale(target.id(), clock.instant().minus(REQUEUE_AFTER)));
        // The hub's own reports have no poller; any poller sends on those whose message was lost. A
        // copy queued twice is harmless: the one consumer skips a report once it is SENT.
        queued.addAll(reports.stale(HubStatusReports.SOURCE, clock.instant().minus(REQUEUE_AFTER)));
        return queued.stream().map(id -> Json.write(Json.MAPPER.createObjectNode().put("reportId", id))).toList();
    }

    private List<Long> reportsFor(Target target, LedgerEntry entry, LocalStatus row) {
        Optional<StatusCrosswalk.Outcome> outcome = crosswalk.map(target.backSync().crosswalk(), row.status(), row.step());
        if (outcome.isEmpty()) {
            log.debug("{} {}: local status '{}' / '{}' has no kd_status in {}", target.id(), row.targetRef(),
                    row.status(), row.step(), target.backSync().crosswalk());
            return List.of();
        }
        String kd = outcome.get().kdStatus();
        // Every poll reads every row the office lists: a row whose reports are recorded already costs one look-up,
        // not a canonical read, a mapping and the hold check each minute.
        if (reports.recorded(entry.id(), StatusReports.STATUS, kd)
                && (!outcome.get().decided() || reports.recorded(entry.id(), StatusReports.FINAL, kd))) {
            return List.of();
        }
        JsonNode permit = ledger.canonical(entry.id()).map(Json::tree).orElse(Json.MAPPER.createObjectNode());
        if (PermitMessage.withdraws(permit.path("source").path("documentType").asText(null))) {
            // OSS revoked or cancelled this permit itself; the office finishing the withdrawal is not a license
            // status, and reporting its "Selesai" would tell OSS the permit was issued.
            log.debug("{} {} withdraws {} (OSS {}); its local status is not reported", target.id(), row.targetRef(),
                    entry.idIzin(), permit.path("source").path("documentType").asText());
            return List.of();
        }
        String local = row.status() + (row.step() == null ? "" : " / " + row.step());
        List<Long> out = new ArrayList<>();
        PermitStatus status = PermitStatus.of(entry.nib(), entry.idIzin(), kd,
                target.id() + " " + row.targetRef() + ": " + local, null,
                PermitStatus.timestamp(clock.instant()), "target:" + target.id());
        ObjectNode statusInput = Json.MAPPER.createObjectNode();
        statusInput.set("status", Json.toTree(status));
        statusInput.set("permit", permit);
        statusInput.set("target", Json.MAPPER.createObjectNode().put("id", target.id())
                .put("kdInstansi", target.backSync().kdInstansi()));
        JsonNode payload = mappings.applyFile(STATUS_MAPPING, statusInput);
        Optional<String> ahead = outcome.get().decided() ? Optional.empty() : held.aheadAtOss(entry, kd);
        if (ahead.isPresent()) {
            // A later version is a new registration at the office (Perubahan), which starts at its first step;
            // OSS already has the earlier registration's decision, and the permit must not go back to "in process"
            // there. The office's decision on the change is reported as usual.
            reports.recordHeldIfNew(entry, target.id(), row.targetRef(), kd, local, payload).ifPresent(id -> {
                ledger.event(entry, "STATUS_HELD", "kd_status " + kd + " (" + local + ") of version " + entry.version()
                        + " not sent: OSS has " + ahead.get() + " from an earlier version, which is ahead of it");
                log.info("{} {}: kd_status {} of {} v{} held; OSS has {} from an earlier version", target.id(),
                        row.targetRef(), kd, entry.idIzin(), entry.version(), ahead.get());
            });
            return List.of();
        }
        reports.recordIfNew(entry, target.id(), row.targetRef(), StatusReports.STATUS, kd, local, payload)
                .ifPresent(out::add);
        if (outcome.get().decided()) {
            finalReport(target, entry, row, kd, permit, local).ifPresent(out::add);
        }
        return out;
    }

    private Optional<Long> finalReport(Target target, LedgerEntry entry, LocalStatus row, String kd, JsonNode permit,
                                       String local) {
        if (row.noIzin() == null) {
            log.debug("{} {} is decided but has no no_izin yet", target.id(), row.targetRef());
            return Optional.empty();
        }
        PermitMessage.PermitApplication application = Json.convert(permit.path("permit"), PermitMessage.PermitApplication.class);
        PermitFinal decided = new PermitFinal(PermitFinal.SCHEMA, 1, entry.nib(), entry.idIzin(),
                application == null ? null : application.kdIzin(), entry.kdDaerah(), row.noIzin(),
                row.decidedOn() != null ? row.decidedOn() : LocalDate.now(clock.withZone(JAKARTA)).toString(),
                row.validUntil(), new PermitFinal.Signer(row.signerName(), row.signerNip(), row.signerPosition()),
                kd, row.fileUrl(), target.id() + " " + row.targetRef() + ": " + local);
        JsonNode canonical = Json.toTree(decided);
        List<String> problems = CanonicalSchemas.v1().validate("permit-final", canonical);
        if (!problems.isEmpty()) {
            log.warn("{} {}: decided permit not sent to OSS, it does not fit permit-final.v1: {}", target.id(),
                    row.targetRef(), problems);
            return Optional.empty();
        }
        ObjectNode input = Json.MAPPER.createObjectNode();
        input.set("final", canonical);
        input.set("permit", permit);
        return reports.recordIfNew(entry, target.id(), row.targetRef(), StatusReports.FINAL, kd, local,
                mappings.applyFile(FINAL_MAPPING, input));
    }
}
