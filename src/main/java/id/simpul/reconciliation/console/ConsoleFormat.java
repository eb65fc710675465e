package id.simpul.reconciliation.console;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.platform.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/** Formatting helpers for templates ({@code ${@consoleFormat.time(x)}}): times in WIB, JSON pretty-printed. */
@Component("consoleFormat")
public class ConsoleFormat {

    /** Offices in the hub's regions work in Western Indonesian Time. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Jakarta");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm:ss").withZone(ZONE);

    public String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    public String time(Object value) {
        if (value instanceof Instant i) {
            return time(i);
        }
        if (value instanceof java.sql.Timestamp t) {
            return time(t.toInstant());
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return time(o.toInstant());
        }
        return value == null ? "" : String.valueOf(value);
    }

    public String json(JsonNode node) {
        if (node == null) {
            return "";
        }
        if (node.isTextual()) {
            return node.asText();
        }
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return node.toString();
        }
    }

    private static final long[] UNIT_SECONDS = {86_400, 3_600, 60, 1};
    private static final String[] UNITS = {"d", "h", "m", "s"};

    /**
     * "1 h", "1 h 5 m", "45 s", "2 d 3 h": the largest part and the one after it, as an operator says it. A zero
     * part is left out ("1 h", not "1 h 0 m"), the parts below those two are dropped, and a negative duration (a
     * clock read in the wrong order) reads "0 s".
     */
    public String duration(Duration d) {
        if (d == null) {
            return "";
        }
        long left = Math.max(0, d.toSeconds());
        int first = 0;
        while (first < UNITS.length - 1 && left < UNIT_SECONDS[first]) {
            first++;
        }
        long major = left / UNIT_SECONDS[first];
        String text = major + " " + UNITS[first];
        if (first < UNITS.length - 1) {
            long minor = left % UNIT_SECONDS[first] / UNIT_SECONDS[first + 1];
            if (minor > 0) {
                text += " " + minor + " " + UNITS[first + 1];
            }
        }
        return text;
    }

    public String abbreviate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 1) + "…";
    }
}
