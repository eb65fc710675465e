package id.simpul.g2g;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the G2G exchange ({@code simpul.g2g.*}). Defaults live in {@code application.yaml};
 * keys come from the environment or from files under {@code ${simpul.data-dir}/keys/}.
 *
 * @param recommendations permit type ({@code kd_izin}) → the agencies whose recommendation it needs
 */
@ConfigurationProperties(prefix = "simpul.g2g")
public record G2gProperties(
        Auth auth,
        Signing signing,
        String secretKey,
        RateLimit rateLimit,
        Paging paging,
        Events events,
        Webhooks webhooks,
        Map<String, List<String>> recommendations,
        RecommendationStatuses recommendationStatuses) {

    public G2gProperties {
        auth = auth == null ? new Auth(true, false) : auth;
        signing = signing == null ? new Signing(null) : signing;
        rateLimit = rateLimit == null ? new RateLimit(20, Duration.ofSeconds(1)) : rateLimit;
        paging = paging == null ? new Paging(20, 100) : paging;
        events = events == null ? new Events(Duration.ofSeconds(1), Duration.ofSeconds(2), "simpul.g2g.events", true)
                : events;
        webhooks = webhooks == null ? new Webhooks(Duration.ofSeconds(1), 8, Duration.ofSeconds(2),
                Duration.ofMinutes(10), Duration.ofSeconds(10), List.of(), List.of(), List.of(), 2) : webhooks;
        recommendations = recommendations == null ? Map.of() : Map.copyOf(recommendations);
        recommendationStatuses = recommendationStatuses == null ? new RecommendationStatuses("45", "93", "")
                : recommendationStatuses;
    }

    /** Which credentials agencies may present: API keys, TLS client certificates (needs server.ssl client auth). */
    public record Auth(boolean apiKeys, boolean clientCertificates) {
    }

    /** The hub's signing key as a private JWK (JSON); empty = generated once into the data folder. */
    public record Signing(String jwk) {
    }

    /** Default per-agency limit: {@code requests} per {@code period}; an agency may have its own. */
    public record RateLimit(int requests, Duration period) {
    }

    public record Paging(int defaultSize, int maxSize) {
    }

    /**
     * @param pollInterval how often the trail, the ledger and the outbox are read
     * @param settle       an event becomes visible this long after it was written, on the database's clock, so
     *                     that a cursor never passes a row whose transaction commits late
     * @param topic        the Artemis topic every event is also sent to
     * @param topicEnabled send events to the topic at all
     */
    public record Events(Duration pollInterval, Duration settle, String topic, boolean topicEnabled) {
    }

    /**
     * @param maxAttempts     attempts per event before it is dead-lettered for that subscription
     * @param allowedHosts    when not empty, webhook URLs must point to one of these hosts
     * @param httpHosts       hosts that may be reached over plain http (everything else needs https)
     * @param privateHosts    hosts that may be or resolve to loopback, link-local or private addresses (an
     *                        agency's system on the regional network); every other such host is refused
     *                        ({@code id.simpul.g2g.events.WebhookAddresses})
     * @param threads         deliveries in parallel (one subscription is always delivered in order)
     */
    public record Webhooks(Duration pollInterval, int maxAttempts, Duration initialBackoff, Duration maxBackoff,
                           Duration timeout, List<String> allowedHosts, List<String> httpHosts,
                           List<String> privateHosts, int threads) {
        public Webhooks {
            allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
            httpHosts = httpHosts == null ? List.of() : List.copyOf(httpHosts);
            privateHosts = privateHosts == null ? List.of()
                    : privateHosts.stream().map(h -> h.strip().toLowerCase(java.util.Locale.ROOT)).toList();
        }
    }

    /** The {@code kd_status} a recommendation outcome records for OSS (PIA Lampiran 10); empty = none. */
    public record RecommendationStatuses(String approved, String rejected, String moreInfo) {
    }
}
