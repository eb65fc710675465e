package id.simpul.platform.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.simpul.platform.json.Json;
import id.simpul.support.Fixtures;
import id.simpul.support.SweepSample;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The bad inputs of {@link BadInputSweepTest}: every endpoint of {@code fixtures/platform/bad-input/endpoints.json}
 * called once as written, then once per mutation of one of its inputs (a path id, a query parameter, a JSON
 * field, a form field, the body as a whole, its type). The mutated values are in {@code mutations.json}.
 */
final class BadInputCases {

    private static final String ONE_MIB = "x".repeat(1024 * 1024);
    private static final JsonNode VALUES = Json.tree(Fixtures.text("platform/bad-input/mutations.json"));

    /** One request: {@code path} is the URL after the host, already encoded; {@code csrf} only for console forms. */
    /** @param as who calls: "admin", "fresh" (an account of its own per case) or "anonymous" (the login form) */
    /** @param refused the endpoint lists this case among those it must refuse (4xx), not merely survive */
    /** @param field the body field a {@code namesField} mutation was put in: a 400 for it must name it, else null */
    record Case(String name, String api, String method, String path, String contentType, byte[] body, boolean csrf,
                String as, boolean refused, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    record Endpoint(String api, String method, String template, Map<String, String> path, Map<String, String> query,
                    JsonNode body, String text, Map<String, String> form, boolean sideEffect, String as,
                    List<String> refuses) {
    }

    private BadInputCases() {
    }

    static List<Endpoint> endpoints() {
        List<Endpoint> all = new ArrayList<>();
        for (JsonNode e : Json.tree(Fixtures.text("platform/bad-input/endpoints.json"))) {
            String[] call = e.path("call").asText().split(" ", 2);
            all.add(new Endpoint(e.path("api").asText(), call[0], call[1], strings(e.path("path")),
                    strings(e.path("query")), e.has("body") ? e.get("body") : null,
                    e.has("text") ? e.get("text").asText() : null, e.has("form") ? strings(e.get("form")) : null,
                    e.path("sideEffect").asBoolean(), e.path("as").asText("admin"), texts(e.path("refuses"))));
        }
        return all;
    }

    static List<Case> of(String api) {
        List<Case> cases = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            if (e.api().equals(api)) {
                cases.addAll(of(e));
            }
        }
        return cases;
    }

    static List<Case> of(Endpoint e) {
        List<Case> cases = new ArrayList<>();
        String call = e.method() + " " + e.template();
        cases.add(request(e, call + " as documented", e.path(), e.query(), baseType(e), baseBody(e), true));
        if (e.sideEffect() && e.body() == null && e.text() == null) {
            return cases;
        }
        e.path().keySet().forEach(name -> {
            for (JsonNode v : VALUES.path(kind("path", e.path().get(name)))) {
                Map<String, String> path = new LinkedHashMap<>(e.path());
                path.put(name, value(v.asText()));
                cases.add(request(e, call + " path " + name + "=" + shown(v.asText()), path, e.query(), baseType(e),
                        baseBody(e), true));
            }
        });
        List<String> params = List.copyOf(e.query().keySet());
        for (int i = 0; i < params.size(); i++) {
            String name = params.get(i);
            int mutation = 0;
            for (JsonNode v : VALUES.path(kind("query", e.query().get(name)))) {
                Map<String, String> query = new LinkedHashMap<>(e.query());
                query.put(name, value(v.asText()));
                Case c = request(e, call + " query " + name + "=" + shown(v.asText()), e.path(), query, baseType(e),
                        baseBody(e), true);
                if (c.refused() || SweepSample.sends(i, params.size(), mutation++)) {
                    cases.add(c);
                }
            }
        }
        if (e.body() != null) {
            jsonBodies(e, call, cases);
        } else if (e.text() != null) {
            for (JsonNode v : VALUES.path("text")) {
                cases.add(request(e, call + " text " + shown(v.asText()), e.path(), e.query(), "text/plain",
                        bytes(v.asText()), true));
            }
        } else if (e.form() != null) {
            formBodies(e, call, cases);
        } else if (!e.method().equals("GET")) {
            // A call that reads no body must not choke on one.
            cases.add(request(e, call + " unexpected JSON body", e.path(), e.query(), "application/json",
                    bytes("{\"x\":"), true));
        }
        // A misspelt "refuses" entry would match no case and so check nothing.
        List<String> names = cases.stream().map(c -> c.name().substring(call.length() + 1)).toList();
        List<String> unmatched = e.refuses().stream().filter(r -> !names.contains(r)).toList();
        if (!unmatched.isEmpty()) {
            throw new IllegalStateException(call + " refuses cases it does not have: " + unmatched);
        }
        return cases;
    }

    private static void jsonBodies(Endpoint e, String call, List<Case> cases) {
        for (JsonNode v : VALUES.path("wholeBody")) {
            cases.add(request(e, call + " body " + shown(v.asText()), e.path(), e.query(), "application/json",
                    bytes(v.asText()), true));
        }
        ObjectNode unknown = e.body().deepCopy();
        unknown.put("tidakDikenal", 1);
        cases.add(request(e, call + " body with an unknown field", e.path(), e.query(), "application/json",
                bytes(Json.write(unknown)), true));
        cases.add(request(e, call + " body as text/plain", e.path(), e.query(), "text/plain", baseBody(e), true));
        cases.add(request(e, call + " body as a form", e.path(), e.query(), "application/x-www-form-urlencoded",
                bytes(formOf(e.body())), true));
        List<List<Object>> fields = new ArrayList<>();
        for (Iterator<String> names = e.body().fieldNames(); names.hasNext(); ) {
            String name = names.next();
            ObjectNode missing = e.body().deepCopy();
            missing.remove(name);
            cases.add(request(e, call + " body without " + name, e.path(), e.query(), "application/json",
                    bytes(Json.write(missing)), true));
            fields.add(List.of(name));
            JsonNode value = e.body().get(name);
            // One level down too: a list's first item, an object's fields (rateLimit.requests, scopes[0]).
            if (value.isArray() && !value.isEmpty()) {
                fields.add(List.of(name, 0));
            } else if (value.isObject()) {
                for (Iterator<String> inner = value.fieldNames(); inner.hasNext(); ) {
                    fields.add(List.of(name, inner.next()));
                }
            }
        }
        for (int i = 0; i < fields.size(); i++) {
            fieldValues(e, call, fields.get(i), i, fields.size(), cases);
        }
    }

    /** The field mutations {@link SweepSample} picks for field {@code index}, and any the endpoint must refuse. */
    private static void fieldValues(Endpoint e, String call, List<Object> at, int index, int fields, List<Case> cases) {
        String shownAt = at.stream().map(String::valueOf).collect(Collectors.joining("."));
        List<String> named = texts(VALUES.path("namesField"));
        int mutation = 0;
        for (JsonNode v : VALUES.path("field")) {
            Case c = request(e, call + " body " + shownAt + "=" + shown(v.asText()), e.path(), e.query(),
                    "application/json", withValue(e.body(), at, v.asText()), true);
            if (c.refused() || SweepSample.sends(index, fields, mutation)) {
                cases.add(named.contains(v.asText()) ? new Case(c.name(), c.api(), c.method(), c.path(),
                        c.contentType(), c.body(), c.csrf(), c.as(), c.refused(), shownField(at)) : c);
            }
            mutation++;
        }
    }

    /** A field path as the 400 names it: {@code rateLimit.requests}, {@code scopes[0]}. */
    private static String shownField(List<Object> at) {
        StringBuilder field = new StringBuilder();
        for (Object step : at) {
            field.append(step instanceof Integer i ? "[" + i + "]" : (field.isEmpty() ? "" : ".") + step);
        }
        return field.toString();
    }

    private static void formBodies(Endpoint e, String call, List<Case> cases) {
        cases.add(request(e, call + " without the CSRF token", e.path(), e.query(),
                "application/x-www-form-urlencoded", baseBody(e), false));
        cases.add(request(e, call + " as JSON", e.path(), e.query(), "application/json",
                bytes(Json.write(e.form())), true));
        List<String> fields = List.copyOf(e.form().keySet());
        for (int i = 0; i < fields.size(); i++) {
            String name = fields.get(i);
            Map<String, String> missing = new LinkedHashMap<>(e.form());
            missing.remove(name);
            cases.add(request(e, call + " form without " + name, e.path(), e.query(),
                    "application/x-www-form-urlencoded", bytes(encoded(missing)), true));
            int mutation = 0;
            for (JsonNode v : VALUES.path(kind("query", e.form().get(name)))) {
                Map<String, String> form = new LinkedHashMap<>(e.form());
                form.put(name, value(v.asText()));
                String body = form.entrySet().stream().map(f -> f.getKey().equals(name) ? f.getKey() + "=" + f.getValue()
                        : enc(f.getKey()) + "=" + enc(f.getValue())).collect(Collectors.joining("&"));
                Case c = request(e, call + " form " + name + "=" + shown(v.asText()), e.path(), e.query(),
                        "application/x-www-form-urlencoded", bytes(body), true);
                if (c.refused() || SweepSample.sends(i, fields.size(), mutation++)) {
                    cases.add(c);
                }
            }
        }
    }

    private static Case request(Endpoint e, String name, Map<String, String> path, Map<String, String> query,
                                String contentType, byte[] body, boolean csrf) {
        String url = e.template();
        for (Map.Entry<String, String> p : path.entrySet()) {
            String v = p.getValue();
            url = url.replace("{" + p.getKey() + "}", v.equals(e.path().get(p.getKey())) ? enc(v) : v);
        }
        if (!query.isEmpty()) {
            url += "?" + query.entrySet().stream().map(q -> enc(q.getKey()) + "="
                            + (q.getValue().equals(e.query().get(q.getKey())) ? enc(q.getValue()) : q.getValue()))
                    .collect(Collectors.joining("&"));
        }
        String call = e.method() + " " + e.template() + " ";
        return new Case(name, e.api(), e.method(), url, contentType, body, csrf, e.as(),
                e.refuses().contains(name.substring(call.length())), null);
    }

    /** The mutations for an input whose documented value is {@code documented}: numbers get numbers' own. */
    private static String kind(String input, String documented) {
        return input + (documented.matches("\\d+") ? "Number" : "Text");
    }

    private static String baseType(Endpoint e) {
        return e.body() != null ? "application/json" : e.text() != null ? "text/plain"
                : e.form() != null ? "application/x-www-form-urlencoded" : null;
    }

    private static byte[] baseBody(Endpoint e) {
        return e.body() != null ? bytes(Json.write(e.body())) : e.text() != null ? bytes(e.text())
                : e.form() != null ? bytes(encoded(e.form())) : null;
    }

    /** The body with the value at {@code at} (field names, list indexes) replaced; {@code gen:} values generated. */
    private static byte[] withValue(JsonNode body, List<Object> at, String value) {
        JsonNode copy = body.deepCopy();
        JsonNode parent = copy;
        for (Object step : at.subList(0, at.size() - 1)) {
            parent = step instanceof Integer i ? parent.get(i) : parent.get((String) step);
        }
        String marker = "@@bad-input@@";
        Object last = at.get(at.size() - 1);
        if (last instanceof Integer i) {
            ((ArrayNode) parent).set(i, marker);
        } else {
            ((ObjectNode) parent).put((String) last, marker);
        }
        String json = Json.write(copy);
        int from = json.indexOf("\"" + marker + "\"");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes(json.substring(0, from)));
        out.writeBytes(value.equals("gen:invalid-utf8") ? new byte[]{'"', 'P', 'T', ' ', (byte) 0xC3, 0x28, (byte) 0xFF, '"'}
                : bytes(value.equals("gen:1mib") ? "\"" + ONE_MIB + "\"" : value));
        out.writeBytes(bytes(json.substring(from + marker.length() + 2)));
        return out.toByteArray();
    }

    /** A value of mutations.json as sent: {@code gen:} values are generated, others are used as written. */
    private static String value(String v) {
        return switch (v) {
            case "gen:1mib" -> ONE_MIB;
            case "gen:4k" -> "x".repeat(4000);
            default -> v;
        };
    }

    private static byte[] bytes(String v) {
        return switch (v) {
            case "gen:1mib" -> ONE_MIB.getBytes(StandardCharsets.US_ASCII);
            case "gen:empty" -> new byte[0];
            case "gen:invalid-utf8" -> new byte[]{'1', '2', (byte) 0xC3, 0x28, (byte) 0xFF, '\n'};
            default -> v.getBytes(StandardCharsets.UTF_8);
        };
    }

    static String shown(String v) {
        return v.length() > 40 ? v.substring(0, 40) + "…" : v;
    }

    private static String formOf(JsonNode body) {
        Map<String, String> form = new LinkedHashMap<>();
        body.fields().forEachRemaining(f -> form.put(f.getKey(), f.getValue().asText()));
        return encoded(form);
    }

    private static String encoded(Map<String, String> form) {
        return form.entrySet().stream().map(f -> enc(f.getKey()) + "=" + enc(f.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static List<String> texts(JsonNode list) {
        List<String> texts = new ArrayList<>();
        list.forEach(t -> texts.add(t.asText()));
        return texts;
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(f -> map.put(f.getKey(), f.getValue().asText()));
        return map;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
