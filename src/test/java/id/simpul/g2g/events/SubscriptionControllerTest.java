package id.simpul.g2g.events;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.g2g.G2gProperties;
import id.simpul.g2g.access.AgencyPrincipal;
import id.simpul.g2g.agency.Agencies;
import id.simpul.support.TestStores;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;

/** The pull feed: pages of the events an agency may receive, its rights part of the outbox query. */
class SubscriptionControllerTest {

    private static final Instant T0 = Instant.parse("2026-11-29T08:00:00Z");
    /** More of another region's events than the feed used to read per call (10 000). */
    private static final int OTHER_REGION = 10_001;

    private JdbcClient jdbc;
    private JdbcTemplate batch;
    private SubscriptionController controller;

    /** The store the test runs on; {@code SubscriptionControllerIT} runs it on PostgreSQL. */
    DataSource store() {
        return TestStores.migratedH2("event-feed");
    }

    @BeforeEach
    void wire() {
        DataSource store = store();
        jdbc = JdbcClient.create(store);
        batch = new JdbcTemplate(store);
        Clock clock = Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC);
        Agencies agencies = new Agencies(jdbc, clock);
        agencies.create("dinas-pupr", "Dinas PUPR", List.of("permits:read", "events:subscribe"), List.of("1607"),
                null, null);
        agencies.addClient("dinas-pupr.simbg", "dinas-pupr", "simbg", "hash", "sg2g_x", null, null);
        // Rows written just before the read are visible at once: paging, not the visibility delay, is tested here.
        G2gProperties properties = new G2gProperties(null, null, null, null, null,
                new G2gProperties.Events(Duration.ofSeconds(1), Duration.ZERO, "simpul.g2g.events", false),
                null, null, null);
        controller = new SubscriptionController(new Subscriptions(jdbc, clock), null, new Outbox(jdbc, batch, clock),
                agencies, null, properties, new WebhookAddresses(properties));
    }

    @Test
    void aPageIsFullWhenTheAgencysEventsFollowMoreThanAScanOfAnotherRegionsAndTheCursorPagesOnExactly() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(event("A", "PermitReceived", "1607112003", null));
        for (int i = 0; i < OTHER_REGION; i++) {
            rows.add(event("palembang-" + i, "PermitReceived", "1671041001", null));
        }
        rows.add(event("B", "PermitStatusChanged", "1607112003", null));
        rows.add(event("C", "PermitIssued", "1607112003", null));
        rows.add(event("merge", "ApplicantMerged", null, null));
        rows.add(event("for-dlh", "RecommendationRequested", "1607112003", "dlh"));
        rows.add(event("D", "PermitReceived", "1607", null));
        batch.batchUpdate("""
                INSERT INTO g2g_event (event_id, type, kd_daerah, audience, body, created_at)
                VALUES (?, ?, ?, ?, ?, ?)""", rows);

        Map<String, Object> first = feed(null, 2);
        Map<String, Object> second = feed((Long) first.get("nextCursor"), 2);
        Map<String, Object> third = feed((Long) second.get("nextCursor"), 2);

        assertThat(eventIds(first)).containsExactly("A", "B");
        assertThat(eventIds(second)).as("no scope for merges, not the audience of DLH's request")
                .containsExactly("C", "D");
        assertThat(eventIds(third)).isEmpty();
        assertThat(third.get("nextCursor")).as("caught up: the same cursor").isEqualTo(second.get("nextCursor"));
    }

    private Map<String, Object> feed(Long after, int limit) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        if (after != null) {
            request.setParameter("after", after.toString());
        }
        request.setParameter("limit", String.valueOf(limit));
        return controller.events(after, limit, new AgencyPrincipal("dinas-pupr", "dinas-pupr.simbg", "Dinas PUPR",
                List.of("permits:read", "events:subscribe"), List.of("1607"), null, null), request);
    }

    private static Object[] event(String id, String type, String kdDaerah, String audience) {
        return new Object[] {id, type, kdDaerah, audience, "{\"eventId\":\"" + id + "\"}", Timestamp.from(T0)};
    }

    @SuppressWarnings("unchecked")
    private static List<String> eventIds(Map<String, Object> page) {
        return ((List<Object>) page.get("items")).stream()
                .map(item -> ((com.fasterxml.jackson.databind.JsonNode) item).path("eventId").asText()).toList();
    }
}
