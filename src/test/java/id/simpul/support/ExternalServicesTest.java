package id.simpul.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExternalServicesTest {

    @Test
    void aPurgeThatCannotReachTheBrokerFailsNamingTheRootCause() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var services = new ExternalServices.Connection("jdbc:postgresql://127.0.0.1:1/none", "u", "p",
                "tcp://127.0.0.1:" + closedPort, "simpul", "simpul");

        assertThatThrownBy(() -> services.purgeQueues("simpul.", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot purge queues at tcp://127.0.0.1:" + closedPort + " after ")
                .hasMessageContaining(" attempts in PT1S: ")
                // The client's own words for a refused connection, so a one-line CI summary tells why.
                .hasMessageContaining("AMQ219007");
    }

    @Test
    void causesListsEachLevelOfTheChainOutermostFirst() {
        var failure = new IllegalStateException("outer", new IOException("inner"));

        assertThat(ExternalServices.causes(failure)).isEqualTo("outer (IllegalStateException) <- inner (IOException)");
        assertThat(ExternalServices.causes(null)).isEqualTo("no attempt finished");
    }
}
