package id.simpul.g2g.events;

import id.simpul.g2g.G2gProperties;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.TextMessage;
import java.util.List;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * For agency systems inside the network: every event also goes to the Artemis topic
 * {@code simpul.g2g.events} as a text message (the same JSON body), with properties to select on:
 * {@code eventId}, {@code type}, {@code kdDaerah}, {@code kdProvinsi} (2 digits), {@code kdKabupaten}
 * (4) and {@code audience}. At least once: the outbox cursor moves after the sends.
 * The broker's own security (users, roles per address) decides who may subscribe.
 */
@Component
public class TopicRelay {

    private static final int BATCH = 200;

    private final Cursors cursors;
    private final Outbox outbox;
    private final G2gProperties.Events settings;
    private final JmsTemplate topic;

    public TopicRelay(Cursors cursors, Outbox outbox, G2gProperties properties,
                      ConnectionFactory connectionFactory) {
        this.cursors = cursors;
        this.outbox = outbox;
        this.settings = properties.events();
        this.topic = new JmsTemplate(connectionFactory);
        this.topic.setPubSubDomain(true);
        this.topic.setDeliveryPersistent(true);
        this.topic.setExplicitQosEnabled(true);
    }

    @Scheduled(fixedDelayString = "${simpul.g2g.events.poll-interval:1s}", initialDelayString = "${simpul.g2g.events.poll-interval:1s}")
    @Transactional
    public void relay() {
        if (!settings.topicEnabled()) {
            return;
        }
        long position = cursors.lock(Cursors.TOPIC);
        List<G2gEvent> events = outbox.after(position, settings.settle(), BATCH);
        for (G2gEvent event : events) {
            topic.send(settings.topic(), session -> {
                TextMessage message = session.createTextMessage(event.body());
                message.setStringProperty("eventId", event.eventId());
                message.setStringProperty("type", event.type());
                message.setStringProperty("audience", event.audience());
                String kd = event.kdDaerah();
                message.setStringProperty("kdDaerah", kd);
                message.setStringProperty("kdProvinsi", kd == null || kd.length() < 2 ? null : kd.substring(0, 2));
                message.setStringProperty("kdKabupaten", kd == null || kd.length() < 4 ? null : kd.substring(0, 4));
                return message;
            });
            position = event.position();
        }
        cursors.move(Cursors.TOPIC, position);
    }
}
