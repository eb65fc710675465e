package id.simpul.intake.poll;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.simpul.intake.OssInbound;
import id.simpul.platform.json.Json;
import java.time.Clock;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * Puts NIB data the hub fetched itself on the intake queue in the shape of a {@code receiveNIB}
 * push, so {@code intake-convert-nib} versions it exactly like one; {@code SimpulSource} says where it
 * came from ({@code sweep}, {@code backfill}).
 */
@Component
public class IntakeQueue {

    public static final String QUEUE = "simpul.intake.oss";
    public static final String SOURCE = "SimpulSource";

    private final JmsTemplate jms;
    private final Clock clock;

    public IntakeQueue(JmsTemplate jms, Clock clock) {
        this.jms = jms;
        this.clock = clock;
    }

    public void send(ObjectNode dataNib, String source) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.set("dataNIB", dataNib);
        String body = Json.write(root);
        String nib = dataNib.path("nib").asText();
        String receivedAt = clock.instant().toString();
        jms.convertAndSend(QUEUE, body, message -> {
            message.setStringProperty(OssInbound.OPERATION, "receiveNIB");
            message.setStringProperty(OssInbound.RECEIVED_AT, receivedAt);
            message.setStringProperty(OssInbound.NIB, nib);
            message.setStringProperty(SOURCE, source);
            return message;
        });
    }
}
