package id.simpul.g2g.events;

import id.simpul.g2g.G2gException;
import id.simpul.g2g.G2gProperties;
import id.simpul.g2g.Scopes;
import id.simpul.g2g.access.AgencyPrincipal;
import id.simpul.g2g.access.G2gAccess;
import id.simpul.g2g.access.G2gApi;
import id.simpul.g2g.agency.Agencies;
import id.simpul.platform.region.Regions;
import id.simpul.platform.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Webhook subscriptions of an agency, and the pull feed of the same events. An agency manages only
 * its own subscriptions; a region filter can only narrow the agency's regions; the secret that
 * signs deliveries is shown once, at creation.
 */
@RestController
@RequestMapping("/g2g/v1")
public class SubscriptionController {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_SUBSCRIPTIONS = 20;

    private final Subscriptions subscriptions;
    private final WebhookDeadLetters deadLetters;
    private final Outbox outbox;
    private final Agencies agencies;
    private final SecretBox secrets;
    private final G2gProperties properties;
    private final WebhookAddresses addresses;

    public SubscriptionController(Subscriptions subscriptions, WebhookDeadLetters deadLetters, Outbox outbox,
                                  Agencies agencies, SecretBox secrets, G2gProperties properties,
                                  WebhookAddresses addresses) {
        this.subscriptions = subscriptions;
        this.deadLetters = deadLetters;
        this.outbox = outbox;
        this.agencies = agencies;
        this.secrets = secrets;
        this.properties = properties;
        this.addresses = addresses;
    }

    /** @param regions kd_daerah prefixes within the agency's; empty = the agency's regions, as they are at delivery */
    public record SubscribeRequest(String url, List<String> eventTypes, List<String> regions) {
    }

    @PostMapping("/subscriptions")
    @G2gApi(scope = Scopes.EVENTS_SUBSCRIBE, action = "SUBSCRIBED",
            summary = "Subscribe a webhook to event types and regions; the signing secret is returned once.",
            status = 201)
    public ResponseEntity<Map<String, Object>> subscribe(@RequestBody(required = false) SubscribeRequest body,
                                                         @AuthenticationPrincipal AgencyPrincipal agency,
                                                         HttpServletRequest request) {
        if (body == null) {
            throw G2gException.badParameter("body", "send {\"url\": …, \"eventTypes\": […], \"regions\": […]}");
        }
        String url = checkUrl(body.url());
        List<String> types = checkTypes(body.eventTypes(), agency);
        // None given: stored empty, so that the subscription follows the agency's regions as an admin changes them.
        List<String> regions = body.regions() == null ? List.of() : body.regions();
        for (String region : regions) {
            if (!Regions.validPrefix(region)) {
                throw G2gException.badParameter("regions", "regions must be kd_daerah prefixes of 2, 4, 6 or 10 digits");
            }
        }
        if (!Regions.within(regions, agency.regionPrefixes())) {
            throw G2gException.badParameter("regions", "regions must lie within the agency's regions "
                    + agency.regionPrefixes());
        }
        if (subscriptions.byAgency(agency.agencyId()).size() >= MAX_SUBSCRIPTIONS) {
            throw new G2gException(409, null, "an agency may hold at most " + MAX_SUBSCRIPTIONS + " subscriptions");
        }
        String id = "sub_" + random();
        String secret = SecretBox.newSecret();
        subscriptions.create(id, agency.agencyId(), agency.clientId(), url, types, regions, secrets.seal(secret),
                outbox.head());
        G2gAccess.of(request).subject("subscription", id);
        Map<String, Object> view = view(subscriptions.find(id).orElseThrow());
        view.put("secret", secret);
        view.put("secretNote", "shown once: verify X-Simpul-Webhook-Signature (sha256=HMAC-SHA256 of the body) with it");
        return ResponseEntity.status(HttpStatus.CREATED).body(view);
    }

    @GetMapping("/subscriptions")
    @G2gApi(scope = Scopes.EVENTS_SUBSCRIBE, action = "SUBSCRIPTIONS_LISTED", summary = "The agency's subscriptions.")
    public Map<String, Object> list(@AuthenticationPrincipal AgencyPrincipal agency) {
        return Map.of("items", subscriptions.byAgency(agency.agencyId()).stream().map(SubscriptionController::view).toList());
    }

    @GetMapping("/subscriptions/{id}")
    @G2gApi(scope = Scopes.EVENTS_SUBSCRIBE, action = "SUBSCRIPTION_READ",
            summary = "One subscription with its delivery state.")
    public Map<String, Object> get(@PathVariable String id, @AuthenticationPrincipal AgencyPrincipal agency,
                                   HttpServletRequest request) {
        G2gAccess.of(request).subject("subscription", id);
        return view(own(id, agency));
    }

    @DeleteMapping("/subscriptions/{id}")
    @G2gApi(scope = Scopes.EVENTS_SUBSCRIBE, action = "UNSUBSCRIBED", summary = "End a subscription.")
    public Map<String, Object> delete(@PathVariable String id, @AuthenticationPrincipal AgencyPrincipal agency,
                                      HttpServletRequest request) {
        own(id, agency);
        G2gAccess.of(request).subject("subscription", id);
        subscriptions.delete(id);
        return Map.of("id", id, "state", Subscription.DELETED);
    }

    @GetMapping("/subscriptions/{id}/dead-letters")
    @G2gApi(scope = Scopes.EVENTS_SUBSCRIBE, action = "DEAD_LETTERS_LISTED",
            summary = "Events this subscription's webhook did not take after every attempt.")
    public Map<String, Object> deadLetters(@PathVariable String id, @AuthenticationPrincipal AgencyPrincipal agency,
                                           HttpServletRequest request) {
        own(id, agency);
        G2gAccess.of(request).subject("subscription", id);
        return Map.of("items", deadLetters.bySubscription(id));
    }

    @PostMapping("/subscriptions/{id}/replay")
    @G2gApi(scope = Scopes.EVENTS_SUBSCRIBE, action = "REPLAY_REQUESTED",
            summary = "Deliver again every event from the given event id on (inclusive).")
    public Map<String, Object> replay(@PathVariable String id, @RequestParam String from,
                                      @AuthenticationPrincipal AgencyPrincipal agency, HttpServletRequest request) {
        Subscription subscription = own(id, agency);
        G2gEvent start = outbox.byEventId(from)
                .orElseThrow(() -> G2gException.badParameter("from", "no event " + from + " in the outbox"));
        G2gAccess.of(request).subject("subscription", id).record("event", from);
        subscriptions.rewind(subscription.id(), start.position() - 1);
        return Map.of("id", id, "from", from, "position", start.position() - 1);
    }

    /** The pull alternative: the same events, filtered by the agency's rights, by cursor. */
    @GetMapping("/events")
    @G2gApi(scope = Scopes.EVENTS_SUBSCRIBE, action = "EVENTS_READ",
            summary = "The events this agency may receive after a cursor (the pull alternative to webhooks).")
    public Map<String, Object> events(@RequestParam(required = false) Long after,
                                      @RequestParam(required = false) Integer limit,
                                      @AuthenticationPrincipal AgencyPrincipal agency, HttpServletRequest request) {
        // The permits list pages by "cursor"; here a misnamed cursor would silently start over at every call.
        id.simpul.g2g.query.Params.only(request, java.util.Set.of("after", "limit"));
        int size = id.simpul.g2g.query.Params.limit(limit, properties.paging().defaultSize(),
                properties.paging().maxSize());
        Agencies.Member member = agencies.byClientId(agency.clientId())
                .orElseThrow(() -> new G2gException(401, null, "this system was revoked"));
        long position = after == null ? 0 : after;
        List<String> types = Arrays.stream(EventType.values()).filter(t -> member.scopes().contains(t.scope()))
                .map(EventType::name).toList();
        List<Object> items = new ArrayList<>();
        for (G2gEvent event : outbox.visibleAfter(position, properties.events().settle(), types,
                member.agency().id(), member.agency().regionPrefixes(), size)) {
            position = event.position();
            if (Deliverability.allowed(event, member, types, List.of())) {
                items.add(Json.tree(event.body()));
                G2gAccess.of(request).record("event", event.eventId());
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        body.put("nextCursor", position);
        return body;
    }

    private Subscription own(String id, AgencyPrincipal agency) {
        return subscriptions.find(id).filter(s -> s.agencyId().equals(agency.agencyId()))
                .filter(s -> !Subscription.DELETED.equals(s.state()))
                .orElseThrow(() -> G2gException.notVisible("subscription " + id));
    }

    private String checkUrl(String url) {
        if (url == null || url.isBlank() || url.length() > 2000) {
            throw G2gException.badParameter("url", "url is required (at most 2000 characters)");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw G2gException.badParameter("url", "url is not a valid URI");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.isEmpty() || uri.getUserInfo() != null) {
            throw G2gException.badParameter("url", "url needs a host and no user information");
        }
        G2gProperties.Webhooks hooks = properties.webhooks();
        boolean https = "https".equals(scheme);
        boolean plainAllowed = "http".equals(scheme) && hooks.httpHosts().contains(host);
        if (!https && !plainAllowed) {
            throw G2gException.badParameter("url", "url must use https unless the hub's operators list its host "
                    + "in simpul.g2g.webhooks.http-hosts");
        }
        if (!hooks.allowedHosts().isEmpty() && !hooks.allowedHosts().contains(host)) {
            throw G2gException.badParameter("url", "webhooks may only point to the hosts this hub allows");
        }
        addresses.refusal(uri).ifPresent(refusal -> {
            throw G2gException.badParameter("url", refusal);
        });
        return uri.toString();
    }

    private static List<String> checkTypes(List<String> types, AgencyPrincipal agency) {
        if (types == null || types.isEmpty()) {
            throw G2gException.badParameter("eventTypes", "eventTypes is required; known: " + EventType.names());
        }
        for (String name : types) {
            EventType type = EventType.of(name).orElseThrow(() -> G2gException.badParameter("eventTypes",
                    "unknown event type " + name + "; known: " + EventType.names()));
            if (!agency.has(type.scope())) {
                throw new G2gException(403, "eventTypes", name + " needs scope " + type.scope());
            }
        }
        return types.stream().distinct().toList();
    }

    private static Map<String, Object> view(Subscription s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("url", s.url());
        m.put("eventTypes", s.eventTypes());
        m.put("regions", s.regionPrefixes());
        m.put("state", s.state());
        m.put("position", s.position());
        m.put("attempts", s.attempts());
        m.put("nextAttemptAt", s.nextAttemptAt() == null ? null : s.nextAttemptAt().toString());
        m.put("lastError", s.lastError());
        m.put("createdAt", s.createdAt().toString());
        return m;
    }

    private static String random() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
