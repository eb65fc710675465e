package id.simpul.g2g.events;

import id.simpul.g2g.agency.Agencies;
import id.simpul.platform.audit.AuditLog;
import id.simpul.platform.web.ApiException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Webhook dead letters for the hub's IT staff (the console reads this): list them, and deliver one
 * again once the agency fixed its receiver (operators and admins, audited).
 */
@RestController
@RequestMapping("/api/v1/g2g/webhook-dead-letters")
public class WebhookStaffController {

    static final List<String> STATES = List.of(WebhookDeadLetters.WAITING, WebhookDeadLetters.REDELIVERED);

    private final WebhookDeadLetters deadLetters;
    private final Subscriptions subscriptions;
    private final Outbox outbox;
    private final WebhookDispatcher dispatcher;
    private final AuditLog audit;
    private final Agencies agencies;

    public WebhookStaffController(WebhookDeadLetters deadLetters, Subscriptions subscriptions, Outbox outbox,
                                  WebhookDispatcher dispatcher, AuditLog audit, Agencies agencies) {
        this.agencies = agencies;
        this.deadLetters = deadLetters;
        this.subscriptions = subscriptions;
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.audit = audit;
    }

    @GetMapping
    public Map<String, Object> list(@RequestParam(defaultValue = "WAITING") String state,
                                    @RequestParam(defaultValue = "100") int limit) {
        String s = state.strip().toUpperCase(Locale.ROOT);
        if (!s.equals("ALL") && !STATES.contains(s)) {
            // An unknown state would otherwise list nothing, which reads as "no dead letters".
            throw ApiException.badRequest("state must be one of " + String.join(", ", STATES) + ", ALL");
        }
        List<WebhookDeadLetters.DeadLetter> items = deadLetters.list(s.equals("ALL") ? null : s,
                Math.max(1, Math.min(limit, 500)));
        return Map.of("items", items);
    }

    /** One more attempt now; the dead letter stays WAITING if it fails again. */
    @PostMapping("/{id}/redeliver")
    public Map<String, Object> redeliver(@PathVariable long id, Authentication auth) {
        WebhookDeadLetters.DeadLetter dl = deadLetters.find(id)
                .orElseThrow(() -> ApiException.notFound("no webhook dead letter " + id));
        if (!WebhookDeadLetters.WAITING.equals(dl.state())) {
            throw ApiException.conflict("webhook dead letter " + id + " is " + dl.state());
        }
        Subscription subscription = subscriptions.find(dl.subscriptionId()).orElseThrow();
        if (!Subscription.ACTIVE.equals(subscription.state())) {
            throw ApiException.conflict("subscription " + subscription.id() + " is " + subscription.state());
        }
        G2gEvent event = outbox.at(dl.eventPosition()).orElseThrow();
        boolean allowed = agencies.byClientId(subscription.clientId()).map(member -> Deliverability.allowed(event,
                member, subscription.eventTypes(), subscription.regionPrefixes())).orElse(false);
        if (!allowed) {
            throw ApiException.conflict("the subscriber may no longer receive event " + event.eventId());
        }
        WebhookDispatcher.Attempt attempt = dispatcher.post(subscription, event, dl.attempts() + 1);
        if (attempt.ok()) {
            deadLetters.redelivered(id);
        } else {
            deadLetters.attemptFailed(id, attempt.status(), attempt.error());
        }
        audit.append(new AuditLog.Event(auth.getName(), "G2G_WEBHOOK_REDELIVERED", "webhook-dead-letter",
                String.valueOf(id), null, "event " + event.eventId() + " to subscription " + subscription.id() + ": "
                + (attempt.ok() ? "delivered" : attempt.error()), dl.state(), attempt.ok() ? "REDELIVERED" : "WAITING"));
        return Map.of("id", id, "delivered", attempt.ok(), "error", attempt.error() == null ? "" : attempt.error());
    }
}
