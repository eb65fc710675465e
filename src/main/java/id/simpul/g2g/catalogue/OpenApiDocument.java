package id.simpul.g2g.catalogue;

import id.simpul.g2g.access.G2gApi;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The G2G services as the running hub maps them: every handler under {@code /g2g/v1} with its
 * {@link G2gApi} (scope, summary), path and query parameters and request body. The OpenAPI 3.1
 * document and the catalogue are generated from this, so they cannot drift from the code.
 */
@Component
public class OpenApiDocument {

    public static final String BASE = "/g2g/v1";

    private final RequestMappingHandlerMapping mapping;

    public OpenApiDocument(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping) {
        this.mapping = mapping;
    }

    /** One operation: an HTTP method on a path pattern. */
    public record Service(String method, String path, G2gApi api, HandlerMethod handler) {
    }

    public List<Service> services() {
        List<Service> services = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mapping.getHandlerMethods().entrySet()) {
            for (String path : e.getKey().getPatternValues()) {
                if (!path.startsWith(BASE)) {
                    continue;
                }
                // OpenAPI's templates know no capture-the-rest ({*localNumber}: a value that may hold slashes).
                String template = path.replace("{*", "{");
                for (RequestMethod method : e.getKey().getMethodsCondition().getMethods()) {
                    services.add(new Service(method.name(), template, e.getValue().getMethodAnnotation(G2gApi.class),
                            e.getValue()));
                }
            }
        }
        services.sort((a, b) -> (a.path() + " " + a.method()).compareTo(b.path() + " " + b.method()));
        return services;
    }

    public Map<String, Object> openApi() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", Map.of("title", "Simpul G2G exchange", "version", "v1",
                "description", "Agencies query permits, businesses and applicants of their regions, subscribe to "
                        + "events and answer recommendation requests. Every response carries X-Request-Id and a "
                        + "detached JWS (X-Simpul-Signature) by the key at /g2g/v1/keys. See docs/g2g.md."));
        Map<String, Object> paths = new TreeMap<>();
        for (Service s : services()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(s.path(), p -> new LinkedHashMap<>());
            item.put(s.method().toLowerCase(), operation(s));
        }
        doc.put("paths", paths);
        doc.put("components", components());
        return doc;
    }

    private Map<String, Object> operation(Service s) {
        Map<String, Object> op = new LinkedHashMap<>();
        Method method = s.handler().getMethod();
        op.put("operationId", method.getName() + "_" + s.method().toLowerCase());
        if (s.api() != null) {
            op.put("summary", s.api().summary());
            op.put("x-scope", s.api().scope());
            op.put("security", G2gApi.PUBLIC.equals(s.api().scope()) ? List.of()
                    : List.of(Map.of("apiKey", List.of()), Map.of("bearer", List.of()), Map.of("mutualTLS", List.of())));
        }
        List<Map<String, Object>> parameters = new ArrayList<>();
        for (Parameter p : method.getParameters()) {
            PathVariable path = p.getAnnotation(PathVariable.class);
            RequestParam query = p.getAnnotation(RequestParam.class);
            if (path != null) {
                parameters.add(parameter(name(path.value(), p), "path", true, p.getType()));
            } else if (query != null) {
                parameters.add(parameter(name(query.value(), p), "query", query.required(), p.getType()));
            } else if (p.getAnnotation(RequestBody.class) != null) {
                op.put("requestBody", Map.of("required", true, "content",
                        Map.of("application/json", Map.of("schema", schemaOf(p.getType())))));
            }
        }
        if (!parameters.isEmpty()) {
            op.put("parameters", parameters);
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        int ok = s.api() == null ? 200 : s.api().status();
        responses.put(String.valueOf(ok), Map.of("description", "OK", "headers", Map.of(
                "X-Request-Id", Map.of("$ref", "#/components/headers/RequestId"),
                "X-Simpul-Signature", Map.of("$ref", "#/components/headers/Signature")),
                "content", Map.of("application/json", Map.of("schema", Map.of("type", "object")))));
        for (String status : List.of("400", "401", "403", "404", "429")) {
            responses.put(status, Map.of("$ref", "#/components/responses/Error" + status));
        }
        op.put("responses", responses);
        return op;
    }

    private static Map<String, Object> parameter(String name, String in, boolean required, Class<?> type) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("in", in);
        p.put("required", required);
        p.put("schema", schemaOf(type));
        return p;
    }

    private static String name(String declared, Parameter p) {
        return declared == null || declared.isEmpty() ? p.getName() : declared;
    }

    static Map<String, Object> schemaOf(Class<?> type) {
        if (type == String.class) {
            return Map.of("type", "string");
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return Map.of("type", "integer");
        }
        if (type == Boolean.class || type == boolean.class) {
            return Map.of("type", "boolean");
        }
        if (List.class.isAssignableFrom(type)) {
            return Map.of("type", "array", "items", Map.of("type", "string"));
        }
        if (type.isRecord()) {
            Map<String, Object> properties = new LinkedHashMap<>();
            for (RecordComponent c : type.getRecordComponents()) {
                properties.put(c.getName(), schemaOf(c.getType()));
            }
            return Map.of("type", "object", "properties", properties);
        }
        return Map.of("type", "object");
    }

    private static Map<String, Object> components() {
        Map<String, Object> components = new LinkedHashMap<>();
        components.put("securitySchemes", Map.of(
                "apiKey", Map.of("type", "apiKey", "in", "header", "name", "X-API-Key"),
                "bearer", Map.of("type", "http", "scheme", "bearer", "description", "the agency API key as a bearer token"),
                "mutualTLS", Map.of("type", "mutualTLS", "description", "a TLS client certificate registered for the system")));
        components.put("headers", Map.of(
                "RequestId", Map.of("description", "the hub's id of this request (quote it in any dispute)",
                        "schema", Map.of("type", "string")),
                "Signature", Map.of("description", "detached JWS (ES256, b64=false) over the exact body; "
                        + "protected header carries rid, iat, htm, htu, sts", "schema", Map.of("type", "string"))));
        Map<String, Object> error = Map.of("type", "object", "properties", Map.of(
                "error", Map.of("type", "string"), "parameter", Map.of("type", "string"),
                "requestId", Map.of("type", "string")));
        Map<String, Object> responses = new LinkedHashMap<>();
        Map<String, String> meaning = Map.of("400", "a bad filter or field (named in parameter)",
                "401", "no or unknown credentials", "403", "the agency lacks the scope",
                "404", "not found, or not in the agency's regions", "429", "rate limit exceeded; see Retry-After");
        for (String status : List.of("400", "401", "403", "404", "429")) {
            responses.put("Error" + status, Map.of("description", meaning.get(status),
                    "content", Map.of("application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/Error")))));
        }
        components.put("responses", responses);
        components.put("schemas", Map.of("Error", error, "Event", Map.of("type", "object", "properties", Map.of(
                "eventId", Map.of("type", "string"), "type", Map.of("type", "string"),
                "createdAt", Map.of("type", "string", "format", "date-time"), "kdDaerah", Map.of("type", "string"),
                "subject", Map.of("type", "object"), "data", Map.of("type", "object")))));
        return components;
    }
}
