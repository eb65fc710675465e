package id.simpul.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.simpul.canonical.CanonicalSchemas;
import java.util.List;

/**
 * A permit an office registered in its own system (an item of SiCantik's {@code GET /api/v1/izin-daerah}) to the
 * canonical local permit ({@code local-permit.v1}) through {@value #FILE}: one place for the hub's intake and
 * {@code check-mappings}, so both give the mapping the same input and hold it to the same schema.
 */
public final class LocalPermitMapping {

    public static final String FILE = "sicantik/izin-daerah.jslt";
    public static final String SCHEMA = "local-permit";
    /** Where {@code check-mappings} finds sample items, under the samples folder. */
    public static final String SAMPLES = "sicantik/izin-daerah";

    private LocalPermitMapping() {
    }

    /** {@code {"item": <the office's item>, "target": {"id": <target id>}}}. */
    public static ObjectNode input(JsonNode item, String targetId) {
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        input.set("item", item);
        input.putObject("target").put("id", targetId);
        return input;
    }

    /**
     * The canonical local permit of one item.
     *
     * @throws MappingException when the mapping fails or its output breaks the schema (named, values masked)
     */
    public static JsonNode map(Mappings mappings, JsonNode item, String targetId) {
        ObjectNode input = input(item, targetId);
        JsonNode mapped = mappings.applyFile(FILE, input);
        List<String> errors = CanonicalSchemas.v1().validate(SCHEMA, mapped);
        if (!errors.isEmpty()) {
            JsonNode both = JsonNodeFactory.instance.arrayNode().add(input).add(mapped);
            throw new MappingException(Mappings.redacted("mapping " + FILE + " produced a local permit that breaks"
                    + " canonical schema " + SCHEMA + ".v1: " + String.join("; ", errors), both), null);
        }
        return mapped;
    }
}
