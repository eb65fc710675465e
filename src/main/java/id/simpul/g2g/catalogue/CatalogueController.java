package id.simpul.g2g.catalogue;

import id.simpul.canonical.CanonicalSchemas;
import id.simpul.g2g.Scopes;
import id.simpul.g2g.access.G2gApi;
import id.simpul.g2g.events.EventType;
import id.simpul.g2g.proof.HubSigningKey;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The exchange's public documents: the catalogue, the OpenAPI document and the signing keys. */
@RestController
@RequestMapping(OpenApiDocument.BASE)
public class CatalogueController {

    private final OpenApiDocument openApi;
    private final HubSigningKey key;

    public CatalogueController(OpenApiDocument openApi, HubSigningKey key) {
        this.openApi = openApi;
        this.key = key;
    }

    @GetMapping("/catalogue")
    @G2gApi(scope = G2gApi.PUBLIC, action = "CATALOGUE_READ", summary = "Services, event types and schemas of the exchange.")
    public Map<String, Object> catalogue() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Simpul G2G exchange");
        body.put("version", "v1");
        body.put("scopes", Scopes.ALL);
        body.put("services", openApi.services().stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", s.method());
            m.put("path", s.path());
            m.put("scope", s.api() == null ? null : s.api().scope());
            m.put("summary", s.api() == null ? null : s.api().summary());
            return m;
        }).toList());
        body.put("eventTypes", Arrays.stream(EventType.values()).map(t -> Map.of("type", t.name(), "scope", t.scope(),
                "description", t.description())).toList());
        body.put("schemas", CanonicalSchemas.NAMES.stream().map(n -> Map.of("name", n, "version", 1,
                "href", "/api/v1/schema/" + n)).toList());
        body.put("openapi", OpenApiDocument.BASE + "/openapi.json");
        body.put("keys", OpenApiDocument.BASE + "/keys");
        body.put("delivery", Map.of(
                "webhooks", "POST to your URL; headers X-Simpul-Event-Id, X-Simpul-Event-Type, "
                        + "X-Simpul-Webhook-Signature (sha256=HMAC-SHA256 of the body), X-Simpul-Signature (detached JWS)",
                "topic", "Artemis topic simpul.g2g.events; selectors on type, kdDaerah, kdProvinsi, kdKabupaten, audience"));
        return body;
    }

    @GetMapping("/openapi.json")
    @G2gApi(scope = G2gApi.PUBLIC, action = "OPENAPI_READ", summary = "This API as OpenAPI 3.1, generated from the code.")
    public Map<String, Object> openApi() {
        return openApi.openApi();
    }

    @GetMapping("/keys")
    @G2gApi(scope = G2gApi.PUBLIC, action = "KEYS_READ", summary = "The hub's public signing keys (JWKS).")
    public Map<String, Object> keys() {
        return key.publicKeys().toJSONObject(true);
    }
}
