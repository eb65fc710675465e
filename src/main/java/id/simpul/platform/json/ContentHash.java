package id.simpul.platform.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * SHA-256 of a JSON value in a canonical text form: object keys sorted, scalars compared as trimmed
 * text, and null, "" and absent treated alike. So a re-send that differs only in key order, in
 * "5" versus 5, or in "" versus null is recognised as the same content.
 */
public final class ContentHash {

    private ContentHash() {
    }

    public static String of(JsonNode node) {
        return sha256(canonical(node));
    }

    /** The canonical text {@link #of} hashes. */
    public static String canonical(JsonNode node) {
        StringBuilder sb = new StringBuilder(4096);
        write(node, sb);
        return sb.toString();
    }

    /**
     * What {@link #of} gives for an object with these members, each given as its {@link #canonical} text:
     * for several hashes of objects that share a large member, which is then written once.
     */
    public static String ofMembers(java.util.SortedMap<String, String> canonicalMembers) {
        StringBuilder sb = new StringBuilder(4096).append('{');
        canonicalMembers.forEach((key, text) -> {
            // An empty value is left out by write(); its canonical text is '~' (null) or '""' (blank).
            if (!text.equals("~") && !text.equals("\"\"")) {
                quote(key, sb);
                sb.append(':').append(text).append(',');
            }
        });
        return sha256(sb.append('}').toString());
    }

    private static String sha256(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(JsonNode node, StringBuilder sb) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            sb.append('~');
        } else if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            keys.sort(null);
            sb.append('{');
            for (String key : keys) {
                JsonNode value = node.get(key);
                if (isEmpty(value)) {
                    continue;
                }
                quote(key, sb);
                sb.append(':');
                write(value, sb);
                sb.append(',');
            }
            sb.append('}');
        } else if (node.isArray()) {
            sb.append('[');
            for (JsonNode element : node) {
                write(element, sb);
                sb.append(',');
            }
            sb.append(']');
        } else {
            String text = node.isNumber() ? node.numberValue().toString() : node.asText().strip();
            quote(text, sb);
        }
    }

    private static boolean isEmpty(JsonNode value) {
        return value == null || value.isNull() || (value.isTextual() && value.asText().isBlank());
    }

    private static void quote(String s, StringBuilder sb) {
        sb.append('"');
        // Almost no value holds a quote or a backslash: copy those whole rather than char by char
        // (the per-char loop was a third of the OSS push's HTTP thread time in the B2 profile).
        if (s.indexOf('"') < 0 && s.indexOf('\\') < 0) {
            sb.append(s).append('"');
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        sb.append('"');
    }
}
