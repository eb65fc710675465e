package id.simpul.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntPredicate;

/**
 * Free loopback ports for simulators, chosen before the context starts (their URLs are configuration).
 *
 * <p>They are chosen below the kernel's ephemeral range. A port the kernel hands out for {@code new ServerSocket(0)}
 * comes from the same range as the local ports of outgoing connections, so between the choice and the simulator's
 * bind a pooled JDBC connection or a broker client could take it ("Failed to bind to /127.0.0.1:39720" in
 * SlaTrackerIT on the production stack). Below the range, only a server binding that very port could.
 */
public final class TestPorts {

    /** The lowest port chosen: above the well-known and most registered service ports. */
    static final int LOWEST = 10_000;
    /** Linux's default start of the ephemeral range, where the kernel's own setting cannot be read. */
    private static final int DEFAULT_EPHEMERAL_LOW = 32_768;
    /** Read once: the kernel's range does not change while the tests run. */
    private static final int EPHEMERAL_LOW = readEphemeralLow();

    private TestPorts() {
    }

    /** A free port whose next port is free too (a simulator and the one "at the next port"). */
    public static int freePair() {
        return find(EPHEMERAL_LOW - 1, port -> isFree(port) && isFree(port + 1), "no two adjacent free ports");
    }

    public static int free() {
        return find(EPHEMERAL_LOW, TestPorts::isFree, "no free port");
    }

    private static int find(int bound, IntPredicate usable, String none) {
        for (int i = 0; i < 200; i++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, bound);
            if (usable.test(port)) {
                return port;
            }
        }
        throw new IllegalStateException(none + " found below " + EPHEMERAL_LOW);
    }

    /** The first port of the kernel's ephemeral range ({@code net.ipv4.ip_local_port_range}). */
    static int ephemeralLow() {
        return EPHEMERAL_LOW;
    }

    private static int readEphemeralLow() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            int low = Integer.parseInt(range.split("\\s+")[0]);
            return low > LOWEST + 1_000 ? low : DEFAULT_EPHEMERAL_LOW;
        } catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL_LOW;
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
