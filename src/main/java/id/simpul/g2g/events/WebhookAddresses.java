package id.simpul.g2g.events;

import id.simpul.g2g.G2gProperties;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Where the hub may POST an agency's webhook (SSRF): not to the hub's own host, the office network or the
 * cloud's metadata service. A host that is or resolves to a loopback, unspecified, link-local, private
 * (RFC 1918, carrier-grade NAT 100.64/10, IPv6 unique-local) or multicast address is refused, unless the
 * hub's operators list it in {@code simpul.g2g.webhooks.private-hosts} (an agency's system on the regional
 * network). Checked when a subscription is made and again before every delivery, since a name's addresses
 * can change after it was checked (the dispatcher does not follow redirects). A name that does not resolve
 * is left to the delivery, which fails and retries as for any unreachable receiver.
 */
@Component
public class WebhookAddresses {

    private final G2gProperties.Webhooks settings;

    public WebhookAddresses(G2gProperties properties) {
        this.settings = properties.webhooks();
    }

    /** Why the hub will not POST to {@code url}; empty when it may. */
    public Optional<String> refusal(URI url) {
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        if (settings.privateHosts().contains(host)) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException | SecurityException unresolved) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            if (inside(address)) {
                return Optional.of("webhooks may not point to loopback, link-local or private addresses (" + host
                        + " is " + address.getHostAddress() + ") unless the hub's operators list the host in "
                        + "simpul.g2g.webhooks.private-hosts");
            }
        }
        return Optional.empty();
    }

    static boolean inside(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            // 100.64.0.0/10 (carrier-grade NAT, often the provider's or the office's own network), 0.0.0.0/8.
            return (b[0] == 100 && (b[1] & 0xC0) == 64) || b[0] == 0;
        }
        if (address instanceof Inet6Address) {
            // fc00::/7 unique-local; an IPv4 address embedded in IPv6 is judged as that IPv4 address.
            if ((b[0] & 0xFE) == 0xFC) {
                return true;
            }
            boolean mapped = isZero(b, 0, 10) && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF;
            boolean compatible = isZero(b, 0, 12);
            if (mapped || compatible) {
                try {
                    return inside(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException impossible) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
