package id.simpul.g2g.events;

import id.simpul.g2g.agency.Agencies;
import id.simpul.platform.region.Regions;
import java.util.List;

/**
 * Whether an agency system may receive an event, checked at delivery time (so that narrowing an
 * agency's rights or revoking its system takes effect for events already queued): the type's scope,
 * the audience, and the region (within the agency's and, for a subscription, within its filter).
 * An event without a region (ApplicantMerged: ids only) goes to every agency with the scope.
 * No region filter (a subscription created without {@code regions}) means the agency's regions as they
 * are now, not as they were when it subscribed.
 */
public final class Deliverability {

    private Deliverability() {
    }

    /** @param regions the subscriber's region filter, within the agency's; empty = all of the agency's regions */
    public static boolean allowed(G2gEvent event, Agencies.Member member, List<String> types, List<String> regions) {
        EventType type = EventType.of(event.type()).orElse(null);
        if (type == null || !types.contains(type.name()) || !member.scopes().contains(type.scope())) {
            return false;
        }
        if (event.audience() != null && !event.audience().equals(member.agency().id())) {
            return false;
        }
        return event.kdDaerah() == null || (member.agency().sees(event.kdDaerah())
                && (regions.isEmpty() || Regions.covers(regions, event.kdDaerah())));
    }
}
