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

    /** "2 h 5 m", "45 s": a short human duration. */
    public String duration(Duration d) {
        if (d == null) {
            return "";
        }
        long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " m " + (s % 60) + " s";
        }
        if (s < 86_400) {
            return (s / 3600) + " h " + (s % 3600) / 60 + " m";
        }
        return (s / 86_400) + " d " + (s % 86_400) / 3600 + " h";
    }

    public String abbreviate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 1) + "…";
    }
}
