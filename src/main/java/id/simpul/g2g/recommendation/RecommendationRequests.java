package id.simpul.g2g.recommendation;

import id.simpul.canonical.PermitMessage;
import id.simpul.g2g.G2gProperties;
import id.simpul.g2g.events.Cursors;
import id.simpul.g2g.events.EventPublisher;
import id.simpul.g2g.events.EventType;
import id.simpul.g2g.events.Outbox;
import id.simpul.platform.json.Json;
import id.simpul.platform.ledger.CanonicalAttached;
import id.simpul.platform.ledger.SyncLedger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Asks agencies for their recommendations: every permit version whose type ({@code kd_izin}) is
 * configured in {@code simpul.g2g.recommendations} gets one request per named agency (once per permit,
 * not per version), a {@code RECOMMENDATION_REQUESTED} trail event and a {@code RecommendationRequested}
 * event addressed to that agency only. Requests are made when the version's canonical form is stored,
 * in the same transaction, so a permit converted late (a replay after a mapping fix, a conversion
 * resumed after a crash) is asked about like any other and no permit waits for another's conversion.
 */
@Component
public class RecommendationRequests {

    private static final Logger log = LoggerFactory.getLogger(RecommendationRequests.class);
    /** Where the catch-up leaves the cursor once done: past any ledger row, so it never reads again. */
    static final long CAUGHT_UP = Long.MAX_VALUE;
    private static final int BATCH = 200;

    private final JdbcClient jdbc;
    private final Cursors cursors;
    private final Recommendations recommendations;
    private final SyncLedger ledger;
    private final EventPublisher events;
    private final G2gProperties properties;
    private volatile boolean caughtUp;

    public RecommendationRequests(JdbcClient jdbc, Cursors cursors, Recommendations recommendations, SyncLedger ledger,
                                  EventPublisher events, G2gProperties properties) {
        this.jdbc = jdbc;
        this.cursors = cursors;
        this.recommendations = recommendations;
        this.ledger = ledger;
        this.events = events;
        this.properties = properties;
    }

    private record Converted(long id, String canonical) {
    }

    /** Runs inside {@link SyncLedger#attachCanonical}'s transaction: a failure here stores no canonical form either. */
    @EventListener
    public void attached(CanonicalAttached attached) {
        request(attached.ledgerId(), attached.message());
    }

    /**
     * Hubs before this one asked from a poller that followed the ledger by a cursor; versions it had not
     * reached when the hub was upgraded are asked about here, once, and the cursor is then parked.
     */
    @Scheduled(fixedDelayString = "${simpul.g2g.events.poll-interval:1s}", initialDelayString = "${simpul.g2g.events.poll-interval:1s}")
    @Transactional
    public void catchUp() {
        if (caughtUp) {
            return;
        }
        long position = cursors.lock(Cursors.RECOMMENDATIONS);
        List<Converted> versions = position == CAUGHT_UP ? List.of() : jdbc.sql("""
                SELECT id, canonical FROM sync_ledger WHERE id > :p AND canonical IS NOT NULL ORDER BY id LIMIT :n""")
                .param("p", position).param("n", BATCH)
                .query((rs, n) -> new Converted(rs.getLong("id"), ledger.openCanonical(rs.getString("canonical")))).list();
        for (Converted version : versions) {
            request(version.id(), Json.read(version.canonical(), PermitMessage.class));
            position = version.id();
        }
        if (versions.size() < BATCH) {
            position = CAUGHT_UP;
            caughtUp = true;
        }
        cursors.move(Cursors.RECOMMENDATIONS, position);
    }

    private void request(long ledgerId, PermitMessage message) {
        PermitMessage.PermitApplication permit = message.permit();
        String kdIzin = permit == null ? null : permit.kdIzin();
        List<String> agencies = kdIzin == null ? List.of() : properties.recommendations().getOrDefault(kdIzin, List.of());
        if (agencies.isEmpty()) {
            return;
        }
        String idIzin = permit.idIzin();
        String nib = message.source() == null ? null : message.source().nib();
        String kdDaerah = permit.kdDaerah();
        var entry = ledger.get(ledgerId);
        for (String agency : agencies) {
            recommendations.request(ledgerId, idIzin, nib, kdIzin, kdDaerah, agency).ifPresent(rec -> {
                ledger.event(entry, "RECOMMENDATION_REQUESTED", "recommendation " + rec.id() + " requested from "
                        + agency + " for permit type " + kdIzin);
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("recommendationId", rec.id());
                data.put("idIzin", idIzin);
                data.put("nib", nib);
                data.put("kdIzin", kdIzin);
                data.put("href", "/g2g/v1/recommendations/" + rec.id());
                events.publishTo(agency, EventType.RecommendationRequested, kdDaerah,
                        new Outbox.Subject(nib, idIzin, null), data);
                log.info("id_izin={} recommendation {} requested from {}", idIzin, rec.id(), agency);
            });
        }
    }
}
