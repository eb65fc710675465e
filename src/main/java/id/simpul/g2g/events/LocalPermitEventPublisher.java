package id.simpul.g2g.events;

import id.simpul.delivery.local.LocalPermitEvents;
import id.simpul.delivery.local.LocalPermitStore;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code LocalPermitChanged} for each office permit stored new or changed, appended to the outbox in the
 * transaction that stores it. Ids, codes and dates only: agencies read the permit itself through the query API,
 * shaped by their rights.
 */
@Component
public class LocalPermitEventPublisher implements LocalPermitEvents {

    private final Outbox outbox;

    public LocalPermitEventPublisher(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void changed(LocalPermitStore.Stored permit, boolean first) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("source", "LOCAL");
        data.put("targetId", permit.targetId());
        data.put("localNumber", permit.localNumber());
        data.put("permitType", permit.permitType());
        data.put("status", permit.status());
        data.put("version", permit.version());
        data.put("first", first);
        data.put("href", "/g2g/v1/local-permits/" + permit.targetId() + "/" + permit.localNumber());
        outbox.append(EventType.LocalPermitChanged, permit.kdDaerah(),
                new Outbox.Subject(permit.nib(), null, permit.applicantId()), null, data);
    }
}
