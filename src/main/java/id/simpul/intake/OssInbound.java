package id.simpul.intake;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.simpul.platform.SimpulProperties;
import id.simpul.platform.json.ContentHash;
import id.simpul.platform.json.Json;
import id.simpul.platform.metrics.FlowMetrics;
import id.simpul.platform.security.PersonalData;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.List;
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
    public static final String TOKEN_REUSED = "SimpulTokenReused";
    public static final String SOURCE = "SimpulSource";
    public static final String KIND = "SimpulKind";

    private static final Logger log = LoggerFactory.getLogger(OssInbound.class);

    private final SimpulProperties.Inbound inbound;
    private final SimpulProperties.Region region;
    private final Clock clock;
    private final FlowMetrics metrics;
    private final TokenReuseMonitor tokenReuse;

    public OssInbound(SimpulProperties properties, Clock clock, FlowMetrics metrics, TokenReuseMonitor tokenReuse) {
        this.inbound = properties.oss().inbound();
        this.region = properties.region();
        this.clock = clock;
        this.metrics = metrics;
        this.tokenReuse = tokenReuse;
    }

    /**
     * Parses, checks and authenticates a push. Sets {@link #ADMISSION}; on rejection also the PIA
     * reply. The operation comes from the request path ({@code /oss/{operation}}).
     */
    public void admit(Exchange exchange) {
        Message in = exchange.getMessage();
        // Simpul* headers travel with the push through the queue and steer conversion (an operator's
        // replay, a reused token): only the hub may set them, never the caller's HTTP request.
        for (String header : List.copyOf(in.getHeaders().keySet())) {
            if (header.regionMatches(true, 0, "Simpul", 0, "Simpul".length())) {
                in.removeHeader(header);
            }
        }
        String name = in.getHeader("operation", String.class);
        in.setHeader(OPERATION, name);
        try {
            OssOperation operation = OssOperation.of(name)
                    .orElseThrow(() -> new OssInputException(404, "Layanan " + name + " tidak dikenal"));
            byte[] raw = in.getBody(byte[].class);
            String text = utf8(raw);
            ObjectNode root = OssPayloadReader.read(raw);
            ObjectNode data = OssPayloadReader.requireData(root, operation);
            OssPayloadReader.requireRoutedIds(data, operation, region);
            OssPayloadReader.requireStorable(data, operation, region);
            String nib = OssPayloadReader.text(data.get("nib"));
            String token = token(in);
            if (!OssToken.valid(token, inbound.username(), inbound.password(), nib, ZonedDateTime.now(clock),
                    inbound.midnightSkew())) {
                throw new OssInputException(401, token == null || token.isBlank() ? "Token wajib dikirim"
                        : "Token tidak valid untuk NIB " + nib);
            }
            if (tokenReuse.reusedWithDifferentBody(token, ContentHash.of(root))) {
                log.warn("OSS {} nib={}: today's token came back with a different body (replay or a same-day change); flagged",
                        name, nib);
                metrics.outcome(flowOf(name), "token_reused");
                in.setHeader(TOKEN_REUSED, true);
            }
            in.setHeader(ADMISSION, "accepted");
            in.setHeader(NIB, nib);
            in.setHeader(SOURCE, "push");
            in.setHeader(KIND, operation.kind().name());
            in.setHeader(RECEIVED_AT, clock.instant().toString());
            in.setBody(text);
        } catch (OssInputException e) {
            metrics.outcome(flowOf(name), e.httpStatus() == 401 ? "unauthorized" : "rejected");
            log.warn("OSS {} refused ({}): {}", PersonalData.maskText(name), e.httpStatus(), e.getMessage());
            reply(in, name, e.httpStatus(), "2", e.getMessage());
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
        metrics.outcome(flowOf(operation), "store_failed");
        reply(in, operation, 503, "2", "Gagal menyimpan data, silakan kirim ulang");
    }

    /**
     * The metric flow of a push. The operation comes from the public URL, before authentication: an
     * unknown one is tagged {@code oss-unknown}, so made-up paths cannot mint new meters.
     */
    static String flowOf(String operation) {
        return OssOperation.of(operation).map(o -> "oss-" + o.operation()).orElse("oss-unknown");
    }

    private static void reply(Message in, String operation, int status, String code, String keterangan) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        // Echo the operation in the reply key only when it looks like one (it comes from the URL).
        String op = operation != null && operation.matches("[A-Za-z]{1,40}") ? operation : "";
        body.putObject("respon" + op)
                .put("status", code)
                .put("keterangan", keterangan);
        in.removeHeaders("*", ADMISSION, OPERATION, NIB, TOKEN_REUSED, SOURCE, RECEIVED_AT, KIND);
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
