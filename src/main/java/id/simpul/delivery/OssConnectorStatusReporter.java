package id.simpul.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.simpul.platform.connector.oss.OssClient;
import id.simpul.platform.connector.oss.OssOperation;
import id.simpul.platform.json.Json;
import org.springframework.stereotype.Component;

/**
 * {@link OssStatusReporter} through the hub's one OSS connector ({@link OssClient}): the same
 * {@code user_key}, timeout, reply judging (kode as number or string, each root spelling the connector knows, 4xx
 * permanent, 5xx/timeouts transient) and {@code simpul.oss.calls} metric as every other call to OSS.
 */
@Component
public class OssConnectorStatusReporter implements OssStatusReporter {

    private final OssClient oss;

    public OssConnectorStatusReporter(OssClient oss) {
        this.oss = oss;
    }

    @Override
    public OssReply reportStatus(JsonNode izinStatusBody) {
        return reply(oss.report(OssOperation.RECEIVE_LICENSE_STATUS, izinStatusBody));
    }

    @Override
    public OssReply reportFinal(JsonNode izinFinalBody) {
        return reply(oss.report(OssOperation.RECEIVE_LICENSE, izinFinalBody));
    }

    private static OssReply reply(ObjectNode reply) {
        JsonNode keterangan = reply.get("keterangan");
        return new OssReply(200, keterangan == null || keterangan.isNull() ? "" : keterangan.asText(), Json.write(reply));
    }
}
