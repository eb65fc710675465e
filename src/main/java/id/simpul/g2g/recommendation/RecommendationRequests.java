package id.simpul.g2g.recommendation;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.g2g.G2gProperties;
import id.simpul.g2g.events.Cursors;
import id.simpul.g2g.events.EventPublisher;
import id.simpul.g2g.events.EventType;
import id.simpul.g2g.events.Outbox;
import id.simpul.platform.json.Json;
import id.simpul.platform.ledger.SyncLedger;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Asks agencies for their recommendations: every permit version the ledger receives whose type
 * ({@code kd_izin}) is configured in {@code simpul.g2g.recommendations} gets one request per named
 * agency (once per permit, not per version), a {@code RECOMMENDATION_REQUESTED} trail event and a
 * {@code RecommendationRequested} event addressed to that agency only. Reads the ledger by a cursor
 * that waits for the version's canonical form (written just after the row).
 */
@Component
public class RecommendationRequests {

    private static final Logger log = LoggerFactory.getLogger(RecommendationRequests.class);
    /** A version still without canonical form after this long failed conversion: nothing to ask about. */
    private static final Duration GIVE_UP = Duration.ofMinutes(10);
    private static final int BATCH = 200;

    private final JdbcClient jdbc;
    private final Cursors cursors;
    private final Recommendations recommendations;
    private final SyncLedger ledger;
    private final EventPublisher events;
    private final Clock clock;
    private final G2gProperties properties;

    public RecommendationRequests(JdbcClient jdbc, Cursors cursors, Recommendations recommendations, SyncLedger ledger,
                                  EventPublisher events, Clock clock, G2gProperties properties) {
        this.jdbc = jdbc;
        this.cursors = cursors;
        this.recommendations = recommendations;
        this.ledger = ledger;
        this.events = events;
        this.clock = clock;
        this.properties = properties;
    }

    private record Version(long id, String canonical, Instant receivedAt) {
    }

    @Scheduled(fixedDelayString = "${simpul.g2g.events.poll-interval:1s}", initialDelayString = "${simpul.g2g.events.poll-interval:1s}")
    @Transactional
    public void poll() {
        long position = cursors.lock(Cursors.RECOMMENDATIONS);
        Instant now = clock.instant();
        List<Version> versions = jdbc.sql("""
                SELECT id, canonical, received_at FROM sync_ledger WHERE id > :p AND received_at <= :before
                 ORDER BY id LIMIT :n""")
                .param("p", position).param("before", Timestamp.from(now.minus(properties.events().settle())))
                .param("n", BATCH)
                .query((rs, n) -> new Version(rs.getLong("id"), rs.getString("canonical"),
                        rs.getTimestamp("received_at").toInstant()))
                .list();
        for (Version version : versions) {
            if (version.canonical() == null) {
                if (version.receivedAt().isAfter(now.minus(GIVE_UP))) {
                    break; // not converted yet: come back to it
                }
            } else {
                request(version.id(), Json.tree(version.canonical()));
            }
            position = version.id();
        }
        cursors.move(Cursors.RECOMMENDATIONS, position);
    }

    private void request(long ledgerId, JsonNode canonical) {
        String kdIzin = canonical.at("/permit/kdIzin").asText(null);
        List<String> agencies = kdIzin == null ? List.of() : properties.recommendations().getOrDefault(kdIzin, List.of());
        if (agencies.isEmpty()) {
            return;
        }
        String idIzin = canonical.at("/permit/idIzin").asText();
        String nib = canonical.at("/source/nib").asText(null);
        String kdDaerah = canonical.at("/permit/kdDaerah").asText(null);
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
