package id.simpul.g2g.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** The SSRF rule on addresses alone (the subscription and delivery paths: G2gWebhookTest, WebhookHttpTest). */
class WebhookAddressesTest {

    /**
     * On an IPv6-only network with NAT64 (DNS64, the well-known prefix 64:ff9b::/96) or over a 6to4 relay
     * (2002::/16), an IPv6 address carries an IPv4 one that the gateway connects to: a rebinding DNS answering
     * 64:ff9b::a00:5 sends the POST to 10.0.0.5 in the office network.
     */
    @Test
    void anIpv4AddressCarriedInANat64Or6to4AddressIsJudgedAsThatAddress() throws UnknownHostException {
        for (String inside : new String[] {"64:ff9b::a00:5", "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe",
                "64:ff9b::c0a8:10a", "2002:a00:5::1", "2002:7f00:1::", "2002:a9fe:a9fe:1::1"}) {
            assertThat(WebhookAddresses.inside(InetAddress.getByName(inside))).as(inside).isTrue();
        }
        for (String outside : new String[] {"64:ff9b::808:808", "2002:808:808::1", "2001:4860:4860::8888"}) {
            assertThat(WebhookAddresses.inside(InetAddress.getByName(outside))).as(outside).isFalse();
        }
    }

    /**
     * Ranges IANA reserves that no public receiver has, but that networks use inside: 198.18.0.0/15 (benchmarking,
     * often a data centre's own), 192.0.0.0/24 (the protocol assignments: NAT64 discovery, DS-Lite gateways) and
     * 240.0.0.0/4 (reserved, up to the broadcast address). An agency's webhook was accepted at any of them.
     */
    @Test
    void reservedIpv4RangesNoPublicReceiverHasAreRefused() throws UnknownHostException {
        for (String inside : new String[] {"198.18.0.1", "198.19.255.254", "192.0.0.170", "192.0.0.8", "240.0.0.1",
                "255.255.255.255", "::ffff:198.18.0.1", "64:ff9b::c612:1"}) {
            assertThat(WebhookAddresses.inside(InetAddress.getByName(inside))).as(inside).isTrue();
        }
        for (String outside : new String[] {"198.17.255.255", "198.20.0.1", "192.0.1.1", "223.255.255.254",
                "8.8.8.8"}) {
            assertThat(WebhookAddresses.inside(InetAddress.getByName(outside))).as(outside).isFalse();
        }
    }

    /**
     * The documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32) are no public
     * receiver's either, and some networks number their inside with them: a webhook there was accepted.
     */
    @Test
    void theDocumentationRangesAreRefused() throws UnknownHostException {
        for (String inside : new String[] {"192.0.2.1", "198.51.100.200", "203.0.113.7", "2001:db8::7",
                "2001:db8:ffff::1", "::ffff:203.0.113.7", "64:ff9b::c000:201"}) {
            assertThat(WebhookAddresses.inside(InetAddress.getByName(inside))).as(inside).isTrue();
        }
        for (String outside : new String[] {"192.0.3.1", "198.51.101.1", "203.0.114.1", "2001:db9::1",
                "2606:4700:4700::1111"}) {
            assertThat(WebhookAddresses.inside(InetAddress.getByName(outside))).as(outside).isFalse();
        }
    }
}
