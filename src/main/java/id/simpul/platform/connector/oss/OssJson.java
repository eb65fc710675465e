package id.simpul.platform.connector.oss;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reading OSS replies: trailing commas pass (the PIA's own examples carry them), numbers and strings
 * are both read where either is meant ({@code "kode": 200} or {@code "kode": "200"}).
 */
final class OssJson {

    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private OssJson() {
    }

    /** Parses a reply body; a body that is not a JSON value throws with line and column only (no content). */
    static JsonNode parse(String body) throws MalformedReplyException {
        if (body == null || body.isBlank()) {
            throw new MalformedReplyException("empty body");
        }
        try {
            JsonNode node = LENIENT.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new MalformedReplyException("empty body");
            }
            return node;
        } catch (JsonProcessingException e) {
            // The parser's own message may quote the body, which can carry personal data: position only.
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new MalformedReplyException("not valid JSON" + where);
        }
    }

    /** A scalar as trimmed text (numbers included), or null for null, missing, containers or blank. */
    static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode() || node.isContainerNode()) {
            return null;
        }
        String s = node.isIntegralNumber() ? node.bigIntegerValue().toString() : node.asText();
        s = s.strip();
        return s.isEmpty() ? null : s;
    }

    /** {@code kode} (or {@code code}, as inqueryLicense spells it) as a number, whether sent as number or string. */
    static Integer kode(JsonNode reply) {
        for (String field : new String[] {"kode", "code"}) {
            String s = text(reply.get(field));
            if (s != null) {
                try {
                    return Integer.valueOf(s);
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return null;
    }

    static final class MalformedReplyException extends Exception {
        MalformedReplyException(String message) {
            super(message, null, false, false);
        }
    }
}
