package id.simpul.canonical;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JSON Schemas of canonical model v1 ({@code classpath:/canonical/schema/<name>.v1.json}): the
 * contract that mappings must produce, edits must respect, and agencies can read.
 */
public final class CanonicalSchemas {

    public static final List<String> NAMES = List.of("permit-message", "permit-status", "permit-final",
            "permit-document", "local-permit");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final CanonicalSchemas INSTANCE = new CanonicalSchemas();

    private final Map<String, JsonNode> documents = new LinkedHashMap<>();
    private final Map<String, JsonSchema> schemas = new LinkedHashMap<>();

    private CanonicalSchemas() {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        for (String name : NAMES) {
            JsonNode document = read("/canonical/schema/" + name + ".v1.json");
            documents.put(name, document);
            schemas.put(name, factory.getSchema(document, config));
        }
    }

    public static CanonicalSchemas v1() {
        return INSTANCE;
    }

    /** The schema document, by name with or without the version suffix ({@code permit-message}, {@code permit-message.v1}). */
    public Optional<JsonNode> document(String name) {
        return Optional.ofNullable(documents.get(strip(name)));
    }

    /** Validation errors of {@code value} against schema {@code name}; empty when valid. */
    public List<String> validate(String name, JsonNode value) {
        JsonSchema schema = schemas.get(strip(name));
        if (schema == null) {
            throw new IllegalArgumentException("unknown canonical schema " + name + "; known: " + NAMES);
        }
        Set<ValidationMessage> messages = schema.validate(value);
        return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private static String strip(String name) {
        String n = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return n.endsWith(".v1") ? n.substring(0, n.length() - 3) : n;
    }

    private static JsonNode read(String resource) {
        try (InputStream in = CanonicalSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
