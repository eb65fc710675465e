package id.simpul.intake;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.simpul.platform.SimpulProperties;
import id.simpul.platform.json.Json;
import id.simpul.platform.metrics.FlowMetrics;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZonedDateTime;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The hub as an OSS-RBA receiver (K/L/D side of the PIA). Decides whether a push is admitted
 * (well-formed, authenticated) and shapes the PIA reply; the route makes it durable in between,
 * so OSS hears "1" only after the broker holds the message.
 */
@Component("ossInbound")
public class OssInbound {

    /** Header the route branches on: {@code accepted} or {@code rejected}. */
    public static final String ADMISSION = "SimpulAdmission";
    public static final String OPERATION = "SimpulOperation";
    public static final String NIB = "SimpulNib";
    public static final String RECEIVED_AT = "SimpulReceivedAt";

    private static final Logger log = LoggerFactory.getLogger(OssInbound.class);

    private final SimpulProperties.Inbound inbound;
    private final Clock clock;
    private final FlowMetrics metrics;

    public OssInbound(SimpulProperties properties, Clock clock, FlowMetrics metrics) {
        this.inbound = properties.oss().inbound();
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Parses, checks and authenticates a push. Sets {@link #ADMISSION}; on rejection also the PIA reply. */
    public void admit(Exchange exchange) {
        Message in = exchange.getMessage();
        String operation = in.getHeader(OPERATION, String.class);
        try {
            byte[] raw = in.getBody(byte[].class);
            String text = utf8(raw);
            ObjectNode root = OssPayloadReader.read(raw);
            ObjectNode data = OssPayloadReader.requireDataNib(root);
            String nib = OssPayloadReader.text(data.get("nib"));
            if (!OssToken.valid(token(in), inbound.username(), inbound.password(), nib, ZonedDateTime.now(clock),
                    inbound.midnightSkew())) {
                throw new OssInputException(401, "Token tidak valid untuk NIB " + nib);
            }
            in.setHeader(ADMISSION, "accepted");
            in.setHeader(NIB, nib);
            in.setHeader(RECEIVED_AT, clock.instant().toString());
            in.setBody(text);
        } catch (OssInputException e) {
            metrics.outcome("oss-" + operation, e.httpStatus() == 401 ? "unauthorized" : "rejected");
            log.warn("OSS {} refused ({}): {}", operation, e.httpStatus(), e.getMessage());
            reply(in, operation, e.httpStatus(), "2", e.getMessage());
            in.setHeader(ADMISSION, "rejected");
        }
    }

    /** The message is durable: tell OSS it was stored. */
    public void acknowledge(Exchange exchange) {
        Message in = exchange.getMessage();
        String operation = in.getHeader(OPERATION, String.class);
        log.info("OSS {} accepted nib={}", operation, in.getHeader(NIB));
        reply(in, operation, 200, "1", "Berhasil menyimpan data");
    }

    /** Something failed before the message was durable: OSS must try again. */
    public void failed(Exchange exchange) {
        Message in = exchange.getMessage();
        String operation = in.getHeader(OPERATION, String.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        log.error("OSS {} not stored: {}", operation, cause == null ? "unknown" : cause.toString());
        metrics.outcome("oss-" + operation, "store_failed");
        reply(in, operation, 503, "2", "Gagal menyimpan data, silakan kirim ulang");
    }

    private static void reply(Message in, String operation, int status, String code, String keterangan) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("respon" + (operation == null ? "" : operation))
                .put("status", code)
                .put("keterangan", keterangan);
        in.removeHeaders("*", ADMISSION, OPERATION, NIB);
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        in.setHeader(Exchange.CONTENT_TYPE, "application/json");
        in.setBody(Json.write(body));
    }

    private static String token(Message in) {
        String token = in.getHeader("Token", String.class);
        if (token == null || token.isBlank()) {
            String auth = in.getHeader("Authorization", String.class);
            if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                token = auth.substring(7);
            }
        }
        return token;
    }

    private static String utf8(byte[] raw) {
        if (raw == null) {
            return "";
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new OssInputException(400, "Body bukan UTF-8 yang valid");
        }
    }
}
