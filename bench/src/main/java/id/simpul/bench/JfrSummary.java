package id.simpul.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording of the hub: CPU samples ({@code jdk.ExecutionSample}) by top frame
 * (self), by component (a sample counts for each component anywhere on its stack), and the hub's own
 * methods (inclusive); plus GC pauses. Usage: {@code JfrSummary <file.jfr>}.
 */
public final class JfrSummary {

    /** Components by package prefix, in the order they are printed. */
    static final Map<String, List<String>> COMPONENTS = new LinkedHashMap<>();

    static {
        COMPONENTS.put("hub code (id.simpul)", List.of("id.simpul."));
        COMPONENTS.put("Camel", List.of("org.apache.camel."));
        COMPONENTS.put("Spring JMS / Camel JMS", List.of("org.springframework.jms.", "org.apache.camel.component.jms."));
        COMPONENTS.put("Artemis (broker, journal, client)", List.of("org.apache.activemq.artemis."));
        COMPONENTS.put("H2 store", List.of("org.h2."));
        COMPONENTS.put("Spring JDBC / transactions / Hikari", List.of("org.springframework.jdbc.",
                "org.springframework.transaction.", "com.zaxxer.hikari."));
        COMPONENTS.put("JSLT mapping", List.of("com.schibsted.spt.data.jslt."));
        COMPONENTS.put("JSON Schema validation", List.of("com.networknt."));
        COMPONENTS.put("Jackson 2 (parse/write/convert)", List.of("com.fasterxml.jackson."));
        COMPONENTS.put("content hash (ContentHash)", List.of("id.simpul.platform.json.ContentHash."));
        COMPONENTS.put("SHA / MessageDigest", List.of("sun.security.provider.", "java.security.MessageDigest."));
        COMPONENTS.put("logging (Logback)", List.of("ch.qos.logback.", "org.slf4j."));
        COMPONENTS.put("HTTP server (Tomcat)", List.of("org.apache.tomcat.", "org.apache.coyote.", "org.apache.catalina."));
        COMPONENTS.put("Spring MVC / Security filters", List.of("org.springframework.web.", "org.springframework.security."));
        COMPONENTS.put("HTTP client (JDK)", List.of("jdk.internal.net.http.", "java.net.http."));
        COMPONENTS.put("Micrometer / Prometheus", List.of("io.micrometer.", "io.prometheus."));
        COMPONENTS.put("BCrypt", List.of("org.springframework.security.crypto.bcrypt."));
        COMPONENTS.put("regex", List.of("java.util.regex."));
    }

    /** Pipeline stages by thread name, in the order they are printed (first match wins). */
    static final Map<String, Pattern> STAGES = new LinkedHashMap<>();
    static final String OTHER_THREADS = "other threads";

    static {
        STAGES.put("intake: HTTP receive + durable send + ack", Pattern.compile("http-nio.*|task-\\d+"));
        STAGES.put("conversion: ledger, mapping, applicant match, hand-off",
                Pattern.compile(".*JmsConsumer\\[simpul\\.intake\\.oss\\].*"));
        STAGES.put("delivery: target mapping, HTTP POST, ledger", Pattern.compile(".*JmsConsumer\\[simpul\\.delivery\\.permit.*"));
        STAGES.put("HTTP client (delivery's JDK client threads)", Pattern.compile("HttpClient-.*"));
        STAGES.put("broker (Artemis threads)", Pattern.compile(".*activemq.*|.*Artemis.*"));
        // H2's page serialisation thread is "H2-serialization" (the pattern said "HN-", which matched nothing: up to
        // the sixteenth pass its samples were counted as "other threads", 30 % of B4's replay and about 5 % of B2).
        STAGES.put("store background (H2 writer)", Pattern.compile("H2-serialization|MVStore.*"));
        STAGES.put("schedulers (G2G outbox, recommendations, SLA, reconciliation)",
                Pattern.compile("scheduling-.*|.*[Ss]chedul.*"));
    }

    private JfrSummary() {
    }

    /** {@code JfrSummary <file.jfr> [from to]} (ISO instants: a recording from launch, cut to a burst). */
    public static void main(String[] args) throws IOException {
        ObjectNode summary = args.length >= 3
                ? summarise(Path.of(args[0]), 25, Instant.parse(args[1]), Instant.parse(args[2]))
                : summarise(Path.of(args[0]), 25);
        System.out.println(Hub.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(summary));
    }

    public static ObjectNode summarise(Path recording, int top) throws IOException {
        return summarise(recording, top, Instant.MIN, Instant.MAX);
    }

    /** Only the events between {@code from} and {@code to} (a recording that ran from launch, cut to a burst). */
    public static ObjectNode summarise(Path recording, int top, Instant from, Instant to) throws IOException {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> component = new LinkedHashMap<>();
        Map<String, Long> hubInclusive = new HashMap<>();
        Map<String, Long> componentSelf = new LinkedHashMap<>();
        Map<String, Long> selfWithCaller = new HashMap<>();
        Map<String, Long> stages = new LinkedHashMap<>();
        long samples = 0;
        long gcPauses = 0;
        Duration gcPauseTotal = Duration.ZERO;
        Duration gcPauseMax = Duration.ZERO;
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            if (e.getStartTime().isBefore(from) || e.getStartTime().isAfter(to)) {
                continue;
            }
            String type = e.getEventType().getName();
            if (type.equals("jdk.GCPhasePause")) {
                gcPauses++;
                gcPauseTotal = gcPauseTotal.plus(e.getDuration());
                if (e.getDuration().compareTo(gcPauseMax) > 0) {
                    gcPauseMax = e.getDuration();
                }
                continue;
            }
            if (!type.equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace stack = e.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            stages.merge(stage(e), 1L, Long::sum);
            List<RecordedFrame> frames = stack.getFrames();
            String leaf = name(frames.get(0).getMethod());
            self.merge(leaf, 1L, Long::sum);
            componentSelf.merge(selfComponent(frames), 1L, Long::sum);
            selfWithCaller.merge(leaf + "  <-  " + firstLibraryCaller(frames), 1L, Long::sum);
            Set<String> seenComponents = new HashSet<>();
            Set<String> seenHub = new HashSet<>();
            for (RecordedFrame f : frames) {
                String n = name(f.getMethod());
                for (Map.Entry<String, List<String>> c : COMPONENTS.entrySet()) {
                    for (String prefix : c.getValue()) {
                        if (n.startsWith(prefix) && seenComponents.add(c.getKey())) {
                            component.merge(c.getKey(), 1L, Long::sum);
                        }
                    }
                }
                if (n.startsWith("id.simpul.") && seenHub.add(n)) {
                    hubInclusive.merge(n, 1L, Long::sum);
                }
            }
        }
        ObjectNode out = Hub.JSON.createObjectNode();
        out.put("recording", recording.toString());
        if (!from.equals(Instant.MIN)) {
            out.put("from", from.toString());
            out.put("to", to.toString());
        }
        out.put("execution_samples", samples);
        ObjectNode stage = out.putObject("stages_pct");
        for (String key : STAGES.keySet()) {
            stage.put(key, pct(stages.getOrDefault(key, 0L), samples));
        }
        stage.put(OTHER_THREADS, pct(stages.getOrDefault(OTHER_THREADS, 0L), samples));
        ObjectNode comp = out.putObject("components_inclusive_pct");
        for (String key : COMPONENTS.keySet()) {
            comp.put(key, pct(component.getOrDefault(key, 0L), samples));
        }
        long total = samples;
        ObjectNode compSelf = out.putObject("components_self_pct");
        componentSelf.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(en -> compSelf.put(en.getKey(), pct(en.getValue(), total)));
        ObjectNode callers = out.putObject("top_self_with_caller_pct");
        selfWithCaller.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(en -> callers.put(en.getKey(), pct(en.getValue(), total)));
        ObjectNode selfNode = out.putObject("top_self_pct");
        self.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(en -> selfNode.put(en.getKey(), pct(en.getValue(), total)));
        ObjectNode hub = out.putObject("hub_methods_inclusive_pct");
        hubInclusive.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(en -> hub.put(en.getKey(), pct(en.getValue(), total)));
        out.put("gc_pauses", gcPauses);
        out.put("gc_pause_total_ms", gcPauseTotal.toNanos() / 1e6);
        out.put("gc_pause_max_ms", gcPauseMax.toNanos() / 1e6);
        return out;
    }

    /**
     * The component a sample's CPU time belongs to: that of the leaf-most frame with a known package
     * (JDK frames such as String.hashCode count for whoever called them). The generic layers (hub code,
     * Camel, Spring JMS) only when nothing more specific is on the stack above them.
     */
    static String selfComponent(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String n = name(f.getMethod());
            for (Map.Entry<String, List<String>> c : COMPONENTS.entrySet()) {
                for (String prefix : c.getValue()) {
                    if (n.startsWith(prefix)) {
                        return c.getKey();
                    }
                }
            }
        }
        return "other (JDK, threads, class loading)";
    }

    /** The pipeline stage a sample belongs to, by the name of the thread it was taken on. */
    static String stage(RecordedEvent sample) {
        RecordedThread thread = sample.getThread("sampledThread");
        String name = thread == null || thread.getJavaName() == null ? "" : thread.getJavaName();
        for (Map.Entry<String, Pattern> s : STAGES.entrySet()) {
            if (s.getValue().matcher(name).matches()) {
                return s.getKey();
            }
        }
        return OTHER_THREADS;
    }

    /** The first frame below the leaf that is not the JDK's own: who asked for this work. */
    static String firstLibraryCaller(List<RecordedFrame> frames) {
        for (int i = 1; i < frames.size(); i++) {
            String n = name(frames.get(i).getMethod());
            if (!n.startsWith("java.") && !n.startsWith("jdk.") && !n.startsWith("sun.")) {
                return n;
            }
        }
        return "(JDK only)";
    }

    private static double pct(long n, long total) {
        return total == 0 ? 0 : Math.round(1000.0 * n / total) / 10.0;
    }

    private static String name(RecordedMethod m) {
        return m == null ? "?" : m.getType().getName() + "." + m.getName();
    }
}
