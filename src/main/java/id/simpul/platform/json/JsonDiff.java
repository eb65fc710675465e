package id.simpul.platform.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The fields that differ between two JSON values, as JSON Pointer paths with before and after. */
public final class JsonDiff {

    public record Change(String path, JsonNode before, JsonNode after) {
    }

    private JsonDiff() {
    }

    public static List<Change> between(JsonNode before, JsonNode after) {
        List<Change> changes = new ArrayList<>();
        walk("", before, after, changes);
        return changes;
    }

    private static void walk(String path, JsonNode a, JsonNode b, List<Change> out) {
        if (a == null || a.isMissingNode()) {
            a = null;
        }
        if (b == null || b.isMissingNode()) {
            b = null;
        }
        if (a != null && b != null && a.isObject() && b.isObject()) {
            Set<String> keys = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                walk(path + "/" + key.replace("~", "~0").replace("/", "~1"), a.get(key), b.get(key), out);
            }
            return;
        }
        if (a != null && b != null && a.isArray() && b.isArray() && a.size() == b.size()) {
            Iterator<JsonNode> ia = a.elements();
            Iterator<JsonNode> ib = b.elements();
            int i = 0;
            while (ia.hasNext()) {
                walk(path + "/" + i++, ia.next(), ib.next(), out);
            }
            return;
        }
        boolean same = a == null ? b == null || b.isNull() : a.equals(b) || (a.isNull() && b == null);
        if (!same) {
            out.add(new Change(path.isEmpty() ? "/" : path, a, b));
        }
    }
}
