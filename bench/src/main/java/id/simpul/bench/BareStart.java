package id.simpul.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * B5's baseline: a fresh JVM that starts only the bare broker the other baselines use (persistent NIO journal
 * on a fresh folder, synced), sends one durable message, prints how long it has been up and its CPU seconds,
 * and exits. Started by the harness right before each hub start, on the same JVM flags, so a start of the hub
 * can be read against what a start of its broker alone takes on the machine at that moment.
 */
public final class BareStart {

    static final String READY = "bare-start-ready ";

    private BareStart() {
    }

    public static void main(String[] args) throws Exception {
        try (BareBroker broker = new BareBroker(Path.of(args[0]))) {
            broker.sendLatency(Pushes.generate(5, 1), 0);
            OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            System.out.println(READY + ManagementFactory.getRuntimeMXBean().getUptime() / 1e3 + " "
                    + os.getProcessCpuTime() / 1e9);
        }
        // Artemis's client keeps pool threads alive for a minute after the broker stops: do not wait for them.
        System.exit(0);
    }
}
