package id.simpul.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Faults and quirks of the simulated OSS, switchable at runtime ({@code POST /__simulator/faults},
 * {@code POST /__simulator/quirks}) and from tests. A fault applies to one operation or to all, for a
 * number of replies or until cleared; the newest matching fault wins.
 */
public final class OssSimulatorFaults {

    /** What goes wrong. */
    public enum Type {
        /** Answers normally, after a delay. */
        LATENCY,
        /** HTTP 5xx (default 503) with a gateway's plain-text body. */
        HTTP_5XX,
        /** HTTP 504 with the PIA body {@code kode 504, "Proses Payload Data Di Sistem OSS Timeout"}. */
        HTTP_504,
        /** HTTP 200 with a truncated JSON body. */
        MALFORMED,
        /** The connection is reset before any reply. */
        RESET,
        /** A PIA error reply with the given kode (HTTP status 200 unless given), as number or string. */
        KODE;

        static Type parse(String s) {
            return valueOf(s.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /**
     * @param operation the operation it applies to, null for all
     * @param remaining replies left to spoil; negative = until cleared
     */
    public record Fault(Type type, String operation, int latencyMs, int status, int kode, boolean kodeAsString,
                        int remaining) {

        boolean appliesTo(String op) {
            return operation == null || operation.equalsIgnoreCase(op);
        }

        public ObjectNode toJson() {
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            n.put("type", type.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            n.put("operation", operation);
            n.put("latencyMs", latencyMs);
            n.put("status", status);
            n.put("kode", kode);
            n.put("kodeAsString", kodeAsString);
            n.put("times", remaining);
            return n;
        }

        /** From {@code {"type":"kode","operation":"inqueryNIB","kode":403,"kodeAsString":true,"times":2}}. */
        public static Fault fromJson(JsonNode n) {
            Type type = Type.parse(n.path("type").asText(""));
            String op = n.hasNonNull("operation") && !n.get("operation").asText().isBlank()
                    ? n.get("operation").asText().strip() : null;
            int status = n.path("status").asInt(switch (type) {
                case HTTP_5XX -> 503;
                case HTTP_504 -> 504;
                default -> 200;
            });
            int kode = n.path("kode").asInt(type == Type.HTTP_504 ? 504 : 500);
            return new Fault(type, op, n.path("latencyMs").asInt(3000), status, kode,
                    n.path("kodeAsString").asBoolean(false), n.path("times").asInt(-1));
        }

        Fault used() {
            return new Fault(type, operation, latencyMs, status, kode, kodeAsString, remaining - 1);
        }
    }

    private final List<Fault> faults = new ArrayList<>();
    private boolean kodeAsString;
    private boolean alternateRoots;

    public synchronized void add(Fault fault) {
        faults.add(fault);
    }

    public synchronized void clear() {
        faults.clear();
    }

    /** The fault for this reply, if any; counts it against its {@code times}. */
    public synchronized Optional<Fault> take(String operation) {
        for (int i = faults.size() - 1; i >= 0; i--) {
            Fault f = faults.get(i);
            if (f.appliesTo(operation)) {
                if (f.remaining() > 0) {
                    Fault next = f.used();
                    if (next.remaining() == 0) {
                        faults.remove(i);
                    } else {
                        faults.set(i, next);
                    }
                }
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** Real replies' quirks: kode as a string, and the alternate spelling of root keys. */
    public synchronized void quirks(boolean kodeAsString, boolean alternateRoots) {
        this.kodeAsString = kodeAsString;
        this.alternateRoots = alternateRoots;
    }

    public synchronized boolean kodeAsString() {
        return kodeAsString;
    }

    public synchronized boolean alternateRoots() {
        return alternateRoots;
    }

    public synchronized ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        ArrayNode list = n.putArray("faults");
        Iterator<Fault> it = faults.iterator();
        while (it.hasNext()) {
            list.add(it.next().toJson());
        }
        n.putObject("quirks").put("kodeAsString", kodeAsString).put("alternateRoots", alternateRoots);
        return n;
    }
}
