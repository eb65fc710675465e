package id.simpul.simulator;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import id.simpul.platform.SimpulProperties;
import id.simpul.platform.json.Json;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * An office whose SiCantik accepts no writes from outside ({@code manual}): {@code POST
 * /api/v1/permohonan} is refused (HTTP 405); a clerk types the permit in
 * ({@code POST /__simulator/permohonan} with the fields, answering the local {@code no_permohonan}),
 * and its public keluaran list is readable like SiCantik Cloud's.
 */
public class ManualOfficeSimulator extends SiCantikCloudSimulator {

    public ManualOfficeSimulator(String name, int port, Path dataDir, Clock clock,
                                 SimpulProperties.TargetSimulator settings) {
        super(name, port, dataDir, clock, settings, "5");
    }

    @Override
    public String flavour() {
        return "manual";
    }

    @Override
    protected Reply register(Request request) {
        return Reply.json(405, error("Sistem ini tidak menerima data dari luar; permohonan dientri oleh petugas"));
    }

    @Override
    Reply handle(String op, Request request) {
        if ("enter".equals(op)) {
            return registerJson(request.getBodyAsString(), null);
        }
        return super.handle(op, request);
    }

    /** What a clerk does at the counter: types the permit in and gets the local number. */
    public String enterByClerk(Map<String, String> fields) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        fields.forEach(body::put);
        return Json.tree(registerJson(Json.write(body), null).body()).path("data").path("no_permohonan").asText();
    }

    @Override
    protected MappingBuilder writes() {
        return post(urlPathEqualTo("/api/v1/permohonan"));
    }
}
