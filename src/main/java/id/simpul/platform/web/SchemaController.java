package id.simpul.platform.web;

import id.simpul.canonical.CanonicalSchemas;
import id.simpul.canonical.CodeLists;
import id.simpul.platform.json.Json;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Publishes the canonical model's JSON Schemas and the PIA code lists the hub uses. */
@RestController
@RequestMapping("/api/v1")
public class SchemaController {

    @GetMapping(value = "/schema", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> index() {
        return Map.of("schemas", CanonicalSchemas.NAMES.stream()
                .map(n -> Map.of("name", n, "version", 1, "href", "/api/v1/schema/" + n)).toList());
    }

    @GetMapping(value = "/schema/{name}", produces = "application/schema+json")
    public ResponseEntity<String> schema(@PathVariable String name) {
        return CanonicalSchemas.v1().document(name)
                .map(doc -> ResponseEntity.ok().contentType(MediaType.parseMediaType("application/schema+json"))
                        .body(Json.write(doc)))
                .orElseGet(() -> ResponseEntity.status(404).contentType(MediaType.APPLICATION_JSON)
                        .body(Json.write(Map.of("error", "unknown schema " + name, "known", CanonicalSchemas.NAMES))));
    }

    @GetMapping(value = "/code-lists/{lampiran}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> codeList(@PathVariable int lampiran) {
        return CodeLists.pia().list(lampiran)
                .map(list -> ResponseEntity.ok(Json.write(list)))
                .orElseGet(() -> ResponseEntity.status(404).body(Json.write(Map.of("error", "no Lampiran " + lampiran))));
    }

}
