package id.simpul.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** What the figures were measured on: commit, JVM, cores, memory, load. */
final class Machine {

    private Machine() {
    }

    /** The 1, 5 and 15 minute load averages, as {@code uptime} prints them. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static double load1() {
        try {
            return Double.parseDouble(loadAverage().split(" ")[0]);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * The machine's CPU time so far, from the first line of {@code /proc/stat} (clock ticks): user (with nice),
     * system (with irq and softirq), iowait, steal and idle. Two of them give how the whole machine spent a
     * benchmark's window; steal is time the hypervisor gave to other guests, which no figure of the hub shows.
     */
    record CpuTicks(long user, long system, long iowait, long steal, long idle) {

        static CpuTicks now() {
            try {
                return parse(Files.readAllLines(Path.of("/proc/stat")).get(0));
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        /** {@code cpu  user nice system idle iowait irq softirq steal …} */
        static CpuTicks parse(String line) {
            String[] f = line.trim().split("\\s+");
            long[] v = new long[9];
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                v[i] = Long.parseLong(f[i]);
            }
            return new CpuTicks(v[1] + v[2], v[3] + v[6] + v[7], v[5], v[8], v[4]);
        }

        /** Percentages of the window's ticks, or null when either end is unknown or no tick passed. */
        static ObjectNode shares(CpuTicks from, CpuTicks to) {
            if (from == null || to == null) {
                return null;
            }
            long[] d = {to.user - from.user, to.system - from.system, to.iowait - from.iowait,
                    to.steal - from.steal, to.idle - from.idle};
            long total = 0;
            for (long x : d) {
                total += x;
            }
            if (total <= 0) {
                return null;
            }
            ObjectNode n = Hub.JSON.createObjectNode();
            String[] names = {"user", "system", "iowait", "steal", "idle"};
            for (int i = 0; i < d.length; i++) {
                n.put(names[i], Math.round(d[i] * 1000.0 / total) / 10.0);
            }
            return n;
        }
    }

    static ObjectNode describe(Path root) {
        ObjectNode m = Hub.JSON.createObjectNode();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("cpu", cpuModel());
        m.put("memory_total_mib", memTotalMiB());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")");
        m.put("java_home", System.getProperty("java.home"));
        m.put("disk_free_gib", Math.round(root.toFile().getUsableSpace() / 1e9 * 10) / 10.0);
        return m;
    }

    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    static long memTotalMiB() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024).findFirst().orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Output of a short command, trimmed; empty on failure. */
    static String run(Path dir, String... command) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return "";
            }
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
