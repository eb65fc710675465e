package id.simpul.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Free loopback ports for simulators, chosen before the context starts (their URLs are configuration). */
public final class TestPorts {

    private TestPorts() {
    }

    /** A free port whose next port is free too (a simulator and the one "at the next port"). */
    public static int freePair() {
        for (int i = 0; i < 50; i++) {
            int port = free();
            if (port < 65535 && isFree(port + 1)) {
                return port;
            }
        }
        throw new IllegalStateException("no two adjacent free ports found");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
