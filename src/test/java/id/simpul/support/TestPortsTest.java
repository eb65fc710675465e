package id.simpul.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class TestPortsTest {

    @Test
    void simulatorPortsAreFreeAndBelowTheRangeOutgoingConnectionsTakeTheirLocalPortsFrom() throws IOException {
        int low = TestPorts.ephemeralLow();
        int port = TestPorts.free();
        int pair = TestPorts.freePair();

        assertThat(port).isBetween(TestPorts.LOWEST, low - 1);
        assertThat(pair).isBetween(TestPorts.LOWEST, low - 2);
        try (ServerSocket a = new ServerSocket(pair, 50, InetAddress.getLoopbackAddress());
             ServerSocket b = new ServerSocket(pair + 1, 50, InetAddress.getLoopbackAddress())) {
            assertThat(b.getLocalPort()).isEqualTo(a.getLocalPort() + 1);
        }
    }
}
